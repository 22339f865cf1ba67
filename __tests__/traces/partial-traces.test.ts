import { JaegerTraceSource } from '../../src/traces/jaeger-trace-source';
import { TempoTraceSource } from '../../src/traces/tempo-trace-source';
import { ZipkinTraceSource } from '../../src/traces/zipkin-trace-source';
import { MAX_WARNING_LENGTH, MAX_WARNINGS } from '../../src/traces/trace-read';
import { expectEmailTrace, fixture, fixtureText, TRACE_ID } from './fixture-support';
import { startFixtureServer } from './fixture-server';
import type { FixtureServer, Route } from './fixture-server';

// A backend may answer 200 with part of a trace and say so in the body; drawn without that, the trace looks whole.

let server: FixtureServer | undefined;

async function serve(routes: Record<string, Route>): Promise<string> {
  server = await startFixtureServer(routes);
  return server.baseUrl;
}

afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** The recorded response with `extra` fields added at the top level. */
function withFields(name: string, extra: Record<string, unknown>): string {
  return JSON.stringify({ ...(fixture(name) as Record<string, unknown>), ...extra });
}

const TEMPO_PATH = `/api/v2/traces/${TRACE_ID}`;
const LEGACY_PATH = `/api/traces/${TRACE_ID}`;

describe('Tempo v2 status PARTIAL', () => {
  it('is reported with Tempo\'s message, the spans it sent kept', async () => {
    const message = 'trace exceeds max size (max bytes: 5000000), returning partial trace';
    const baseUrl = await serve({ [TEMPO_PATH]: { status: 200, body: withFields('tempo-v2.json', { status: 'PARTIAL', message }) } });
    const source = new TempoTraceSource({ baseUrl });

    const read = await source.readTrace(TRACE_ID);

    expectEmailTrace(read.spans);
    expect(read).toMatchObject({ partial: true, warnings: [message] });
    expectEmailTrace(await source.getTrace(TRACE_ID));
  });

  it('is read as a number too, gets a default reason without a message, and COMPLETE is complete', async () => {
    const baseUrl = await serve({
      [TEMPO_PATH]: { status: 200, body: withFields('tempo-v2.json', { status: 1 }) },
      [`/api/v2/traces/${'a'.repeat(32)}`]: { status: 200, body: withFields('tempo-v2.json', { status: 'COMPLETE', message: 'ignored' }) },
    });
    const source = new TempoTraceSource({ baseUrl });

    expect(await source.readTrace(TRACE_ID)).toMatchObject({ partial: true, warnings: ['Tempo answered status PARTIAL without a message'] });
    expect(await source.readTrace('a'.repeat(32))).toMatchObject({ partial: false, warnings: [] });
  });

  it('shows control characters of the message as escapes and cuts a long one', async () => {
    const message = `cut\u001b]8;;http://evil\u0007here\r\n${'x'.repeat(100_000)}`;
    const baseUrl = await serve({ [TEMPO_PATH]: { status: 200, body: withFields('tempo-v2.json', { status: 'PARTIAL', message }) } });

    const { warnings } = await new TempoTraceSource({ baseUrl }).readTrace(TRACE_ID);

    expect(warnings).toHaveLength(1);
    const [warning = ''] = warnings;
    expect(warning).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    expect(warning.startsWith('cut\\x1b]8;;http://evil\\x07here\\r\\n')).toBe(true);
    expect(Array.from(warning)).toHaveLength(MAX_WARNING_LENGTH);
    expect(warning.endsWith('…')).toBe(true);
  });
});

