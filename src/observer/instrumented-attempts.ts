import { BoundedMap } from './bounded-map';

/**
 * In-process record of job attempts a QueueOtel worker has taken, so an observer in the same process
 * can skip them without any Redis traffic. Only filled while an observer is attached, and bounded: at
 * the cap the oldest entries go first (an observer lagging further behind than the cap falls back to the
 * Redis marker, or records the attempt twice when the marker is off: see docs/observer.md).
 */
export class InstrumentedAttempts {
  private readonly attempts: BoundedMap;
  private observers = 0;

  constructor(cap = 50_000) {
    this.attempts = new BoundedMap(cap);
  }

  /** Whether any observer in this process wants attempts recorded. */
  get wanted(): boolean {
    return this.observers > 0;
  }

  /** Called by an observer when it attaches; returns the function that detaches it. */
  attach(): () => void {
    this.observers++;
    let attached = true;
    return () => {
      if (!attached) return;
      attached = false;
      if (--this.observers === 0) this.attempts.clear();
    };
  }

  /** Records that a QueueOtel worker started `attempt` of a job (queue given as `prefix:name`). */
  add(qualifiedQueue: string, jobId: string, attempt: number): void {
    this.attempts.set(keyOf(qualifiedQueue, jobId), attempt);
  }

  /** The latest attempt a QueueOtel worker in this process started for the job, removing it. */
  take(qualifiedQueue: string, jobId: string): number | undefined {
    return this.attempts.take(keyOf(qualifiedQueue, jobId));
  }

  /** Entries held now. */
  get size(): number {
    return this.attempts.size;
  }
}

function keyOf(qualifiedQueue: string, jobId: string): string {
  return `${qualifiedQueue}\u0000${jobId}`;
}

/** The process-wide registry shared by the worker hook and every observer. */
export const instrumentedAttempts = new InstrumentedAttempts();
