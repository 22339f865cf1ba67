/**
 * Reads data now and then every `intervalMs`, keeping the last good value while a read is in flight or
 * fails, so a refresh never blanks the screen. A change of `key` reads at once.
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
    const tick = async (): Promise<void> => {
      if (inFlight) return;
      inFlight = true;
      try {
        const data = await readRef.current();
        if (!cancelled) setState({ data, error: undefined, loading: false, dataKey: key });
      } catch (error) {
        if (!cancelled) setState((previous) => ({ ...previous, error: error instanceof Error ? error.message : String(error), loading: false }));
      } finally {
        inFlight = false;
      }
    };
    setState((previous) => ({ ...previous, loading: true }));
    void tick();
    if (intervalMs > 0) timer = setInterval(() => void tick(), intervalMs);
    return () => {
      cancelled = true;
      if (timer) clearInterval(timer);
    };
  }, [key, intervalMs]);
  return state;
}
