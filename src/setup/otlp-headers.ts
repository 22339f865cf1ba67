/**
 * Checks OTLP headers before an exporter is built. Node's http client refuses a header whose name is not an HTTP
 * token or whose value holds a line break (or another character a header cannot carry) on every request, so one
 * such header made every export fail with nothing naming it. Node's own validators decide, so the check is exactly
 * what the request would refuse. Values are never put in a message: they are typically secrets.
 */
import { validateHeaderName, validateHeaderValue } from 'node:http';
import type { EnvWarn } from './env-parsers';

/** Why a header cannot be sent, in words for a message; undefined when it can. */
export function headerProblem(name: string, value: unknown): string | undefined {
  try {
    validateHeaderName(name);
  } catch {
    return "its name is not an HTTP token (letters, digits and !#$%&'*+-.^_`|~ only: no spaces, colons or control characters)";
  }
  if (typeof value !== 'string') return `its value is ${value === null ? 'null' : `a ${typeof value}`}, not a string`;
  try {
    validateHeaderValue(name, value);
  } catch {
    return 'its value holds a line break, another control character or a character beyond Latin-1, which HTTP cannot send';
  }
  return undefined;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return `a ${Object.prototype.toString.call(value).slice(8, -1)}`;
  return `a ${typeof value}`;
}

/**
 * The `headers` option given in code, checked: a plain object of header names to string values HTTP can send.
 * @throws TypeError naming the header and what is wrong with it (never its value), or saying what `headers` was
 *   given as instead of an object (a `key=value` string is the variables' form, not the option's).
 */
export function checkHeadersOption(headers: unknown): Record<string, string> | undefined {
  if (headers === undefined) return undefined;
  // A string or array spread into the merged headers became headers named "0", "1" ...; a Map or Headers spread into nothing.
  if (typeof headers !== 'object' || headers === null || Object.prototype.toString.call(headers) !== '[object Object]') {
    throw new TypeError(`queue-otel: headers must be an object of header names to string values, got ${describe(headers)}`);
  }
  for (const [name, value] of Object.entries(headers)) {
    const problem = headerProblem(name, value);
    if (problem) throw new TypeError(`queue-otel: header ${JSON.stringify(name)} of the headers option cannot be sent: ${problem} (the value is not shown)`);
  }
  return headers as Record<string, string>;
}

/** The headers of one variable without those HTTP cannot send, each left out reported by name (never its value). */
export function usableEnvHeaders(variable: string, headers: Record<string, string>, warn: EnvWarn): Record<string, string> {
  const usable: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const problem = headerProblem(name, value);
    if (problem) warn(`${variable}: header ${JSON.stringify(name)} cannot be sent: ${problem}; ignored`);
    else usable[name] = value;
  }
  return usable;
}
