import { renderWaterfallText } from '../../src/waterfall/render-waterfall-text';
import { SMALL_TRACE, span } from './span-factory';

describe('renderWaterfallText', () => {
  it('draws names, fold markers, error marks, eighth-block bars, durations and the critical path', () => {
    expect(renderWaterfallText(SMALL_TRACE, { width: 66, nameWidth: 17 }).split('\n')).toEqual([
      '4 spans, 100µs, * critical path',
      '                   0           30µs        60µs        90µs',
      '                   ┬───────────┬───────────┬───────────┬───',
      '*▼ job             ████████████████████████████████████████  100µs',
      '   ▼ fetch             ████████████████████                   50µs',
      '       db                  ████▌                              11µs',
      '*    [!] send                              ████████████████   40µs',
    ]);
  });

  it('hides the children of folded spans and shows ▶', () => {
    const text = renderWaterfallText(SMALL_TRACE, { width: 66, nameWidth: 17, folded: new Set(['b'.repeat(16)]) });
    expect(text.split('\n').slice(3)).toEqual([
      '*▼ job             ████████████████████████████████████████  100µs',
      '   ▶ fetch             ████████████████████                   50µs',
      '*    [!] send                              ████████████████   40µs',
    ]);
  });

  it('drops the name column below 60 columns: a label line, then a full-width bar', () => {
    expect(renderWaterfallText(SMALL_TRACE, { width: 31 }).split('\n')).toEqual([
      '4 spans, 100µs, * critical path',
      ' 0           40µs        80µs',
      ' ┬───────────┬───────────┬─────',
      '*▼ job                    100µs',
      ' ██████████████████████████████',
      '  ▼ fetch                  50µs',
      '    ███████████████',
      '     db                    11µs',
      '       ███▍',
      '*   [!] send               40µs',
      '                   ████████████',
    ]);
  });

  it('truncates long names with an ellipsis and keeps every line within the width', () => {
    const spans = [span('a', undefined, 'a-very-long-operation-name-that-does-not-fit', 0, 1_500_000)];
    const lines = renderWaterfallText(spans, { width: 60, nameWidth: 20 }).split('\n');
    expect(lines[3]).toBe(`*  a-very-long-opera… ${'█'.repeat(31)}   1.5s`);
    for (const width of [20, 45, 59, 60, 61, 120]) {
      for (const line of renderWaterfallText(SMALL_TRACE, { width }).split('\n')) {
        expect(Array.from(line).length).toBeLessThanOrEqual(width);
      }
    }
  });

  it('keeps a zero-length span visible and says so when there are no spans', () => {
    const lines = renderWaterfallText([span('a', undefined, 'tick', 5, 5)], { width: 30 }).split('\n');
    expect(lines[4]).toBe(' ▏');
    expect(renderWaterfallText([], { width: 80 })).toBe('no spans');
  });
});

describe('long duration labels', () => {
  it('keeps every line within the width when a label is longer than six characters', () => {
    const base = { kind: 'internal' as const, status: 'unset' as const, serviceName: 's', attributes: {}, events: [], links: [] };
    const spans = [
      { ...base, traceId: 'a'.repeat(32), spanId: '1'.repeat(16), name: 'root', startUs: 0, endUs: 13_560 },
      { ...base, traceId: 'a'.repeat(32), spanId: '2'.repeat(16), parentSpanId: '1'.repeat(16), name: 'child', startUs: 10, endUs: 12_345 },
    ];
    for (const width of [40, 80, 120]) {
      const text = renderWaterfallText(spans, { width });
      expect(text).toContain('13.56ms');
      for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(width);
    }
  });
});

describe('span names from a trace backend', () => {
  it('shows control characters as escapes, measured as the columns they take, in both layouts', () => {
    const spans = [
      span('a', undefined, 'job\u001b]2;pwned\u0007', 0, 100),
      span('b', 'a', 'x\u001b[2J\n\u009b31m\u202e', 10, 60, 'error'),
    ];
    for (const width of [50, 100]) {
      const text = renderWaterfallText(spans, { width, nameWidth: 40 });
      expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
      // One label line per span (two lines per span when compact): the line feed in the name broke nothing.
      expect(text.split('\n')).toHaveLength(3 + (width < 60 ? 4 : 2));
      expect(text).toContain('job\\x1b]2;pwned\\x07');
      expect(text).toContain('[!] x\\x1b[2J\\n\\x9b31m\\u202e');
      for (const line of text.split('\n')) expect(Array.from(line).length).toBeLessThanOrEqual(width);
    }
  });
});

describe('renderWaterfallText with times no real trace has (they come from Redis or a backend: untrusted)', () => {
  it.each([
    ['an infinite duration', -1e308, 1e308],
    ['a duration near the largest double', 0, 1.7e308],
    ['times far from zero', 1e300, 1e300 + 1e290],
  ])('draws %s in bounded time and exactly the asked width', (_label, startUs, endUs) => {
    const text = renderWaterfallText([span('1', undefined, 'root', startUs, endUs), span('2', '1', 'child', startUs, startUs)], { width: 80, nameWidth: 20 });
    const lines = text.split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(4);
    expect(text).toContain('root');
    expect(text).toContain('child');
  });
});

describe('a trace of any size from an untrusted backend', () => {
  it('draws 150,000 spans, where spreading their times into Math.min overflowed the call stack', () => {
    const count = 150_000;
    const spans = [span('a', undefined, 'job', 0, 2 * count)];
    for (let i = 0; i < count; i += 1) spans.push({ ...span('b', 'a', 'step', i, i + 2), spanId: (i + 1).toString(16).padStart(16, '0') });
    const lines = renderWaterfallText(spans, { width: 80 }).split('\n');
    expect(lines[0]).toMatch(/^150001 spans, 300ms/);
    expect(lines).toHaveLength(3 + count + 1);
  });
});
