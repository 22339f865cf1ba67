/** CPU microseconds (user + system) of this process since `since`, or since start. */
export function cpuMicros(since?: NodeJS.CpuUsage): number {
  const usage = process.cpuUsage(since);
  return usage.user + usage.system;
}

/** Peak heap and RSS, sampled every `everyMs` while running. */
export class MemoryPeak {
  heap = 0;
  rss = 0;
  private timer: NodeJS.Timeout | undefined;

  start(everyMs = 100): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), everyMs);
  }

  stop(): void {
    clearInterval(this.timer);
    this.sample();
  }

  private sample(): void {
    const usage = process.memoryUsage();
    if (usage.heapUsed > this.heap) this.heap = usage.heapUsed;
    if (usage.rss > this.rss) this.rss = usage.rss;
  }
}
