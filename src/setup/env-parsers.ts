/**
 * Parsers for the value types of the OpenTelemetry environment variable specification. Each reports an unusable
 * value through `warn` and returns undefined, so the variable counts as unset: a typo in a deployment must not
 * stop a worker from starting.
 */
import { parseWholeNumber } from '../options';

/** Receives one warning per unusable variable. */
export type EnvWarn = (message: string) => void;

/** Largest timer delay Node accepts: what a timeout of 0 ("indefinite", says the specification) becomes. */
export const INDEFINITE_TIMEOUT_MILLIS = 2_147_483_647;

/** The variable's trimmed value; empty counts as unset, as the specification says. */
export function envString(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

/** One value of a known set, else a warning naming the variable, the value and what it accepts. */
export function envEnum<T extends string>(env: NodeJS.ProcessEnv, name: string, allowed: readonly T[], warn: EnvWarn): T | undefined {
  const raw = envString(env, name);
  if (raw === undefined) return undefined;
  const value = raw.toLowerCase();
  if ((allowed as readonly string[]).includes(value)) return value as T;
  warn(`${name}=${JSON.stringify(raw)} is not one of ${allowed.join(', ')}; ignored`);
  return undefined;
}

/** A timeout in milliseconds: an integer >= 0, where 0 means no timeout. */
export function envTimeout(env: NodeJS.ProcessEnv, name: string, warn: EnvWarn): number | undefined {
  const raw = envString(env, name);
  if (raw === undefined) return undefined;
  const value = parseWholeNumber(raw, 0);
  if (value === undefined) {
    warn(`${name}=${JSON.stringify(raw)} is not a whole number of milliseconds >= 0; ignored`);
    return undefined;
  }
  return value === 0 ? INDEFINITE_TIMEOUT_MILLIS : Math.min(value, INDEFINITE_TIMEOUT_MILLIS);
}

/** A boolean: only a case-insensitive `true` is true; anything but `false` is reported. */
export function envBoolean(env: NodeJS.ProcessEnv, name: string, warn: EnvWarn): boolean {
  const raw = envString(env, name);
  if (raw === undefined) return false;
  const value = raw.toLowerCase();
  if (value !== 'true' && value !== 'false') warn(`${name}=${JSON.stringify(raw)} is neither true nor false; read as false`);
  return value === 'true';
}

/** A comma-separated list, trimmed, lower-cased, without empty or repeated entries. */
export function envList(env: NodeJS.ProcessEnv, name: string): string[] | undefined {
  const raw = envString(env, name);
  if (raw === undefined) return undefined;
  const items = raw.split(',').map((item) => item.trim().toLowerCase()).filter((item) => item !== '');
  return items.length > 0 ? [...new Set(items)] : undefined;
}

/**
 * Parses `k1=v1,k2=v2` lists (keys and values URL-encoded), as OTEL_EXPORTER_OTLP_HEADERS and
 * OTEL_RESOURCE_ATTRIBUTES use. An entry without a key is reported by position only: header values are secrets.
 */
export function parseKeyValueList(raw: string, warn?: (entry: number) => void): Record<string, string> {
  const out: Record<string, string> = {};
  raw.split(',').forEach((part, index) => {
    if (part.trim() === '') return;
    const eq = part.indexOf('=');
    const key = eq > 0 ? part.slice(0, eq).trim() : '';
    if (key === '') {
      warn?.(index + 1);
      return;
    }
    const value = part.slice(eq + 1).trim();
    try {
      out[decodeURIComponent(key)] = decodeURIComponent(value);
    } catch {
      out[key] = value;
    }
  });
  return out;
}

/** A key-value list variable, with malformed entries reported. */
export function envKeyValues(env: NodeJS.ProcessEnv, name: string, warn: EnvWarn): Record<string, string> {
  const raw = envString(env, name);
  if (raw === undefined) return {};
  return parseKeyValueList(raw, (entry) => warn(`${name}: entry ${entry} is not key=value; ignored`));
}
