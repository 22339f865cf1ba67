/**
 * Stores a view's resolved selection back into its screen: the row number follows the item (selection.ts), and
 * when the item is gone the view says so once. The write only lands while the screen still holds what the
 * selection was resolved from, so a key pressed in between wins.
 */
import { useEffect } from 'react';
import { useTui } from '../app-context.js';
import type { ResolvedSelection } from '../model/selection.js';
import type { Screen } from '../model/screens.js';

/** How a view reads and writes its selection in its screen. */
export interface SelectionSlot<S extends Screen, R extends ResolvedSelection = ResolvedSelection> {
  is(screen: Screen): screen is S;
  /** What the resolution was made from, as text: the write lands only while it is unchanged. */
  key(screen: S): string;
  /** True when the screen already holds `resolved`. */
  holds(screen: S, resolved: R): boolean;
  write(screen: S, resolved: R): S;
}

/** Keeps `screen` in step with `resolved` (undefined while the data is loading). */
export function useKeepSelection<S extends Screen, R extends ResolvedSelection>(
  slot: SelectionSlot<S, R>, screen: S, resolved: R | undefined, lostMessage?: (id: string) => string,
): void {
  const app = useTui();
  const from = slot.key(screen);
  const needed = resolved !== undefined && !slot.holds(screen, resolved);
  useEffect(() => {
    if (!resolved || !needed) return;
    app.updateTop((latest) => (slot.is(latest) && slot.key(latest) === from ? slot.write(latest, resolved) : latest));
    if (resolved.lost !== undefined && lostMessage) app.notify(lostMessage(resolved.lost));
  }, [from, needed, JSON.stringify(resolved)]);
}

/** The screens with one list, their selection in `selected` and `selectedId`. */
type ListScreen = Extract<Screen, { kind: 'queues' | 'related' | 'classes' | 'class-jobs' }>;

/** The slot of screens with one list (`selected`, `selectedId`) of the given kind. */
export function listSlot<K extends ListScreen['kind']>(kind: K): SelectionSlot<Extract<ListScreen, { kind: K }>> {
  type S = Extract<ListScreen, { kind: K }>;
  const list = (screen: S): ListScreen => screen;
  return {
    is: (screen: Screen): screen is S => screen.kind === kind,
    key: (screen: S) => `${list(screen).selected}\u0000${list(screen).selectedId ?? ''}`,
    holds: (screen: S, resolved: ResolvedSelection) => list(screen).selected === resolved.index && list(screen).selectedId === resolved.id,
    write: (screen: S, resolved: ResolvedSelection) => ({ ...screen, selected: resolved.index, selectedId: resolved.id }),
  };
}
