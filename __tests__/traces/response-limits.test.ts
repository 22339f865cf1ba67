/** Backend responses are untrusted: bodies are size-bounded before they are buffered or parsed. */
import { JaegerTraceSource } from '../../src/traces/jaeger-trace-source';
import { TempoTraceSource } from '../../src/traces/tempo-trace-source';
import { ZipkinTraceSource } from '../../src/traces/zipkin-trace-source';
import { expectEmailTrace, fixtureText, TRACE_ID } from './fixture-support';
import { startFixtureServer } from './fixture-server';
import type { FixtureServer, Route } from './fixture-server';

let server: FixtureServer | undefined;

async function serve(routes: Record<string, Route>): Promise<FixtureServer> {
  server = await startFixtureServer(routes);
  return server;
}

afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A valid trace body padded past `bytes`: only the size limit can make the request fail. */
function padded(name: string, bytes: number): string {
  const text = fixtureText(name);
  return text + ' '.repeat(Math.max(0, bytes + 1 - Buffer.byteLength(text)));
}

describe('maxResponseBytes', () => {
  it('rejects a body whose content-length is over the limit, naming the backend and URL', async () => {
    const limit = 8 * 1024;
    const { baseUrl } = await serve({ [`/api/v2/trace/${TRACE_ID}`]: { status: 200, body: padded('zipkin-v2.json', limit) } });
    await expect(new ZipkinTraceSource({ baseUrl, maxResponseBytes: limit }).getTrace(TRACE_ID)).rejects.toThrow(
      `Zipkin: GET ${baseUrl}/api/v2/trace/${TRACE_ID} returned more than ${limit} bytes (maxResponseBytes)`,
    );
  });

  it('stops reading a streamed body without content-length once it passes the limit', async () => {
    const limit = 8 * 1024;
    const body = padded('jaeger-v3-wrapped.json', limit);
    const { baseUrl } = await serve({ [`/api/v3/traces/${TRACE_ID}`]: { status: 200, body, chunked: true } });
    await expect(new JaegerTraceSource({ baseUrl, api: 'v3', maxResponseBytes: limit }).getTrace(TRACE_ID)).rejects.toThrow(
      `returned more than ${limit} bytes`,
    );
    // The same body is read in full under a limit it fits.
    expectEmailTrace(await new JaegerTraceSource({ baseUrl, api: 'v3', maxResponseBytes: limit + 1 }).getTrace(TRACE_ID));
  });

  it('reads only the start of an error body: a large error page is the HTTP error, a large 404 page not found', async () => {
    const page = `<html>${'x'.repeat(64 * 1024)}</html>`;
    const { baseUrl } = await serve({
      [`/api/v2/traces/${TRACE_ID}`]: { status: 500, body: page, chunked: true },
      [`/api/v2/traces/${'2'.repeat(32)}`]: { status: 404, body: page },
      [`/api/v2/traces/${'1'.repeat(32)}`]: { status: 200, body: fixtureText('tempo-v2.json') },
    });
    const tempo = new TempoTraceSource({ baseUrl, maxResponseBytes: 1024 });
    await expect(tempo.getTrace(TRACE_ID)).rejects.toThrow(`Tempo: GET ${baseUrl}/api/v2/traces/${TRACE_ID} failed with HTTP 500: <html>xxx`);
    await expect(tempo.getTrace('2'.repeat(32))).resolves.toEqual([]);
    expect(await new TempoTraceSource({ baseUrl }).getTrace('1'.repeat(32))).toHaveLength(3);
  });

  it('rejects a limit that is not a positive integer', () => {
    for (const maxResponseBytes of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => new ZipkinTraceSource({ baseUrl: 'http://127.0.0.1:1', maxResponseBytes })).toThrow('maxResponseBytes must be a positive integer');
    }
  });
});
