/**
 * The QueueEvents observer: stall spans and observed spans for jobs of uninstrumented workers, built
 * from a queue's event stream and its job hashes: `new QueueEventsObserver(otel, queueEvents, options)`.
 */
export { QueueEventsObserver } from './queue-events-observer';
export type { ObserverOptions, QueueLike } from './options';
export { OBSERVER_DEFAULTS } from './options';
export type { ObserverStats } from './observer-stats';
