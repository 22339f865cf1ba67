/**
 * Terminal-safe text. Job names, ids, error messages, stack traces, span names and attributes come from Redis,
 * BullMQ or a trace backend: anyone who can add a job can put escape sequences in them, which a terminal
 * would obey (retitle the window, write the clipboard with OSC 52, clear the screen). Every such string is
 * passed through {@link terminalSafe} before it is printed, so it can only ever be shown, never executed.
 */

/**
 * Everything a terminal may act on instead of drawing: C0 controls (U+0000–U+001F), DEL (U+007F), C1 controls
 * (U+0080–U+009F, among them the 8-bit CSI U+009B and OSC U+009D, which some terminals obey in UTF-8 too), and
 * the bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) that make text display in a
 * different order than it is stored ("Trojan Source").
 */
const UNSAFE_TERMINAL_CHARS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
/** {@link UNSAFE_TERMINAL_CHARS} without the line feed, for text whose lines the project itself joined. */
const UNSAFE_EXCEPT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** `\n`, `\r`, `\t` by name, other C0, DEL and C1 as `\xHH`, bidi controls as `\uHHHH` (lower-case hex). */
function visibleControl(char: string): string {
  const named = NAMED[char];
  if (named !== undefined) return named;
  const code = char.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * `text` with every control character of {@link UNSAFE_TERMINAL_CHARS} replaced by its visible escape, written
 * as a JavaScript string literal would: `\n`, `\r`, `\t`, `\xHH` (other C0, DEL, C1) and `\uHHHH` (bidi
 * controls). Line feeds and tabs are escaped too, so a one-line field stays one line. Everything else
 * (accents, emoji, CJK, a backslash) is unchanged, and so the result's width is predictable: the input's,
 * plus 1 column per `\n`/`\r`/`\t`, 3 per `\xHH` and 5 per `\uHHHH` (the control itself draws nothing).
 * Idempotent: the result contains no control character. A non-string (bad data from Redis) is converted with
 * `String` first.
 *
 * @example terminalSafe('\u001b]2;pwned\u0007') // '\\x1b]2;pwned\\x07', shown as \x1b]2;pwned\x07
 */
export function terminalSafe(text: string): string {
  const value = typeof text === 'string' ? text : String(text);
  return value.replace(UNSAFE_TERMINAL_CHARS, visibleControl);
}

/**
 * Like {@link terminalSafe} but keeps line feeds: for a whole block of output whose lines the project joined
 * itself (a table, a waterfall, an error report). Single fields inside such a block must still go through
 * {@link terminalSafe} first, or a line feed in a job name would start a new table row.
 */
export function terminalSafeLines(text: string): string {
  const value = typeof text === 'string' ? text : String(text);
  return value.replace(UNSAFE_EXCEPT_NEWLINE, visibleControl);
}
