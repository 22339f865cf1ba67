import { spanLimitsFrom } from '../../src/export';
import { envWholeNumber, parseWholeNumber } from '../../src/options';
import { readBatchSettings } from '../../src/setup/batch-settings';

// One parser for the whole-number variables of setupTracing (OTEL_BSP_*) and spanLimitsFrom (OTEL_*_LIMIT): they
// once accepted different text ("1e3" was a span limit of 1000 and no batch size) and worded a bad value
// differently ("; ignored" against "; using the default 512").

const collect = (): { warnings: string[]; warn: (message: string) => void } => {
  const warnings: string[] = [];
  return { warnings, warn: (message) => warnings.push(message) };
};

test('a whole number is decimal digits only, a safe integer, at least the bound', () => {
  expect(parseWholeNumber('0', 0)).toBe(0);
  expect(parseWholeNumber('0', 1)).toBeUndefined();
  expect(parseWholeNumber('007', 1)).toBe(7);
  expect(parseWholeNumber(String(Number.MAX_SAFE_INTEGER), 1)).toBe(Number.MAX_SAFE_INTEGER);
  for (const raw of ['-1', '+5', '2.5', '1.0', '1e3', '0x10', '5s', 'Infinity', '', '9007199254740993']) expect(parseWholeNumber(raw, 0)).toBeUndefined();
});

test('the first usable variable of a chain wins; unset and empty ones are skipped without a word', () => {
  const { warnings, warn } = collect();
  expect(envWholeNumber({}, ['A', 'B'], 0, 9, warn)).toBe(9);
  expect(envWholeNumber({ A: ' ', B: ' 12 ' }, ['A', 'B'], 0, 9, warn)).toBe(12);
  expect(envWholeNumber({ A: '3', B: 'junk' }, ['A', 'B'], 0, 9, warn)).toBe(3);
  expect(envWholeNumber({ A: '3' }, 'A', 0, 9, warn)).toBe(3);
  expect(warnings).toEqual([]);
});

test('an unusable variable is named with its value, the bound and what is used instead', () => {
  const { warnings, warn } = collect();
  expect(envWholeNumber({ A: '0' }, 'A', 1, 9, warn)).toBe(9);
  expect(envWholeNumber({ A: 'x', B: '4' }, ['A', 'B'], 0, 9, warn)).toBe(4);
  expect(envWholeNumber({ A: 'x', B: '-4' }, ['A', 'B'], 0, 9, warn)).toBe(9);
  expect(warnings).toEqual([
    'A="0" is not a whole number >= 1; using the default 9',
    'A="x" is not a whole number >= 0; using 4 from B',
    'A="x" is not a whole number >= 0; using the default 9',
    'B="-4" is not a whole number >= 0; using the default 9',
  ]);
});

test('batch settings and span limits accept the same text and word a bad value alike', () => {
  const batch = collect();
  const limits = collect();
  const settings = readBatchSettings({ OTEL_BSP_MAX_QUEUE_SIZE: '1e3', OTEL_BSP_SCHEDULE_DELAY: '0' }, batch.warn);
  const spanLimits = spanLimitsFrom({}, { OTEL_SPAN_EVENT_COUNT_LIMIT: '1e3', OTEL_SPAN_LINK_COUNT_LIMIT: '0' }, limits.warn);
  expect([settings.maxQueueSize, settings.scheduledDelayMillis]).toEqual([2048, 0]);
  expect([spanLimits.eventCountLimit, spanLimits.linkCountLimit]).toEqual([128, 0]);
  expect([...batch.warnings, ...limits.warnings]).toEqual([
    'OTEL_BSP_MAX_QUEUE_SIZE="1e3" is not a whole number >= 1; using the default 2048',
    'OTEL_SPAN_EVENT_COUNT_LIMIT="1e3" is not a whole number >= 0; using the default 128',
  ]);
});
