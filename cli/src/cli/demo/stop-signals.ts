/**
 * Runs `stop` once when the demo child is asked to end: SIGTERM, SIGINT, or the IPC channel to the demo
 * closing (the demo exited for any reason), so no child ever outlives it.
 */
export function stopOnSignals(stop: () => Promise<void>): void {
  let stopping = false;
  const once = (): void => {
    if (stopping) return;
    stopping = true;
    void stop().finally(() => process.exit(0));
  };
  process.on('SIGTERM', once);
  process.on('SIGINT', once);
  process.on('disconnect', once);
}
