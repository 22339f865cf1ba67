/**
 * Validation of what goes into a deep link: ids, times and settings. Config often comes from flags or
 * environment variables, so it is checked at run time with errors that name the missing setting.
 */
import type { TraceLinkTarget } from './link-config';

/** Validated placeholder values; absent optional values stay undefined. */
export interface LinkValues {
  traceId: string;
  spanId?: string;
  startMs?: number;
  endMs?: number;
  startSec?: number;
  endSec?: number;
}

const TRACE_ID = /^[0-9a-f]{32}$/i;
const SPAN_ID = /^[0-9a-f]{16}$/i;

function checkTime(name: string, value: number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isFinite(value) || value < 0) throw new TypeError(`Invalid ${name} ${String(value)}: expected Unix milliseconds`);
  return Math.floor(value);
}

/** Validates ids (32/16 hex) and times; seconds are widened outward so the window still covers the trace. */
export function linkValues(target: TraceLinkTarget): LinkValues {
  if (!TRACE_ID.test(target.traceId)) throw new TypeError(`Invalid trace id "${target.traceId}": expected 32 hex digits`);
  const values: LinkValues = { traceId: target.traceId.toLowerCase() };
  if (target.spanId !== undefined) {
    if (!SPAN_ID.test(target.spanId)) throw new TypeError(`Invalid span id "${target.spanId}": expected 16 hex digits`);
    values.spanId = target.spanId.toLowerCase();
  }
  const startMs = checkTime('startMs', target.startMs);
  const endMs = checkTime('endMs', target.endMs);
  if (startMs !== undefined && endMs !== undefined && endMs < startMs) throw new RangeError('endMs is before startMs');
  if (startMs !== undefined) {
    values.startMs = startMs;
    values.startSec = Math.floor(startMs / 1000);
  }
  if (endMs !== undefined) {
    values.endMs = endMs;
    values.endSec = Math.ceil(endMs / 1000);
  }
  return values;
}

/** Returns a required string setting, or throws naming the preset and the setting. */
export function requireSetting(preset: string, name: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new TypeError(`Deep link preset "${preset}" needs the setting "${name}"`);
  }
  return value.trim();
}

/** Returns a required http(s) base URL setting without trailing slashes. */
export function requireBaseUrl(preset: string, name: string, value: unknown): string {
  const raw = requireSetting(preset, name, value);
  let protocol: string;
  try {
    protocol = new URL(raw).protocol;
  } catch {
    throw new TypeError(`Deep link preset "${preset}": setting "${name}" is not a URL: "${raw}"`);
  }
  if (protocol !== 'http:' && protocol !== 'https:') {
    throw new TypeError(`Deep link preset "${preset}": setting "${name}" must be an http or https URL`);
  }
  return raw.replace(/\/+$/, '');
}
