/** Read once: `performance.timeOrigin` is a getter that builds its value on every read. */
const TIME_ORIGIN = performance.timeOrigin;

/** Epoch milliseconds on the monotonic clock, as the SDK times spans. */
export function now(): number {
  return TIME_ORIGIN + performance.now();
}
