/** The status line: how long a message stays, and how a long one is wrapped instead of cut. */
import { terminalSafe } from 'queue-otel/traces';

/** A message takes at most this many lines above the footer: enough for a long APM link to be copied whole. */
export const MAX_STATUS_LINES = 6;
/** How long a message stays, ms: long enough to read, short enough not to sit over the next job. */
export const MESSAGE_MS = 5000;
/** Errors stay a little longer: they often hold something to copy (a URL, a command). */
export const ERROR_MESSAGE_MS = 10_000;

/** The lifetime of a message of the given tone. */
export function messageLifetimeMs(tone: 'error' | undefined): number {
  return tone === 'error' ? ERROR_MESSAGE_MS : MESSAGE_MS;
}

/**
 * `text` in lines of at most `width` columns, at most `maxLines` of them (the last one cut with `…`). Breaks at a
 * space when there is one in the second half of the line, else anywhere: a URL is wrapped whole, never cut.
 * Control characters are shown as escapes first, so the lines are measured as the terminal shows them.
 */
export function wrapLines(text: string, width: number, maxLines: number): string[] {
  const chars = Array.from(terminalSafe(text));
  const size = Math.max(1, width);
  const lines: string[] = [];
  let start = 0;
  while (start < chars.length && lines.length < maxLines) {
    let end = Math.min(chars.length, start + size);
    if (end < chars.length) {
      const space = chars.lastIndexOf(' ', end);
      if (space > start + size / 2) end = space + 1;
    }
    lines.push(chars.slice(start, end).join('').trimEnd());
    start = end;
  }
  if (start < chars.length && lines.length > 0) {
    const last = Array.from(lines[lines.length - 1] as string);
    lines[lines.length - 1] = `${last.slice(0, Math.max(0, size - 1)).join('')}…`;
  }
  return lines.length ? lines : [''];
}
