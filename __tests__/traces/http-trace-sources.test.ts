import { JaegerTraceSource } from '../../src/traces/jaeger-trace-source';
import { TempoTraceSource } from '../../src/traces/tempo-trace-source';
import { TraceSourceHttpError } from '../../src/traces/trace-source';
import { ZipkinTraceSource } from '../../src/traces/zipkin-trace-source';
import { expectEmailTrace, fixtureText, TRACE_ID } from './fixture-support';
import { startFixtureServer } from './fixture-server';
import type { FixtureServer, Route } from './fixture-server';

const UNKNOWN = 'ffffffffffffffffffffffffffffffff';
let server: FixtureServer | undefined;

async function serve(routes: Record<string, Route>): Promise<FixtureServer> {
  server = await startFixtureServer(routes);
  return server;
}

afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('JaegerTraceSource', () => {
  it('reads v3 and sends the configured headers', async () => {
    const { baseUrl, requests } = await serve({ [`/api/v3/traces/${TRACE_ID}`]: { status: 200, body: fixtureText('jaeger-v3-wrapped.json') } });
    const source = new JaegerTraceSource({ baseUrl: `${baseUrl}/`, headers: { authorization: 'Bearer t' } });
    expectEmailTrace(await source.getTrace(TRACE_ID.toUpperCase()));
    expect(requests.map((r) => r.path)).toEqual([`/api/v3/traces/${TRACE_ID}`]);
    expect(requests[0]?.headers).toMatchObject({ authorization: 'Bearer t', accept: 'application/json' });
  });

  it('falls back to the legacy API when v3 answers 404, and returns [] when neither knows the trace', async () => {
    const { baseUrl, requests } = await serve({ [`/api/traces/${TRACE_ID}`]: { status: 200, body: fixtureText('jaeger-legacy.json') } });
    const source = new JaegerTraceSource({ baseUrl });
    expectEmailTrace(await source.getTrace(TRACE_ID));
    expect(await source.getTrace(UNKNOWN)).toEqual([]);
    expect(requests.map((r) => r.path)).toEqual([
      `/api/v3/traces/${TRACE_ID}`,
      `/api/traces/${TRACE_ID}`,
      `/api/v3/traces/${UNKNOWN}`,
      `/api/traces/${UNKNOWN}`,
    ]);
  });

  it('stops falling back once v3 has answered, and honours api: "legacy" and "v3"', async () => {
    const { baseUrl, requests } = await serve({ [`/api/v3/traces/${TRACE_ID}`]: { status: 200, body: fixtureText('jaeger-v3-wrapped.json') } });
    const auto = new JaegerTraceSource({ baseUrl });
    await auto.getTrace(TRACE_ID);
    expect(await auto.getTrace(UNKNOWN)).toEqual([]);
    expect(await new JaegerTraceSource({ baseUrl, api: 'legacy' }).getTrace(TRACE_ID)).toEqual([]);
    expect(await new JaegerTraceSource({ baseUrl, api: 'v3' }).getTrace(UNKNOWN)).toEqual([]);
    expect(requests.map((r) => r.path)).toEqual([
      `/api/v3/traces/${TRACE_ID}`,
      `/api/v3/traces/${UNKNOWN}`,
      `/api/traces/${TRACE_ID}`,
      `/api/v3/traces/${UNKNOWN}`,
    ]);
  });

  it('reports a 500 with the backend name, URL, status and body', async () => {
    const { baseUrl } = await serve({ [`/api/v3/traces/${TRACE_ID}`]: { status: 500, body: 'storage unavailable' } });
    const error = await new JaegerTraceSource({ baseUrl }).getTrace(TRACE_ID).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TraceSourceHttpError);
    expect(error).toMatchObject({ backend: 'Jaeger', status: 500 });
    expect((error as Error).message).toBe(`Jaeger: GET ${baseUrl}/api/v3/traces/${TRACE_ID} failed with HTTP 500: storage unavailable`);
  });

  it('times out, and passes a caller abort through', async () => {
    const { baseUrl } = await serve({ [`/api/v3/traces/${TRACE_ID}`]: { status: 200, body: '{}', delayMs: 2_000 } });
    await expect(new JaegerTraceSource({ baseUrl, timeoutMs: 50 }).getTrace(TRACE_ID)).rejects.toThrow(
      `Jaeger: GET ${baseUrl}/api/v3/traces/${TRACE_ID} timed out after 50 ms`,
    );
    const controller = new AbortController();
    const pending = new JaegerTraceSource({ baseUrl }).getTrace(TRACE_ID, controller.signal);
    controller.abort(new Error('user left the view'));
    await expect(pending).rejects.toThrow('user left the view');
  });

  it('rejects invalid ids and base URLs before any request', async () => {
    const { baseUrl, requests } = await serve({});
    await expect(new JaegerTraceSource({ baseUrl }).getTrace('../admin')).rejects.toThrow(TypeError);
    expect(() => new JaegerTraceSource({ baseUrl: 'file:///etc' })).toThrow('must use http or https');
    expect(requests).toHaveLength(0);
  });

  it('names the URL without credentials when the backend is unreachable or answers non-JSON', async () => {
    const { baseUrl } = await serve({ [`/api/v3/traces/${TRACE_ID}`]: { status: 200, body: '<html>' } });
    await expect(new JaegerTraceSource({ baseUrl }).getTrace(TRACE_ID)).rejects.toThrow('returned a body that is not JSON');
    const unreachable = new JaegerTraceSource({ baseUrl: 'http://user:secret@127.0.0.1:1' });
    const error = (await unreachable.getTrace(TRACE_ID).catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(/^Jaeger: GET http:\/\/127\.0\.0\.1:1\/api\/v3\/traces\/\w+ failed: /);
    expect(error.message).not.toContain('secret');
  });

  it('sends credentials from the base URL as Basic authentication', async () => {
    const { baseUrl, requests } = await serve({});
    const withUser = baseUrl.replace('http://', 'http://reader:s%40cret@');
    expect(await new JaegerTraceSource({ baseUrl: withUser, api: 'v3' }).getTrace(TRACE_ID)).toEqual([]);
    expect(requests[0]?.headers.authorization).toBe(`Basic ${Buffer.from('reader:s@cret').toString('base64')}`);
  });
});

