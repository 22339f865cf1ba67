/** What every view needs from the app: services, navigation, status messages and the current trace. */
import { createContext, useContext } from 'react';
import type { TuiServices } from '../cli/services-types.js';
import type { TraceSpan } from 'queue-otel/traces';
import type { Screen } from './model/screens.js';

/** The trace the o/t/r/T keys act on: the selected job's or trace's. */
export interface CurrentTrace {
  traceId: string;
  spans?: readonly TraceSpan[];
  /** The selected job's producer did not sample it: the id can be copied, but there is no trace to open. */
  unsampled?: true;
}

/** The app's shared state and actions. */
export interface AppContextValue {
  services: TuiServices;
  refreshMs: number;
  /** False while help or a prompt has the keyboard. */
  keysActive: boolean;
  push(screen: Screen): void;
  /** Replaces the top screen's state. */
  updateTop(update: (screen: Screen) => Screen): void;
  notify(message: string): void;
  setCurrentTrace(trace: CurrentTrace | undefined): void;
}

/** React context carrying {@link AppContextValue}. */
export const AppContext = createContext<AppContextValue | undefined>(undefined);

/** The app context; throws outside the app (a programming error). */
export function useTui(): AppContextValue {
  const value = useContext(AppContext);
  if (!value) throw new Error('useTui outside <App>');
  return value;
}
