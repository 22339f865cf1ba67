/**
 * In-process record of job attempts a QueueOtel worker has taken, so an observer in the same process
 * can skip them without any Redis traffic. Only filled while an observer is attached, and bounded: at
 * the cap the oldest entries go first (an observer lagging further behind than the cap falls back to the
 * Redis marker, or records the attempt twice when the marker is off: see docs/observer.md).
 */
export class InstrumentedAttempts {
  private readonly attempts = new Map<string, number>();
  private observers = 0;

  constructor(private readonly cap = 50_000) {}

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
    const key = keyOf(qualifiedQueue, jobId);
    this.attempts.delete(key);
    this.attempts.set(key, attempt);
    if (this.attempts.size > this.cap) {
      const oldest = this.attempts.keys().next().value;
      if (oldest !== undefined) this.attempts.delete(oldest);
    }
  }

  /** The latest attempt a QueueOtel worker in this process started for the job, removing it. */
  take(qualifiedQueue: string, jobId: string): number | undefined {
    const key = keyOf(qualifiedQueue, jobId);
    const attempt = this.attempts.get(key);
    if (attempt !== undefined) this.attempts.delete(key);
    return attempt;
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
