import { GCProfiler, getHeapStatistics } from 'node:v8';

/**
 * Bytes allocated on the JavaScript heap while it runs: what every garbage collection in between freed, plus how
 * much the used heap grew from start to stop. V8 keeps no running total of allocations, but every byte allocated
 * is either still in use at the end or was freed by one of the collections the GC profiler reports. It costs a
 * record per collection, the same for every mode.
 */
export class AllocationMeter {
  private readonly profiler = new GCProfiler();
  private usedAtStart = 0;

  start(): void {
    this.usedAtStart = getHeapStatistics().used_heap_size;
    this.profiler.start();
  }

  /** Bytes allocated since {@link start}. */
  stop(): number {
    const usedAtEnd = getHeapStatistics().used_heap_size;
    let freed = 0;
    for (const gc of this.profiler.stop().statistics) freed += gc.beforeGC.heapStatistics.usedHeapSize - gc.afterGC.heapStatistics.usedHeapSize;
    return Math.max(0, usedAtEnd - this.usedAtStart + freed);
  }
}
