/**
 * Reads data now and then every `intervalMs`, keeping the last good value while a read is in flight or
 * fails, so a refresh never blanks the screen. A change of `key` reads at once. One read at a time: a read that
 * hangs is not piled on, and after {@link READ_STALL_MS} it is reported as the error.
 */
import { useEffect, useRef, useState } from 'react';

/** The latest value, the latest error (cleared by the next success) and whether the first read is pending. */
export interface Polled<T> {
  data: T | undefined;
  error: string | undefined;
  loading: boolean;
  /** The key the data was read for; differs from the current key while a new read is pending. */
  dataKey: string | undefined;
}

/** A read pending this long is reported while it goes on: the data on screen is no longer live. */
export const READ_STALL_MS = 5000;

/**
 * The error shown while a read hangs. The usual cause: Redis went away, and its client holds the commands until it
 * reconnects (then the read completes and the message goes), so no read ever fails on its own.
 */
export const STALLED_FIRST_MESSAGE = `no answer for ${READ_STALL_MS / 1000}s: is Redis reachable?`;

/** The same, once earlier data is on screen. */
export const STALLED_MESSAGE = `${STALLED_FIRST_MESSAGE} (showing the last data)`;

/** Polls `read` under `key`; `intervalMs` 0 reads once per key. */
export function usePoll<T>(key: string | undefined, read: () => Promise<T>, intervalMs: number): Polled<T> {
  const [state, setState] = useState<Polled<T>>({ data: undefined, error: undefined, loading: key !== undefined, dataKey: undefined });
  const readRef = useRef(read);
  readRef.current = read;
  useEffect(() => {
    if (key === undefined) return undefined;
    let cancelled = false;
    let timer: NodeJS.Timeout | undefined;
    let inFlight = false;
    let stall: NodeJS.Timeout | undefined;
    const tick = async (): Promise<void> => {
      if (inFlight) return;
      inFlight = true;
      stall = setTimeout(() => {
        // Before the first answer there is no last data to show.
        if (!cancelled) setState((previous) => ({ ...previous, error: previous.data === undefined ? STALLED_FIRST_MESSAGE : STALLED_MESSAGE }));
      }, READ_STALL_MS);
      try {
        const data = await readRef.current();
        if (!cancelled) setState({ data, error: undefined, loading: false, dataKey: key });
      } catch (error) {
        if (!cancelled) setState((previous) => ({ ...previous, error: error instanceof Error ? error.message : String(error), loading: false }));
      } finally {
        clearTimeout(stall);
        inFlight = false;
      }
    };
    setState((previous) => ({ ...previous, loading: true }));
    void tick();
    if (intervalMs > 0) timer = setInterval(() => void tick(), intervalMs);
    return () => {
      cancelled = true;
      if (timer) clearInterval(timer);
      clearTimeout(stall);
    };
  }, [key, intervalMs]);
  return state;
}
