/** Bounded waits: racing work against a timer that never keeps the process alive. */
export { settlesWithin } from './settles-within';
export { within } from './within';
