import type { CircuitState } from './circuit-breaker';

/**
 * Why spans were dropped by the {@link ResilientSpanExporter}:
 * - `buffer_full`: the in-memory buffer was full and there was no fallback (or its share was full too);
 * - `rejected`: the backend refused a batch for good (HTTP 4xx other than 408/429);
 * - `fallback_failed`: overflow spans the fallback exporter failed to take;
 * - `shutdown`: still buffered when `shutdown()` gave up, with no fallback to take them.
 */
export type ExportDropReason = 'buffer_full' | 'rejected' | 'fallback_failed' | 'shutdown';

/** Which exporter an error came from: the wrapped one, or the fallback (spilling or replaying). */
export type ExportTarget = 'primary' | 'fallback';

/**
 * The counters the exporter records on. `TracingHealthMetrics` from `src/health` fits as is; any object
 * with these two methods does.
 */
export interface ExportHealthSink {
  /** Counts a failed export to `backend`, labelled by error type. */
  exportError(backend: string, errorType: string, count?: number): void;
  /** Counts `count` spans dropped for `reason`. */
  spansDropped(reason: string, count?: number): void;
}

/**
 * Observability hooks of the {@link ResilientSpanExporter}. All optional, all called synchronously from the
 * sender (never from `export()`'s caller); an exception thrown by a hook is swallowed.
 */
export interface ExportHooks {
  /** Health counters to record errors and drops on, e.g. a `TracingHealthMetrics`. */
  health?: ExportHealthSink;
  /** Called once per failed attempt with a low-cardinality error type (see `exportErrorType`). */
  onExportError?: (errorType: string, detail: { target: ExportTarget; error: Error }) => void;
  /**
   * Called whenever spans are dropped. `replay_rejected` reports replayed fallback spans the backend refused
   * for good; it is not part of `stats().dropped`, whose spans were never spilled.
   */
  onDropped?: (reason: ExportDropReason | 'replay_rejected', count: number) => void;
  /** Called on every circuit state change. */
  onCircuitStateChange?: (state: CircuitState, previous: CircuitState) => void;
}

/** Calls `hook`, swallowing its errors: observability must never break exporting. */
export function safely(hook: () => void): void {
  try {
    hook();
  } catch {
    // deliberately ignored, see above
  }
}
