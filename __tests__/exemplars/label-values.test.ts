import { BoundedLabelValues, exemplarLabelsFor, jobTimings, MAX_EXEMPLAR_LABEL_CHARS } from '../../src/exemplars';

describe('exemplarLabelsFor', () => {
  test('accepts valid W3C ids, lower-cased, within the OpenMetrics 128-character limit', () => {
    const labels = exemplarLabelsFor('4BF92F3577B34DA6A3CE929D0E0E4736', '00F067AA0BA902B7');
    expect(labels).toEqual({ trace_id: '4bf92f3577b34da6a3ce929d0e0e4736', span_id: '00f067aa0ba902b7' });
    const size = Object.entries(labels ?? {}).reduce((n, [k, v]) => n + k.length + v.length, 0);
    expect(size).toBeLessThanOrEqual(MAX_EXEMPLAR_LABEL_CHARS);
  });

  test.each([
    [undefined, '00f067aa0ba902b7'],
    ['4bf92f3577b34da6a3ce929d0e0e4736', undefined],
    ['4bf92f3577b34da6a3ce929d0e0e473', '00f067aa0ba902b7'],
    ['4bf92f3577b34da6a3ce929d0e0e4736', '00f067aa0ba902bz'],
    ['00000000000000000000000000000000', '00f067aa0ba902b7'],
    ['4bf92f3577b34da6a3ce929d0e0e4736', '0000000000000000'],
  ])('no exemplar for trace %s span %s', (traceId, spanId) => {
    expect(exemplarLabelsFor(traceId, spanId)).toBeUndefined();
  });
});

describe('BoundedLabelValues', () => {
  test('keeps the first values, folds later ones, keeps admitted ones stable', () => {
    const values = new BoundedLabelValues(2);
    expect(['a', 'b', 'c', 'a', 'd', 'b'].map((v) => values.value(v))).toEqual(['a', 'b', '__other__', 'a', '__other__', 'b']);
    expect(values.size).toBe(2);
  });
});

describe('jobTimings', () => {
  test('wait counts from the end of the delay; process and end-to-end from their starts', () => {
    expect(jobTimings({ timestamp: 1000, delay: 500, processedOn: 2000, finishedOn: 2600 }, 2500, true)).toEqual({
      waitSeconds: 0.5, processSeconds: 0.5, endToEndSeconds: 1.6,
    });
  });

  test('no wait for later attempts and no end-to-end for non-final outcomes', () => {
    expect(jobTimings({ timestamp: 1000, processedOn: 5000, attemptsStarted: 2 }, 5200, false)).toEqual({ processSeconds: 0.2 });
  });
});
