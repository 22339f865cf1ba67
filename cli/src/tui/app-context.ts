/** What every view needs from the app: services, navigation, status messages and the key handler slot. */
import { createContext, useContext } from 'react';
import type { MutableRefObject } from 'react';
import type { TuiServices } from '../cli/services-types.js';
import type { TraceSpan } from 'queue-otel/traces';
import type { KeyPress } from './input/key-presses.js';
import type { Screen } from './model/screens.js';

/** The trace the o/t/r/T keys act on: the one of the item the screen highlights. */
export interface CurrentTrace {
  traceId: string;
  spans?: readonly TraceSpan[];
  /** The selected job's producer did not sample it: the id can be copied, but there is no trace to open. */
  unsampled?: true;
}

/**
 * The top view's key handler: called with each key press and the latest top screen (which may be newer than the
 * one the view last drew); returns true when it handled the key.
 */
export type ScreenKeyHandler = (press: KeyPress, top: Screen) => boolean;

/** What the status line shows instead of the view's own line: a prompt or a message, already wrapped. */
export interface StatusOverride {
  lines: string[];
  tone: 'error' | 'prompt' | 'info';
}

/** The app's shared state and actions. */
export interface AppContextValue {
  services: TuiServices;
  refreshMs: number;
  push(screen: Screen): void;
  pop(): void;
  /** Replaces the top screen with `update(latest top screen)`. */
  updateTop(update: (screen: Screen) => Screen): void;
  /** Shows a message in the status line until it expires or the next key is pressed. */
  notify(message: string, tone?: 'error'): void;
  /** Where the top view puts its key handler on every render. */
  screenKeys: MutableRefObject<ScreenKeyHandler | undefined>;
  /** The prompt or message the status line shows, if any. */
  status: StatusOverride | undefined;
}

/** React context carrying {@link AppContextValue}. */
export const AppContext = createContext<AppContextValue | undefined>(undefined);

/** The app context; throws outside the app (a programming error). */
export function useTui(): AppContextValue {
  const value = useContext(AppContext);
  if (!value) throw new Error('useTui outside <App>');
  return value;
}
