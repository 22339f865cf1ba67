/** CPU microseconds (user + system) of this process since `since`, or since start. */
export function cpuMicros(since?: NodeJS.CpuUsage): number {
  const usage = process.cpuUsage(since);
  return usage.user + usage.system;
}

/** The kernel's share (system time) of the CPU microseconds since `since`: socket I/O on loopback is mostly this. */
export function systemMicros(since: NodeJS.CpuUsage): number {
  return process.cpuUsage(since).system;
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
