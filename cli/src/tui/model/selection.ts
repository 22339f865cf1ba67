/**
 * Selection held as the item's identity. A list refreshed live gains and loses rows around the selected one,
 * so the row number is derived from the id on every data change, never the other way round. When the item is
 * gone, the cursor stays at its row number (on the neighbour) and the caller says so.
 */
import { clampIndex } from './window.js';

/** Where the cursor is: the row number, and the item's id once it is known. */
export interface Selection {
  index: number;
  id?: string | undefined;
}

/** A selection resolved against the current rows. */
export interface ResolvedSelection {
  index: number;
  /** Id of the row the cursor is on (undefined for an empty list). */
  id: string | undefined;
  /** The selected id when it is no longer in the list: the cursor moved to the row now at its place. */
  lost?: string;
}

/** Finds the selected item in `ids`: by id when it has one, else by row number. */
export function resolveSelection(ids: readonly string[], selection: Selection): ResolvedSelection {
  if (selection.id !== undefined) {
    const found = ids.indexOf(selection.id);
    if (found >= 0) return { index: found, id: selection.id };
  }
  const index = clampIndex(selection.index, ids.length);
  const resolved: ResolvedSelection = { index, id: ids[index] };
  if (selection.id !== undefined) resolved.lost = selection.id;
  return resolved;
}

/**
 * The selection `delta` rows (or, with `to`, at row `to`) away from the resolved one. Before the list has been
 * read (`loaded` false) the row number is kept as asked, to be resolved against the rows once they arrive: a key
 * pressed right after opening a screen still counts.
 */
export function moveSelection(ids: readonly string[], from: ResolvedSelection, target: { delta: number } | { to: number }, loaded = true): Selection {
  const wanted = 'to' in target ? target.to : from.index + target.delta;
  if (!loaded) return { index: Math.max(0, wanted) };
  const index = clampIndex(wanted, ids.length);
  return { index, id: ids[index] };
}
