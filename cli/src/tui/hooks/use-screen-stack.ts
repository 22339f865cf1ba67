/**
 * The screen stack, with every change applied to the latest stack at once. Several keys can arrive before the
 * next render (a burst, or events in one tick): each must act on the state the previous one left, so the stack is
 * kept in a ref that changes synchronously and the React state only follows it for drawing.
 */
import { useCallback, useMemo, useRef, useState } from 'react';
import type { Screen } from '../model/screens.js';

/** The stack as drawn, the latest stack, and the changes. */
export interface ScreenStack {
  /** The stack of the current render. */
  stack: readonly Screen[];
  /** The stack after every change so far, drawn or not. */
  latest(): readonly Screen[];
  push(screen: Screen): void;
  pop(): void;
  replaceTop(screen: Screen): void;
  /** Replaces the top screen with `update(latest top)`. */
  updateTop(update: (screen: Screen) => Screen): void;
}

/** A stack starting as `initial` (bottom first, at least one screen); read on the first render only. */
export function useScreenStack(initial: readonly Screen[]): ScreenStack {
  const [stack, setStack] = useState<readonly Screen[]>(initial);
  const ref = useRef<readonly Screen[]>(stack);
  const set = useCallback((next: readonly Screen[]) => {
    if (next === ref.current) return;
    ref.current = next;
    setStack(next);
  }, []);
  const actions = useMemo(() => ({
    latest: () => ref.current,
    push: (screen: Screen) => set([...ref.current, screen]),
    pop: () => set(ref.current.length > 1 ? ref.current.slice(0, -1) : ref.current),
    replaceTop: (screen: Screen) => set([...ref.current.slice(0, -1), screen]),
    updateTop: (update: (screen: Screen) => Screen) => {
      const top = ref.current[ref.current.length - 1] as Screen;
      const next = update(top);
      if (next !== top) set([...ref.current.slice(0, -1), next]);
    },
  }), [set]);
  return { stack, ...actions };
}
