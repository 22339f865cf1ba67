/** JSON for a terminal: `--json` output is often read on screen, not only by a program. */

/**
 * What `JSON.stringify` leaves raw although a terminal may act on it: DEL, the C1 controls (the 8-bit CSI
 * U+009B and OSC U+009D among them) and the bidi controls. It already escapes U+0000–U+001F (ESC as `\u001b`).
 */
const RAW_AFTER_STRINGIFY = /[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

function unicodeEscape(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * `JSON.stringify(value, null, space)` with DEL, C1 and bidi controls written as `\uXXXX` escapes. These
 * characters can only occur inside JSON strings, where the escape means the same character: a program that
 * parses the output gets exactly the stored value, and a terminal that shows it sees no control character.
 * `undefined` (which `JSON.stringify` gives for `undefined` or a function) is written as `null`.
 */
export function terminalSafeJson(value: unknown, space?: number): string {
  return (JSON.stringify(value, null, space) ?? 'null').replace(RAW_AFTER_STRINGIFY, unicodeEscape);
}
