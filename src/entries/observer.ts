import '../peers/check-observer';
/** `queue-otel/observer`: stall spans and observed spans from a queue's events (docs/observer.md). */
export { QueueEventsObserver } from '../observer';
export type { ObserverOptions, ObserverStats, QueueLike } from '../observer';
