/** Lets the top view handle key presses: its handler is registered on every render, with that render's data. */
import type { KeyPress } from '../input/key-presses.js';
import type { Screen } from '../model/screens.js';
import { useTui } from '../app-context.js';

/**
 * Registers `handler` for screens of `kind`. It receives the latest top screen, which may already be newer than
 * the one drawn (an earlier key of the same burst moved the cursor), and returns true when it used the key.
 */
export function useScreenKeys<K extends Screen['kind']>(kind: K, handler: (press: KeyPress, screen: Extract<Screen, { kind: K }>) => boolean): void {
  const app = useTui();
  app.screenKeys.current = (press, top) => (top.kind === kind ? handler(press, top as Extract<Screen, { kind: K }>) : false);
}
