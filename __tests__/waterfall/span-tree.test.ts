import { buildSpanTree } from '../../src/waterfall/span-tree';
import type { SpanTreeNode } from '../../src/waterfall/span-tree';
import { flattenTree } from '../../src/waterfall/flatten-tree';
import type { TraceSpan } from '../../src/traces/span-model';
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

  it('breaks cycles at the span that comes last in the input, so every span appears once', () => {
    const tree = buildSpanTree([
      span('a', 'c', 'a', 0, 10),
      span('b', 'a', 'b', 1, 9),
      span('c', 'b', 'c', 2, 8),
      span('d', 'd', 'self', 3, 4),
    ]);
    expect(shape(tree)).toEqual([['c', [['a', ['b']]]], 'self']);
  });

  it('draws every span of a duplicated id: children attach to the first, a later one under its own parent or as a root', () => {
    const tree = buildSpanTree([
      span('a', undefined, 'root', 0, 100),
      span('b', 'a', 'first b', 10, 20),
      span('c', 'b', 'child of b', 12, 18),
      span('b', 'a', 'second b', 30, 40),
      span('b', 'f', 'third b, parent missing', 50, 60),
      span('a', 'a', 'second a, its own id as parent', 70, 80),
    ]);
    expect(shape(tree)).toEqual([
      ['root', [['first b', ['child of b']], 'second b', 'second a, its own id as parent']],
      'third b, parent missing',
    ]);
    expect(flattenTree(tree)).toHaveLength(6);
  });

  it('keeps a chain of 100,000 spans closed into one cycle, in linear time', async () => {
    const count = 100_000;
    const id = (i: number): string => (i + 1).toString(16).padStart(16, '0');
    // Parents first, each span under the one before it, and the first under the last: one cycle of every span.
    const chain = Array.from({ length: count }, (_, i) => ({
      ...span('a', undefined, `s${i}`, i, count),
      spanId: id(i),
      parentSpanId: id(i === 0 ? count - 1 : i - 1),
    }));
    const roots = buildSpanTree(chain);
    // A quadratic walk takes minutes here and never yields: give jest's timeout its turn before passing.
    await new Promise((resolve) => setTimeout(resolve, 0));
    // The last span of the cycle in the input loses its parent link; the first hangs below it.
    expect(roots.map((root) => root.span.name)).toEqual([`s${count - 1}`]);
    const rows = flattenTree(roots);
    expect(rows).toHaveLength(count);
    expect(rows.map((row) => row.depth).slice(0, 3)).toEqual([0, 1, 2]);
    expect(rows[1]?.span.name).toBe('s0');
    expect(rows[count - 1]).toMatchObject({ depth: count - 1, span: { name: `s${count - 2}` } });
  });

  it('links exactly as linking one span at a time, refusing links that close a cycle, would', () => {
    // The tree-building rule, stated naively (quadratic): the reference the linear version must match.
    const reference = (spans: readonly TraceSpan[]): SpanTreeNode[] => {
      const nodes = new Map(spans.map((s) => [s.spanId, { span: s, children: [] as SpanTreeNode[] }]));
      const parents = new Map<SpanTreeNode, SpanTreeNode>();
      const roots: SpanTreeNode[] = [];
      for (const node of nodes.values()) {
        const parent = node.span.parentSpanId === undefined ? undefined : nodes.get(node.span.parentSpanId);
        let closes = false;
        for (let up = parent; up; up = parents.get(up)) closes ||= up === node;
        if (parent && !closes) {
          parents.set(node, parent);
          parent.children.push(node);
        } else {
          roots.push(node);
        }
      }
      const order = (list: SpanTreeNode[]): void => {
        list.sort((x, y) => x.span.startUs - y.span.startUs);
        list.forEach((node) => order(node.children));
      };
      order(roots);
      return roots;
    };
    let seed = 42;
    const random = (below: number): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % below;
    };
    const ids = '0123456789abcdef';
    for (let round = 0; round < 500; round += 1) {
      const count = 1 + random(12);
      const order = [...ids].sort(() => random(3) - 1).slice(0, count);
      const spans = order.map((id, i) => {
        const parent = random(4) === 0 ? undefined : ids[random(16)];
        return span(id, parent, `s${id}`, random(5), 10 + i);
      });
      expect(shape(buildSpanTree(spans))).toEqual(shape(reference(spans)));
    }
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
