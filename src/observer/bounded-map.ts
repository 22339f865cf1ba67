/**
 * A string-to-number map that forgets its oldest entries beyond a cap, so per-job bookkeeping stays
 * bounded however many jobs never report back (removed, or their events dropped).
 */
export class BoundedMap {
  private readonly entries = new Map<string, number>();

  constructor(private readonly cap: number) {}

  /** Sets `key`, moving it to the newest position. */
  set(key: string, value: number): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.cap) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }

  /** Returns and removes the value of `key`. */
  take(key: string): number | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) this.entries.delete(key);
    return value;
  }

  /** Removes everything. */
  clear(): void {
    this.entries.clear();
  }

  /** Entries held now. */
  get size(): number {
    return this.entries.size;
  }
}
