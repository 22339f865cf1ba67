/** The one-line prompt opened by `/` and `Ctrl+T`: what it is for and how a submitted value is used. */

/** Which prompt is open. */
export type PromptKind = 'search' | 'trace-id';

/** An open prompt and its text so far. */
export interface PromptState {
  kind: PromptKind;
  text: string;
}

/** The label shown before the typed text. */
export function promptLabel(kind: PromptKind): string {
  return kind === 'search' ? '/' : 'trace id: ';
}

/** True for a full 32-digit hex trace id (16 digits is accepted too, as Zipkin's short ids). */
export function isFullTraceId(text: string): boolean {
  return /^(?:[0-9a-f]{32}|[0-9a-f]{16})$/i.test(text.trim());
}

const EMBEDDED_TRACE_ID = /(?<![0-9a-f])[0-9a-f]{32}(?![0-9a-f])/g;

/**
 * The trace id `text` holds, in lower case: the text itself when it is a full id, else the one 32-digit hex id
 * inside it, as pasted from a log line, a `traceparent` or this UI's own `trace <id>` status line. Undefined
 * when there is none or more than one (which one would be meant?).
 */
export function traceIdIn(text: string): string | undefined {
  const lower = text.trim().toLowerCase();
  if (isFullTraceId(lower)) return lower;
  const ids = new Set(Array.from(lower.matchAll(EMBEDDED_TRACE_ID), (match) => match[0]));
  return ids.size === 1 ? ids.values().next().value : undefined;
}

/** Applies a key press to the prompt text: printable input appends, backspace/delete removes. */
export function editPrompt(text: string, input: string, backspace: boolean): string {
  if (backspace) return Array.from(text).slice(0, -1).join('');
  // Pasted text arrives in one chunk; control characters never belong in a search.
  return text + input.replace(/[\u0000-\u001f\u007f]/g, '');
}
