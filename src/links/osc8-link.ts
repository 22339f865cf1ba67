/** OSC 8 terminal hyperlinks. */
import { terminalSafe } from '../terminal';

const ESC = '\u001b';
const BEL = '\u0007';
/** Printable ASCII but the space: what may stay as it is in an OSC 8 URI. */
const URI_SAFE = /^[\u0021-\u007e]$/;

/** UTF-8 percent-encoding of one code point; a lone surrogate (bad data) as U+FFFD. */
function percentEncode(char: string): string {
  try {
    return encodeURIComponent(char);
  } catch {
    return encodeURIComponent('\ufffd');
  }
}

/**
 * Wraps `text` in an OSC 8 hyperlink to `url` (`ESC ]8;;URL BEL text ESC ]8;; BEL`). Terminals without OSC 8
 * show just the text. BEL rather than `ESC \` ends the sequences because ink measures only that form as a
 * link: with `ESC \` it counts the URL as visible text and the panel around the link loses its border.
 *
 * Ids in the text and the URL may come from job data, so nothing in them can end the sequence early or start
 * another: every character of the URL outside printable ASCII (controls such as ESC and BEL included) is
 * percent-encoded, as the OSC 8 convention asks, and the text's control characters are shown as escapes
 * (`\x1b`, see `terminalSafe`). Never throws.
 */
export function osc8Link(url: string, text: string): string {
  const safeUrl = Array.from(String(url), (char) => (URI_SAFE.test(char) ? char : percentEncode(char))).join('');
  return `${ESC}]8;;${safeUrl}${BEL}${terminalSafe(text)}${ESC}]8;;${BEL}`;
}
