/**
 * Cutting untrusted text to a length. Job names, ids and error messages from Redis have any size (an error
 * message of 200 KB on one line is real: a serialised response body); what is shown of them is bounded, and
 * the work done on them too: both functions stop reading at the bound. Lengths count code points, which is what
 * the tables measure, and a cut never falls inside a surrogate pair or a control character's escape.
 */
import { terminalSafe } from 'queue-otel/traces';

/** What a cut string ends with. */
export const ELLIPSIS = '…';

/**
 * `text` when it has at most `max` code points, else its first `max - 1` and {@link ELLIPSIS}: at most `max`
 * code points either way. For raw values kept for later (a job row's error message), escaped when shown.
 */
export function boundText(text: string, max: number): string {
  // Fewer UTF-16 units than `max` means fewer code points too.
  if (text.length <= max) return text;
  if (max <= 0) return '';
  let count = 0;
  // UTF-16 offset after `count` code points, and after the first `max - 1` of them.
  let offset = 0;
  let keep = 0;
  for (const char of text) {
    if (count === max - 1) keep = offset;
    if (count === max) return `${text.slice(0, keep)}${ELLIPSIS}`;
    count += 1;
    offset += char.length;
  }
  return text;
}

/**
 * `text` with its control characters escaped (see `terminalSafe`), in at most `max` code points: when the
 * escaped text is longer, as much of it as fits before a final {@link ELLIPSIS}, cut between two characters of
 * the input, so an escape such as `\x1b` is whole or left out, never shown in part.
 */
export function safeCut(text: string, max: number): string {
  if (max <= 0) return '';
  const value = typeof text === 'string' ? text : String(text);
  let shown = '';
  let used = 0;
  // How much of `shown` still leaves room for the ellipsis.
  let beforeEllipsis = 0;
  for (const char of value) {
    const piece = terminalSafe(char);
    // An escape is ASCII: its code points are its UTF-16 units. Any other character is one code point.
    const width = piece === char ? 1 : piece.length;
    if (used + width > max) return `${shown.slice(0, beforeEllipsis)}${ELLIPSIS}`;
    shown += piece;
    used += width;
    if (used <= max - 1) beforeEllipsis = shown.length;
  }
  return shown;
}
