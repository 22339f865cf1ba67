import type { Context } from '@opentelemetry/api';

/** Stands for a deleted key: a lookup that reaches it stops there, as if the key were absent. */
const DELETED: unique symbol = Symbol('queue-otel.deleted');

/**
 * Past this many entries a context is rebuilt with one entry per live key. Keeps lookups short and lets
 * overwritten values go when something sets the same keys again and again.
 */
const MAX_DEPTH = 12;

/**
 * An immutable OpenTelemetry context kept as a chain: each `setValue` adds one small node pointing at its
 * parent. The API's own context copies its whole Map on every `setValue`; a job's contexts (the restored
 * producer context, the mark of its original metadata, its span) share their entries instead, which is
 * several hundred bytes less per in-flight job. Behaves as the API's context for every caller: only
 * `getValue`, `setValue` and `deleteValue` exist on the interface.
 */
export class LightContext implements Context {
  private constructor(
    private readonly parent: LightContext | undefined,
    private readonly key: symbol | undefined,
    private readonly value: unknown,
    private readonly depth: number,
  ) {}

  /** The empty context. */
  static readonly ROOT = new LightContext(undefined, undefined, undefined, 0);

  getValue(key: symbol): unknown {
    if (this.key === key) return this.value === DELETED ? undefined : this.value;
    for (let node = this.parent; node !== undefined; node = node.parent) {
      if (node.key === key) return node.value === DELETED ? undefined : node.value;
    }
    return undefined;
  }

  setValue(key: symbol, value: unknown): Context {
    return this.extend(key, value);
  }

  deleteValue(key: symbol): Context {
    return this.getValue(key) === undefined ? this : this.extend(key, DELETED);
  }

  private extend(key: symbol, value: unknown): LightContext {
    if (this.depth < MAX_DEPTH) return new LightContext(this, key, value, this.depth + 1);
    // The newest value of each key wins; deleted keys are left out.
    const live = new Map<symbol, unknown>([[key, value]]);
    if (this.key !== undefined && !live.has(this.key)) live.set(this.key, this.value);
    for (let node = this.parent; node !== undefined; node = node.parent) {
      if (node.key !== undefined && !live.has(node.key)) live.set(node.key, node.value);
    }
    let rebuilt = LightContext.ROOT;
    for (const [k, v] of live) if (v !== DELETED) rebuilt = new LightContext(rebuilt, k, v, rebuilt.depth + 1);
    return rebuilt;
  }
}

/** The empty context QueueOtel starts from: contexts derived from it stay light (see {@link LightContext}). */
export const LIGHT_ROOT: Context = LightContext.ROOT;
