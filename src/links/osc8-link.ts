/** OSC 8 terminal hyperlinks. */

const ESC = '\u001b';
/** C0 and C1 control characters and DEL: any of them could end the escape sequence early or inject another. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/**
 * Wraps `text` in an OSC 8 hyperlink to `url` (`ESC ]8;;URL ESC \ text ESC ]8;; ESC \`). Terminals without
 * OSC 8 show just the text. Control characters are removed from the text; a URL containing any is rejected,
 * and characters outside printable ASCII are percent-encoded, as the OSC 8 convention requires.
 */
export function osc8Link(url: string, text: string): string {
  if (/[\u0000-\u001f\u007f-\u009f]/.test(url)) throw new TypeError('osc8Link: the URL contains control characters');
  const safeUrl = Array.from(url, (char) => (char > '\u0020' && char < '\u007f' ? char : encodeURIComponent(char))).join('');
  return `${ESC}]8;;${safeUrl}${ESC}\\${text.replace(CONTROL, '')}${ESC}]8;;${ESC}\\`;
}
