/**
 * Where a key named by a configuration issue (`sampling.queues.emails`, `security.custom_detectors[0].name`) is in
 * the file, from the parser's own positions: the issues name keys as paths of the parsed data, the file's text is
 * what the user edits. YAML and JSON alike, since yaml parses both into the same nodes.
 */
import { isMap, isScalar, isSeq } from 'yaml';
import type { Document, LineCounter, Pair, YAMLMap } from 'yaml';

/** A 1-based line and column. */
export interface KeyPosition {
  line: number;
  column: number;
}

/** The position of the key a dotted path names, or undefined when the file has no such key (a merged or aliased one). */
export type KeyLocator = (path: string) => KeyPosition | undefined;

/**
 * Each mapping's keys indexed once, on first use: a file with many bad keys in one mapping (thousands of queues)
 * must not cost a scan of the mapping per issue.
 */
class KeyIndex {
  private readonly maps = new WeakMap<YAMLMap, Map<string, Pair>>();

  pairs(map: YAMLMap): Map<string, Pair> {
    let index = this.maps.get(map);
    if (!index) {
      index = new Map();
      for (const pair of map.items) {
        // Keys as the parsed data names them: the issues' paths come from Object.keys of that data.
        if (isScalar(pair.key) && !index.has(String(pair.key.value))) index.set(String(pair.key.value), pair);
      }
      this.maps.set(map, index);
    }
    return index;
  }
}

function startOf(node: unknown): number | undefined {
  const range = (node as { range?: unknown } | null)?.range;
  return Array.isArray(range) && typeof range[0] === 'number' ? range[0] : undefined;
}

/**
 * The offset of the key `path` names under `node`. A key may itself hold dots (`deployment.environment` under
 * `resource_attributes`), so each prefix ending before a `.` or `[` is tried as a key, shortest first.
 */
function offsetOf(node: unknown, path: string, keys: KeyIndex): number | undefined {
  if (isMap(node)) {
    const pairs = keys.pairs(node);
    const whole = pairs.get(path);
    if (whole) return startOf(whole.key);
    for (let i = 0; i < path.length; i++) {
      const c = path[i];
      if (c !== '.' && c !== '[') continue;
      const pair = pairs.get(path.slice(0, i));
      if (!pair) continue;
      const found = offsetOf(pair.value, path.slice(c === '.' ? i + 1 : i), keys);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (isSeq(node)) {
    const item = /^\[(\d+)\]\.?/.exec(path);
    if (!item) return undefined;
    const entry: unknown = node.items[Number(item[1])];
    const rest = path.slice(item[0].length);
    return rest === '' ? startOf(entry) : offsetOf(entry, rest, keys);
  }
  return undefined;
}

/** A locator of keys in a parsed `document` whose text `lines` counted. */
export function keyLocator(document: Document, lines: LineCounter): KeyLocator {
  const keys = new KeyIndex();
  return (path) => {
    const offset = offsetOf(document.contents, path, keys);
    if (offset === undefined) return undefined;
    const { line, col } = lines.linePos(offset);
    return { line, column: col };
  };
}
