/**
 * Checks OTLP headers before an exporter is built. Node's http client refuses a header whose name is not an HTTP
 * token or whose value holds a line break (or another character a header cannot carry) on every request, so one
 * such header made every export fail with nothing naming it. Node's own validators decide, so the check is exactly
 * what the request would refuse. Values are never put in a message: they are typically secrets. Nor is an invalid
 * name whole: `Authorization: Basic …` in a variable (`:` for `=`) is parsed as one name, the secret included, so a
 * name HTTP refuses is shown only up to its first character a name cannot have (see {@link shownHeaderName}).
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

/** The characters of an HTTP token (RFC 9110), which every header name must be made of. */
const TOKEN_PREFIX = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]*/;

/** Longest start of an invalid name shown: header names are short, a longer run is more likely a credential. */
const MAX_SHOWN_NAME_LENGTH = 32;

/**
 * How a message names a header: a valid name as it is (quoted); an invalid one only by its start, up to the first
 * character a name cannot have (`:`, a space ...), since what follows may be a value (`Authorization: Basic …`,
 * `x-api-key:AKIA…`), and not at all when that start is empty or longer than 32 characters.
 * @example
 * shownHeaderName('Authorization: Basic bGVh') // 'header "Authorization" (shown up to its first character a name cannot have)'
 */
export function shownHeaderName(name: string): string {
  const start = TOKEN_PREFIX.exec(name)?.[0] ?? '';
  if (start.length === name.length) return `header ${JSON.stringify(name)}`;
  if (start === '' || start.length > MAX_SHOWN_NAME_LENGTH) return 'a header whose name is not shown';
  return `header ${JSON.stringify(start)} (shown up to its first character a name cannot have)`;
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
    if (problem) throw new TypeError(`queue-otel: ${shownHeaderName(name)} of the headers option cannot be sent: ${problem} (the value is not shown)`);
  }
  return headers as Record<string, string>;
}

/** The headers of one variable without those HTTP cannot send, each left out reported by {@link shownHeaderName} (never its value). */
export function usableEnvHeaders(variable: string, headers: Record<string, string>, warn: EnvWarn): Record<string, string> {
  const usable: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const problem = headerProblem(name, value);
    if (problem) warn(`${variable}: ${shownHeaderName(name)} cannot be sent: ${problem}; ignored`);
    else usable[name] = value;
  }
  return usable;
}
