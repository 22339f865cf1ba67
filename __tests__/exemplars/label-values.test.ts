import { BoundedLabelValues, exemplarLabelsFor, jobTimings, MAX_EXEMPLAR_LABEL_CHARS, QueueMetrics, sanitizeLabelValue } from '../../src/exemplars';
import { parseOpenMetrics, samplesOf } from './openmetrics-text';

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

describe('sanitizeLabelValue', () => {
  test('returns a plain name as it is', () => {
    expect(sanitizeLabelValue('email.send')).toBe('email.send');
    expect(sanitizeLabelValue('a b')).toBe('a b');
    expect(sanitizeLabelValue(' padded ')).toBe('padded');
  });

  test('removes C1 controls as well as C0 ones (NEL, CSI are read by terminals)', () => {
    expect(sanitizeLabelValue('\u0085nel\u009b31m\u0000x\u007f')).toBe('nel31mx');
  });

  test('lone surrogates become U+FFFD, so two names printed alike are one series, not two that Prometheus drops', async () => {
    expect(sanitizeLabelValue('\ud800lone')).toBe('\ufffdlone');
    expect(sanitizeLabelValue('\udc00lone')).toBe('\ufffdlone');
    const metrics = new QueueMetrics();
    metrics.recordSent({ queue: 'q', jobName: '\ud800lone' });
    metrics.recordSent({ queue: 'q', jobName: '\udc00lone' });
    const sent = samplesOf(parseOpenMetrics(await metrics.registry.metrics()), 'messaging_client_sent_messages_total');
    expect(sent.map((sample) => [sample.labels.bullmq_job_name, sample.value])).toEqual([['\ufffdlone', 2]]);
  });

  test('the 128-unit cut never splits a surrogate pair', () => {
    const cut = sanitizeLabelValue(`${'x'.repeat(127)}😀tail`);
    expect(cut).toBe('x'.repeat(127));
    expect(sanitizeLabelValue(`${'x'.repeat(126)}😀tail`)).toBe(`${'x'.repeat(126)}😀`);
  });

  test('a huge value gives its first 128 characters', () => {
    // Only a 512-unit prefix is read (cleaning the whole 20 MB took about 30 ms a call): a cost, not a result, so
    // it is not timed here (timed tests flake on a busy machine); the result is the same prefix either way.
    const huge = `${'a'.repeat(20_000_000)}\n`;
    expect(sanitizeLabelValue(huge)).toBe('a'.repeat(128));
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
