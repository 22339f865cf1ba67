import { criticalPath, criticalPathIds } from '../../src/waterfall/critical-path';
import { buildSpanTree } from '../../src/waterfall/span-tree';
import { SMALL_TRACE, span } from './span-factory';

function root(spans: Parameters<typeof buildSpanTree>[0]) {
  const [first] = buildSpanTree(spans);
  if (!first) throw new Error('no root');
  return first;
}

describe('criticalPath', () => {
  it('follows the child that ends last at each level', () => {
    expect(criticalPath(root(SMALL_TRACE))).toEqual([
      { spanId: 'a'.repeat(16), startUs: 0, endUs: 100 },
      { spanId: 'c'.repeat(16), startUs: 60, endUs: 100 },
    ]);
  });

  it('cuts children to the parent interval and skips those entirely outside it', () => {
    const path = criticalPath(
      root([
        span('a', undefined, 'root', 0, 100),
        span('b', 'a', 'overruns', 50, 150),
        span('c', 'a', 'ends-earlier', 10, 90),
        span('d', 'b', 'inside-overrun', 60, 140),
        span('e', 'b', 'after-root', 120, 130),
      ]),
    );
    expect(path).toEqual([
      { spanId: 'a'.repeat(16), startUs: 0, endUs: 100 },
      { spanId: 'b'.repeat(16), startUs: 50, endUs: 100 },
      { spanId: 'd'.repeat(16), startUs: 60, endUs: 100 },
    ]);
  });

  it('breaks ties on the end by the later start, and unions paths of several roots', () => {
    const spans = [span('a', undefined, 'r', 0, 10), span('b', 'a', 'early', 1, 10), span('c', 'a', 'late', 5, 10), span('e', undefined, 'r2', 20, 30)];
    expect(criticalPath(root(spans)).map((s) => s.spanId[0])).toEqual(['a', 'c']);
    expect([...criticalPathIds(buildSpanTree(spans))].map((id) => id[0])).toEqual(['a', 'c', 'e']);
  });
});