describe('TempoTraceSource', () => {
  it('reads v2', async () => {
    const { baseUrl } = await serve({ [`/api/v2/traces/${TRACE_ID}`]: { status: 200, body: fixtureText('tempo-v2.json') } });
    expectEmailTrace(await new TempoTraceSource({ baseUrl }).getTrace(TRACE_ID));
  });

  it('falls back to v1 on 404 and sends the tenant header', async () => {
    const { baseUrl, requests } = await serve({ [`/api/traces/${TRACE_ID}`]: { status: 200, body: fixtureText('tempo-v1.json') } });
    const source = new TempoTraceSource({ baseUrl, headers: { 'X-Scope-OrgID': 'team-a' } });
    expectEmailTrace(await source.getTrace(TRACE_ID));
    expect(await source.getTrace(UNKNOWN)).toEqual([]);
    expect(requests.map((r) => r.path)).toEqual([
      `/api/v2/traces/${TRACE_ID}`,
      `/api/traces/${TRACE_ID}`,
      `/api/v2/traces/${UNKNOWN}`,
      `/api/traces/${UNKNOWN}`,
    ]);
    expect(requests[0]?.headers['x-scope-orgid']).toBe('team-a');
  });

  it('reports a 500 from v1 with its URL', async () => {
    const { baseUrl } = await serve({ [`/api/traces/${TRACE_ID}`]: { status: 500, body: '' } });
    await expect(new TempoTraceSource({ baseUrl }).getTrace(TRACE_ID)).rejects.toThrow(
      `Tempo: GET ${baseUrl}/api/traces/${TRACE_ID} failed with HTTP 500`,
    );
  });
});

describe('ZipkinTraceSource', () => {
  it('reads a trace and returns [] on 404', async () => {
    const { baseUrl } = await serve({ [`/api/v2/trace/${TRACE_ID}`]: { status: 200, body: fixtureText('zipkin-v2.json') } });
    const source = new ZipkinTraceSource({ baseUrl });
    expectEmailTrace(await source.getTrace(TRACE_ID), '0000000000000000a3ce929d0e0e4736');
    expect(await source.getTrace(UNKNOWN)).toEqual([]);
  });

  it('reports a 500', async () => {
    const { baseUrl } = await serve({ [`/api/v2/trace/${TRACE_ID}`]: { status: 503, body: '{"message":"down"}' } });
    await expect(new ZipkinTraceSource({ baseUrl }).getTrace(TRACE_ID)).rejects.toThrow('Zipkin: GET');
  });
});

// Each did nothing before: `timeout: 500` left requests at the 10 s default, `header` sent no credentials.
const SOURCES = [
  ['JaegerTraceSource', (options: object) => new JaegerTraceSource(options as never), { ap: 'legacy' }, 'api'],
  ['TempoTraceSource', (options: object) => new TempoTraceSource(options as never), { timeout: 500 }, 'timeoutMs'],
  ['ZipkinTraceSource', (options: object) => new ZipkinTraceSource(options as never), { header: { authorization: 'Bearer t' } }, 'headers'],
] as const;

test.each(SOURCES)('%s: a name that is no option is a TypeError naming the nearest, when built; one given as undefined is let through', (owner, build, slip, meant) => {
  const [name] = Object.keys(slip);
  expect(() => build({ baseUrl: 'http://127.0.0.1:1', ...slip })).toThrow(
    new TypeError(`queue-otel: "${name}" is not an option of ${owner} (did you mean ${meant}?)`),
  );
  expect(() => build({ base_url: 'http://127.0.0.1:1' })).toThrow(`"base_url" is not an option of ${owner} (did you mean baseUrl?)`);
  expect(build({ baseUrl: 'http://127.0.0.1:1', timeoutMs: undefined, notAnOption: undefined }).name).toBe(owner.replace('TraceSource', ''));
});
