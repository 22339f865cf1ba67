import { buildSpanTree } from '../../src/waterfall/span-tree';
import type { SpanTreeNode } from '../../src/waterfall/span-tree';
import { flattenTree } from '../../src/waterfall/flatten-tree';
import { SMALL_TRACE, span } from './span-factory';

/** The tree as nested names, for readable expectations. */
function shape(nodes: SpanTreeNode[]): unknown[] {
  return nodes.map((node) => (node.children.length ? [node.span.name, shape(node.children)] : node.span.name));
}

describe('buildSpanTree', () => {
  it('nests children under parents, ordered by start time', () => {
    expect(shape(buildSpanTree(SMALL_TRACE))).toEqual([['job', [['fetch', ['db']], 'send']]]);
  });

  it('makes a span whose parent is missing a root, roots ordered by start', () => {
    const tree = buildSpanTree([span('b', 'f', 'orphan', 50, 60), span('a', undefined, 'root', 0, 10)]);
    expect(shape(tree)).toEqual(['root', 'orphan']);
  });

  it('keeps the first of duplicate ids and breaks cycles so every span appears once', () => {
    const tree = buildSpanTree([
      span('a', 'c', 'a', 0, 10),
      span('b', 'a', 'b', 1, 9),
      span('c', 'b', 'c', 2, 8),
      span('a', undefined, 'duplicate', 0, 1),
      span('d', 'd', 'self', 3, 4),
    ]);
    expect(shape(tree)).toEqual([['c', [['a', ['b']]]], 'self']);
  });
});

describe('flattenTree', () => {
  const roots = buildSpanTree(SMALL_TRACE);

  it('lists rows depth-first with depth and fold state', () => {
    expect(flattenTree(roots).map((row) => [row.span.name, row.depth, row.hasChildren, row.folded])).toEqual([
      ['job', 0, true, false],
      ['fetch', 1, true, false],
      ['db', 2, false, false],
      ['send', 1, false, false],
    ]);
  });

  it('hides descendants of folded spans and ignores folding a leaf', () => {
    const rows = flattenTree(roots, new Set(['a'.repeat(16), 'd'.repeat(16)]));
    expect(rows.map((row) => [row.span.name, row.folded])).toEqual([['job', true]]);
    expect(flattenTree(roots, new Set(['d'.repeat(16)])).map((row) => row.folded)).toEqual([false, false, false, false]);
  });

  it('handles a chain deeper than the call stack would allow recursively', () => {
    const chain = Array.from({ length: 20_000 }, (_, i) => ({
      ...span('a', undefined, `s${i}`, i, 20_000),
      spanId: (i + 1).toString(16).padStart(16, '0'),
      ...(i > 0 ? { parentSpanId: i.toString(16).padStart(16, '0') } : {}),
    }));
    const rows = flattenTree(buildSpanTree(chain));
    expect(rows).toHaveLength(20_000);
    expect(rows[19_999]?.depth).toBe(19_999);
  });
});
