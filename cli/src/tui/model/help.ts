/** The help screen's lines: every key's text wrapped to the terminal, and how far the screen can scroll. */
import { HELP_LINES } from './keys.js';
import { wrapLines } from './status.js';

/** Columns of the key before its description. */
export const HELP_KEY_WIDTH = 10;

/** One line of the help screen: the key on an entry's first line, '' on its continuation lines. */
export interface HelpRow {
  key: string;
  text: string;
}

/**
 * A line the help screen shows above the keys, `[label, text]`: what the session started beside the UI (the demo's
 * metrics endpoints), which was printed before the UI took the screen and is hidden behind it while it runs.
 */
export type HelpNote = readonly [label: string, text: string];

/**
 * The `notes`, then every entry of {@link HELP_LINES}, each description wrapped to the panel's inner width (`width` minus the
 * border and the key column) so that nothing is cut in a narrow terminal.
 */
export function helpRows(width: number, notes: readonly HelpNote[] = []): HelpRow[] {
  const textWidth = Math.max(10, width - 2 - HELP_KEY_WIDTH);
  return [...notes, ...HELP_LINES].flatMap(([key, text]) => wrapLines(text, textWidth, 20).map((part, index) => ({ key: index === 0 ? key : '', text: part })));
}

/** Rows of help a panel of outer `height` shows (border and title take three). */
export function helpVisibleRows(height: number): number {
  return Math.max(1, height - 3);
}

/** The largest first row for scrolling: the last row is then at the bottom. */
export function helpMaxOffset(width: number, height: number, notes: readonly HelpNote[] = []): number {
  return Math.max(0, helpRows(width, notes).length - helpVisibleRows(height));
}
