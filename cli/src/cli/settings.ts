/**
 * Command-line settings: flags first, then `QUEUE_OTEL_*` / `REDIS_URL` environment variables, then defaults.
 * Kept pure (flags and env in, settings out) so it is tested without a process.
 */
import { keyPrefixProblem } from 'queue-otel/store';
import { outOfRangeMessage } from './range-message';
import { redisTlsFilesOf } from './redis-tls';
import { UsageError } from './usage-error';
import type { RedisTlsFiles } from './redis-tls';

/** Trace backends `--trace-source` accepts besides the Redis span store. */
export const TRACE_SOURCES = ['redis', 'jaeger', 'tempo', 'zipkin'] as const;
/** Where waterfalls are read from. */
export type TraceSourceKind = (typeof TRACE_SOURCES)[number];

/** Resolved settings shared by every command. */
export interface CliSettings {
  redisUrl: string;
  /** BullMQ key prefix. */
  bullPrefix: string;
  /** Span store key prefix. */
  keyPrefix: string;
  traceSource: TraceSourceKind;
  traceUrl?: string;
  apm?: string;
  apmUrl?: string;
  /** Tempo data source uid for `--apm grafana-tempo`. */
  apmDatasource?: string;
  linkTemplate?: string;
  /** Executable used to open URLs instead of the system's. */
  opener?: string;
  /** Live refresh interval of the UI, ms. */
  refreshMs: number;
  /** PEM files for a rediss:// Redis (QUEUE_OTEL_REDIS_TLS_*), read when the client connects. */
  redisTls: RedisTlsFiles;
}

/** Flag values as parsed (every flag optional). */
export type FlagValues = Partial<Record<string, string | boolean | undefined>>;

/** Environment variable per setting; documented in docs/tui.md. */
export const ENV_NAMES = {
  redisUrl: 'REDIS_URL',
  bullPrefix: 'QUEUE_OTEL_BULL_PREFIX',
  keyPrefix: 'QUEUE_OTEL_KEY_PREFIX',
  traceSource: 'QUEUE_OTEL_TRACE_SOURCE',
  traceUrl: 'QUEUE_OTEL_TRACE_URL',
  apm: 'QUEUE_OTEL_APM',
  apmUrl: 'QUEUE_OTEL_APM_URL',
  apmDatasource: 'QUEUE_OTEL_APM_DATASOURCE',
  linkTemplate: 'QUEUE_OTEL_LINK_TEMPLATE',
  opener: 'QUEUE_OTEL_OPENER',
  refreshMs: 'QUEUE_OTEL_REFRESH_MS',
} as const;

function pick(flags: FlagValues, flag: string, env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = flags[flag];
  if (typeof value === 'string' && value !== '') return value;
  const fromEnv = env[name];
  return fromEnv === undefined || fromEnv === '' ? undefined : fromEnv;
}

/** Checks a Redis URL's shape; throws a {@link UsageError} naming the problem. */
export function validateRedisUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`not a Redis URL: "${url}" (expected redis://host:port or rediss://host:port)`);
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new UsageError(`not a Redis URL: "${url}" (the scheme must be redis:// or rediss://)`);
  }
  if (!parsed.hostname) throw new UsageError(`not a Redis URL: "${url}" (no host)`);
  return url;
}

/**
 * Checks a backend's query API URL as the trace sources will (http or https), so a wrong one is a usage error before
 * anything connects rather than the sources' TypeError, printed with its stack once Redis has been reached.
 */
function validateTraceUrl(url: string): void {
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    throw new UsageError(`--trace-url (or ${ENV_NAMES.traceUrl}) is not a URL: "${url}" (expected http://host:port or https://host:port)`);
  }
  if (protocol !== 'http:' && protocol !== 'https:') {
    throw new UsageError(`--trace-url (or ${ENV_NAMES.traceUrl}) must be an http:// or https:// URL, got "${url}"`);
  }
}

/** The URL without its password, for messages and the UI header. */
export function redactRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return url;
  }
}

/**
 * The live refresh interval's range, ms. Below 200 the TUI would spend its time redrawing and querying Redis;
 * above an hour it is no longer live, and past 2^31 - 1 ms node's timers fire at once instead, on every tick.
 */
export const REFRESH_RANGE = { min: 200, max: 3_600_000 } as const;

/** `--refresh` / QUEUE_OTEL_REFRESH_MS in milliseconds (2000 when unset); anything outside {@link REFRESH_RANGE} is a usage error. */
function refreshMillis(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return 2000;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < REFRESH_RANGE.min || value > REFRESH_RANGE.max) {
    throw new UsageError(outOfRangeMessage(`--refresh (or ${ENV_NAMES.refreshMs})`, raw, REFRESH_RANGE, 'a number of milliseconds'));
  }
  return value;
}

/**
 * `--key-prefix` / QUEUE_OTEL_KEY_PREFIX ('qo' when unset). A prefix the span store refuses (braces would break its
 * cluster hash tags) is a usage error here rather than a library TypeError when the store is opened.
 */
function keyPrefix(raw: string | undefined): string {
  if (raw === undefined) return 'qo';
  const problem = keyPrefixProblem(raw);
  if (problem) throw new UsageError(`--key-prefix (or ${ENV_NAMES.keyPrefix}) ${problem}, got ${JSON.stringify(raw)}`);
  return raw;
}

/** Resolves settings from parsed flags and the environment. */
export function resolveSettings(flags: FlagValues, env: NodeJS.ProcessEnv = process.env): CliSettings {
  const source = (pick(flags, 'trace-source', env, ENV_NAMES.traceSource) ?? 'redis').toLowerCase();
  if (!(TRACE_SOURCES as readonly string[]).includes(source)) {
    throw new UsageError(`unknown trace source "${source}" (one of ${TRACE_SOURCES.join(', ')})`);
  }
  const traceUrl = pick(flags, 'trace-url', env, ENV_NAMES.traceUrl);
  if (source !== 'redis' && !traceUrl) throw new UsageError(`--trace-source ${source} needs --trace-url (or ${ENV_NAMES.traceUrl})`);
  if (source !== 'redis' && traceUrl) validateTraceUrl(traceUrl);
  const refresh = refreshMillis(pick(flags, 'refresh', env, ENV_NAMES.refreshMs));
  const settings: CliSettings = {
    redisUrl: validateRedisUrl(pick(flags, 'redis', env, ENV_NAMES.redisUrl) ?? 'redis://127.0.0.1:6379'),
    bullPrefix: pick(flags, 'prefix', env, ENV_NAMES.bullPrefix) ?? 'bull',
    keyPrefix: keyPrefix(pick(flags, 'key-prefix', env, ENV_NAMES.keyPrefix)),
    traceSource: source as TraceSourceKind,
    refreshMs: refresh,
    redisTls: redisTlsFilesOf(env),
  };
  const optional = {
    traceUrl,
    apm: pick(flags, 'apm', env, ENV_NAMES.apm),
    apmUrl: pick(flags, 'apm-url', env, ENV_NAMES.apmUrl),
    apmDatasource: pick(flags, 'apm-datasource', env, ENV_NAMES.apmDatasource),
    linkTemplate: pick(flags, 'link-template', env, ENV_NAMES.linkTemplate),
    opener: env[ENV_NAMES.opener] || undefined,
  };
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined) (settings as unknown as Record<string, string>)[key] = value;
  }
  return settings;
}
