/**
 * `useInput` with the latest handler always: the handler is kept in a ref updated on every render, so a key
 * pressed right after a data refresh never runs against the data of an earlier render (ink re-subscribes
 * handlers in an effect, which can lag behind the frame on screen).
 */
import { useCallback, useRef } from 'react';
import { useInput } from 'ink';
import type { Key } from 'ink';

/** A key handler as ink calls it. */
export type KeyHandler = (input: string, key: Key) => void;

/** Subscribes `handler` to key presses while `active`. */
export function useKeys(handler: KeyHandler, active = true): void {
  const ref = useRef(handler);
  ref.current = handler;
  const stable = useCallback<KeyHandler>((input, key) => ref.current(input, key), []);
  useInput(stable, { isActive: active });
}