describe('Jaeger legacy errors inside an HTTP 200', () => {
  it('make a trace with data partial, with Jaeger\'s messages', async () => {
    const errors = [{ code: 500, msg: 'storage shard 2 timed out' }, { msg: 'no code' }];
    const baseUrl = await serve({ [LEGACY_PATH]: { status: 200, body: withFields('jaeger-legacy.json', { errors }) } });
    const source = new JaegerTraceSource({ baseUrl, api: 'legacy' });

    const read = await source.readTrace(TRACE_ID);

    expectEmailTrace(read.spans);
    expect(read).toMatchObject({ partial: true, warnings: ['storage shard 2 timed out (code 500)', 'no code'] });
  });

  it('without data are an error naming the backend and its message, also through getTrace and the v3 fallback', async () => {
    const body = JSON.stringify({ data: [], total: 0, limit: 0, offset: 0, errors: [{ code: 500, msg: 'cassandra: no hosts available' }] });
    const baseUrl = await serve({ [LEGACY_PATH]: { status: 200, body } });
    const expected = /^Jaeger: GET .*\/api\/traces\/4bf92f3577b34da6a3ce929d0e0e4736 answered with errors: cassandra: no hosts available \(code 500\)$/;

    await expect(new JaegerTraceSource({ baseUrl }).readTrace(TRACE_ID)).rejects.toThrow(expected);
    await expect(new JaegerTraceSource({ baseUrl, api: 'legacy' }).getTrace(TRACE_ID)).rejects.toThrow(expected);
  });

  it('are bounded in number and length, and `errors: null` is no error', async () => {
    const errors = Array.from({ length: 1000 }, (_, index) => ({ code: index, msg: `e${index}\u001b[2J${'y'.repeat(5000)}` }));
    const baseUrl = await serve({
      [LEGACY_PATH]: { status: 200, body: withFields('jaeger-legacy.json', { errors }) },
      [`/api/traces/${'b'.repeat(32)}`]: { status: 200, body: withFields('jaeger-legacy.json', { errors: null }) },
    });
    const source = new JaegerTraceSource({ baseUrl, api: 'legacy' });

    const { warnings } = await source.readTrace(TRACE_ID);

    expect(warnings).toHaveLength(MAX_WARNINGS);
    expect(warnings.at(-1)).toBe(`and ${1000 - (MAX_WARNINGS - 1)} more`);
    for (const warning of warnings) {
      expect(Array.from(warning).length).toBeLessThanOrEqual(MAX_WARNING_LENGTH);
      expect(warning).not.toMatch(/[\u0000-\u001f]/);
    }
    expect(warnings[0]?.startsWith('e0\\x1b[2J')).toBe(true);
    expect(await source.readTrace('b'.repeat(32))).toMatchObject({ partial: false, warnings: [] });
  });
});

describe('Jaeger v3 error chunks inside an HTTP 200', () => {
  const V3_PATH = `/api/v3/traces/${TRACE_ID}`;
  const chunk = JSON.stringify(fixture('jaeger-v3-wrapped.json'));
  const error = JSON.stringify({ error: { grpcCode: 13, httpCode: 500, message: 'failed to send response stream chunk\u001b[2J', httpStatus: 'Internal Server Error' } });

  it('after spans, streamed as lines or as an array, make the trace partial', async () => {
    const baseUrl = await serve({
      [V3_PATH]: { status: 200, body: `${chunk}\n${error}\n` },
      [`/api/v3/traces/${'c'.repeat(32)}`]: { status: 200, body: `[${chunk},${error}]` },
    });
    const source = new JaegerTraceSource({ baseUrl, api: 'v3' });
    const warning = 'failed to send response stream chunk\\x1b[2J (HTTP 500)';

    const lines = await source.readTrace(TRACE_ID);
    const array = await source.readTrace('c'.repeat(32));

    expectEmailTrace(lines.spans);
    expect(lines).toMatchObject({ partial: true, warnings: [warning] });
    expect(array).toMatchObject({ partial: true, warnings: [warning] });
  });

  it('alone are an error naming Jaeger\'s message', async () => {
    const baseUrl = await serve({ [V3_PATH]: { status: 200, body: error } });

    await expect(new JaegerTraceSource({ baseUrl }).getTrace(TRACE_ID)).rejects.toThrow(/answered with errors: failed to send response stream chunk\\x1b\[2J \(HTTP 500\)$/);
  });
});

it('a Zipkin read is complete', async () => {
  const baseUrl = await serve({ [`/api/v2/trace/${TRACE_ID}`]: { status: 200, body: fixtureText('zipkin-v2.json') } });

  const read = await new ZipkinTraceSource({ baseUrl }).readTrace(TRACE_ID);

  expectEmailTrace(read.spans, '0000000000000000a3ce929d0e0e4736');
  expect(read).toMatchObject({ partial: false, warnings: [] });
});
