import { nearestNames } from '../options';
import type { ConfigIssue } from './config-error';

/** Collects issues while reading a raw configuration object with typed accessors. */
export class ConfigReader {
  readonly issues: ConfigIssue[] = [];

  fail(key: string, message: string): undefined {
    this.issues.push({ key, message });
    return undefined;
  }

  object(key: string, value: unknown): Record<string, unknown> | undefined {
    if (value === undefined) return undefined;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return this.fail(key, `expected a mapping, got ${describe(value)}`);
    return value as Record<string, unknown>;
  }

  boolean(key: string, value: unknown): boolean | undefined {
    if (value === undefined) return undefined;
    return typeof value === 'boolean' ? value : this.fail(key, `expected true or false, got ${describe(value)}`);
  }

  string(key: string, value: unknown): string | undefined {
    if (value === undefined) return undefined;
    return typeof value === 'string' && value.length > 0 ? value : this.fail(key, `expected a non-empty string, got ${describe(value)}`);
  }

  url(key: string, value: unknown): string | undefined {
    const text = this.string(key, value);
    if (text === undefined) return undefined;
    try {
      const url = new URL(text);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') return this.fail(key, `expected an http(s) URL, got ${JSON.stringify(text)}`);
      return text;
    } catch {
      return this.fail(key, `expected a URL, got ${JSON.stringify(text)}`);
    }
  }

  rate(key: string, value: unknown): number | undefined {
    if (value === undefined) return undefined;
    return typeof value === 'number' && value >= 0 && value <= 1 ? value : this.fail(key, `expected a rate from 0 to 1, got ${describe(value)}`);
  }

  positiveInt(key: string, value: unknown): number | undefined {
    if (value === undefined) return undefined;
    return Number.isInteger(value) && (value as number) > 0 ? (value as number) : this.fail(key, `expected a positive integer, got ${describe(value)}`);
  }

  stringMap(key: string, value: unknown): Record<string, string> | undefined {
    const map = this.object(key, value);
    if (!map) return undefined;
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(map)) {
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k] = String(v);
      else this.fail(`${key}.${k}`, `expected a string, got ${describe(v)}`);
    }
    return out;
  }

  rateMap(key: string, value: unknown): Record<string, number> | undefined {
    const map = this.object(key, value);
    if (!map) return undefined;
    const out: Record<string, number> = {};
    for (const [k, v] of Object.entries(map)) {
      const rate = this.rate(`${key}.${k}`, v);
      if (rate !== undefined) out[k] = rate;
    }
    return out;
  }

  /** Reports keys that are not in `known`, with a suggestion when one is close. */
  unknownKeys(prefix: string, map: Record<string, unknown>, known: readonly string[]): void {
    for (const key of Object.keys(map)) {
      if (known.includes(key)) continue;
      const near = nearestNames(key, known);
      const hint = near.length > 0 ? `did you mean ${near.map((k) => JSON.stringify(k)).join(' or ')}?` : `expected one of ${known.join(', ')}`;
      this.fail(prefix ? `${prefix}.${key}` : key, `unknown key; ${hint}`);
    }
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${String(value)}`;
}
