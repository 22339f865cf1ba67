/**
 * Parses a configuration file's text (YAML, or JSON, which YAML reads too) into plain data, refusing a file too
 * large to be a configuration and a mapping with a key twice.
 *
 * `yaml` can check keys itself (`uniqueKeys`), but compares every key with every other in a mapping: a mapping of
 * a few ten thousand keys then took minutes. Keys are checked here with a set per mapping, in linear time.
 */
import { LineCounter, isMap, isScalar, parseDocument, visit } from 'yaml';
import type { Document } from 'yaml';
import { ConfigError } from './config-error';
import { keyLocator } from './key-positions';
import type { KeyLocator } from './key-positions';
import { syntaxIssue } from './syntax-issue';

/** Largest configuration read, in bytes. Real ones are a few kilobytes; this bounds a wrong path's cost. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/** Where the second occurrence of a key in one mapping is, or undefined when every mapping's keys are unique. */
function firstDuplicateKey(document: Document, lines: LineCounter): { message: string; linePos: [{ line: number; col: number }] } | undefined {
  let found: { message: string; linePos: [{ line: number; col: number }] } | undefined;
  visit(document, {
    Map(_key, map) {
      if (!isMap(map)) return undefined;
      const seen = new Set<string>();
      for (const pair of map.items) {
        // Keys are compared by type and value, as yaml does: `1` and `"1"` are different keys.
        if (!isScalar(pair.key)) continue;
        const id = `${typeof pair.key.value}:${String(pair.key.value)}`;
        if (seen.has(id)) {
          found = { message: 'Map keys must be unique', linePos: [lines.linePos(pair.key.range?.[0] ?? 0)] };
          return visit.BREAK;
        }
        seen.add(id);
      }
      return undefined;
    },
  });
  return found;
}

/**
 * The data of a configuration file's `text`, and where each of its keys is in the text (for the issues found when
 * the data is checked); throws a {@link ConfigError} for `source` naming the line of a syntax error or repeated
 * key, or saying that the text is too large.
 */
export function parseConfigText(text: string, source: string): { data: unknown; locate: KeyLocator } {
  if (text.length > MAX_CONFIG_BYTES) throw tooLarge(source, text.length);
  const lines = new LineCounter();
  let document: Document;
  try {
    document = parseDocument(text, { lineCounter: lines, uniqueKeys: false });
  } catch (error) {
    throw new ConfigError(source, [syntaxIssue(error, text)]);
  }
  const problem = document.errors[0] ?? firstDuplicateKey(document, lines);
  if (problem) throw new ConfigError(source, [syntaxIssue(problem, text)]);
  try {
    return { data: document.toJS(), locate: keyLocator(document, lines) };
  } catch (error) {
    // e.g. more aliases than yaml expands (its guard against exponential documents)
    throw new ConfigError(source, [syntaxIssue(error, text)]);
  }
}

/** The error for a file of `size` bytes (or characters, an equal or smaller count) over the limit. */
export function tooLarge(source: string, size: number): ConfigError {
  return new ConfigError(source, [{
    key: '(file)',
    message: `is ${size} bytes; a queue-otel configuration is a few kilobytes, and files over ${MAX_CONFIG_BYTES} bytes are not read`,
  }]);
}
