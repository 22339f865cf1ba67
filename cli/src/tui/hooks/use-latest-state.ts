/** State whose latest value is readable at once, before the render that shows it (see use-screen-stack.ts). */
import { useCallback, useRef, useState } from 'react';

/** The value of the current render, the latest value, and its setter. */
export interface LatestState<T> {
  value: T;
  get(): T;
  set(value: T): void;
}

/** `useState` with a synchronous `get()`. */
export function useLatestState<T>(initial: T): LatestState<T> {
  const [value, setValue] = useState<T>(initial);
  const ref = useRef<T>(value);
  const set = useCallback((next: T) => {
    ref.current = next;
    setValue(() => next);
  }, []);
  const get = useCallback(() => ref.current, []);
  return { value, get, set };
}
