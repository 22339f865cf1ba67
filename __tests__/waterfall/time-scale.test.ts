import fc from 'fast-check';
import { barFor, createTimeScale, renderBar } from '../../src/waterfall/time-scale';
import type { Bar } from '../../src/waterfall/time-scale';

/** A scale over [0, duration] plus an interval inside it. */
const scaleArb = fc.record({ duration: fc.integer({ min: 0, max: 10_000_000 }), width: fc.integer({ min: 1, max: 300 }) });
const within = (max: number) =>
  fc.tuple(fc.integer({ min: 0, max }), fc.integer({ min: 0, max })).map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const);

function contains(outer: Bar, inner: Bar): boolean {
  return inner.startCell >= outer.startCell && inner.endEighths <= outer.endEighths;
}

describe('barFor / renderBar', () => {
  it('draws full cells and a final eighth block', () => {
    const scale = createTimeScale(0, 80, 10);
    expect(barFor(scale, 10, 47)).toEqual({ startCell: 1, endEighths: 47 });
    // Cells 1–4 full, then 7 eighths of cell 5: 47 eighths from the left edge.
    expect(renderBar(barFor(scale, 10, 47), 10)).toBe(' ████▉    ');
    expect(renderBar(barFor(scale, 0, 80), 10)).toBe('██████████');
  });

  it('keeps spans narrower than a cell visible, even at the right edge', () => {
    const scale = createTimeScale(0, 1_000_000, 20);
    expect(renderBar(barFor(scale, 500_000, 500_001), 20)).toBe('          ▏         ');
    // At the right edge the start is pulled into the last cell; the end stays exact, so the cell is full.
    expect(renderBar(barFor(scale, 1_000_000, 1_000_000), 20)).toBe('                   █');
    expect(renderBar(barFor(scale, 999_000, 999_100), 20)).toBe('                   █');
  });

  it('never exceeds the width and always shows at least one eighth', () => {
    fc.assert(
      fc.property(scaleArb, fc.integer({ min: -1_000, max: 11_000_000 }), fc.integer({ min: 0, max: 1_000_000 }), ({ duration, width }, start, length) => {
        const scale = createTimeScale(0, duration, width);
        const bar = barFor(scale, start, start + length);
        const text = renderBar(bar, width);
        expect(Array.from(text)).toHaveLength(width);
        expect(bar.startCell).toBeGreaterThanOrEqual(0);
        expect(bar.endEighths).toBeLessThanOrEqual(width * 8);
        expect(bar.endEighths).toBeGreaterThan(bar.startCell * 8);
        expect(text.trim()).not.toBe('');
      }),
    );
  });

  it('is monotonic: a later start or end never moves the bar left', () => {
    fc.assert(
      fc.property(scaleArb.chain((s) => fc.tuple(fc.constant(s), within(s.duration), within(s.duration))), ([{ duration, width }, [s1, s2], [e1, e2]]) => {
        const scale = createTimeScale(0, duration, width);
        const end = Math.max(e2, s2);
        expect(barFor(scale, s1, end).startCell).toBeLessThanOrEqual(barFor(scale, s2, end).startCell);
        expect(barFor(scale, s1, Math.max(e1, s1)).endEighths).toBeLessThanOrEqual(barFor(scale, s1, Math.max(e2, s1)).endEighths);
      }),
    );
  });

  it("puts a child's bar inside its parent's when its times are (clamping only decides zero-length edge cases)", () => {
    fc.assert(
      fc.property(
        scaleArb.chain((s) => fc.tuple(fc.constant(s), within(s.duration))).chain(([s, [ps, pe]]) => fc.tuple(fc.constant(s), fc.constant([ps, pe] as const), within(pe - ps))),
        ([{ duration, width }, [ps, pe], [cs, ce]]) => {
          const scale = createTimeScale(0, duration, width);
          const parent = barFor(scale, ps, pe);
          const childStart = ps + cs;
          const childEnd = ps + ce;
          expect(contains(parent, barFor(scale, childStart, childEnd, parent))).toBe(true);
          // Without the clamp the mapping alone already nests every child of non-zero length.
          if (childEnd > childStart) expect(contains(parent, barFor(scale, childStart, childEnd))).toBe(true);
        },
      ),
    );
  });
});
