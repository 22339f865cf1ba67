import { buildTraceUrl } from '../../src/links/build-trace-url';
import type { TraceLinkConfig } from '../../src/links/link-config';

const traceId = '4BF92F3577B34DA6A3CE929D0E0E4736';
const lower = traceId.toLowerCase();
const spanId = '00f067aa0ba902b7';
const full = { traceId, spanId, startMs: 1_700_000_000_123, endMs: 1_700_000_004_001 };

describe('jaeger', () => {
  it('links the trace and highlights the span', () => {
    const config: TraceLinkConfig = { preset: 'jaeger', baseUrl: 'http://localhost:16686/' };
    expect(buildTraceUrl(config, { traceId })).toBe(`http://localhost:16686/trace/${lower}`);
    expect(buildTraceUrl(config, full)).toBe(`http://localhost:16686/trace/${lower}?uiFind=${spanId}`);
  });

  it('names a missing or non-web base URL', () => {
    expect(() => buildTraceUrl({ preset: 'jaeger', baseUrl: '' }, { traceId })).toThrow('Deep link preset "jaeger" needs the setting "baseUrl"');
    expect(() => buildTraceUrl({ preset: 'jaeger', baseUrl: 'javascript:alert(1)' }, { traceId })).toThrow('must be an http or https URL');
  });
});

describe('grafana-tempo', () => {
  it('builds an Explore pane with a TraceQL trace-id query and the time range', () => {
    const url = buildTraceUrl({ preset: 'grafana-tempo', grafanaUrl: 'https://grafana.example.com', datasourceUid: 'tempo-1' }, full);
    const prefix = 'https://grafana.example.com/explore?schemaVersion=1&orgId=1&panes=';
    expect(url.startsWith(prefix)).toBe(true);
    expect(url.slice(prefix.length)).not.toMatch(/[{}":,\s]/);
    const panes = JSON.parse(decodeURIComponent(url.slice(prefix.length))) as Record<string, unknown>;
    // Grafana keeps only pane ids of 3 characters [0-9a-z] with a letter; any other id is replaced and the URL rewritten.
    expect(Object.keys(panes)).toEqual([expect.stringMatching(/^(?!\d+$)[0-9a-z]{3}$/)]);
    expect(Object.values(panes)).toEqual([
      {
        datasource: 'tempo-1',
        queries: [{ refId: 'A', datasource: { type: 'tempo', uid: 'tempo-1' }, queryType: 'traceql', query: lower }],
        range: { from: '1700000000123', to: '1700000004001' },
      },
    ]);
  });

  it('takes the address of Explore itself (with or without a path prefix) for the Grafana it belongs to', () => {
    for (const [grafanaUrl, prefix] of [
      ['https://grafana.example.com/explore', 'https://grafana.example.com/explore?'],
      ['https://example.com/grafana/explore/', 'https://example.com/grafana/explore?'],
    ] as const) {
      const url = buildTraceUrl({ preset: 'grafana-tempo', grafanaUrl, datasourceUid: 'u' }, full);
      expect(url.startsWith(prefix)).toBe(true);
    }
  });

  it('defaults the range and honours orgId', () => {
    const url = buildTraceUrl({ preset: 'grafana-tempo', grafanaUrl: 'https://g.example', datasourceUid: 'u', orgId: 3 }, { traceId });
    expect(url).toContain('orgId=3&');
    expect(decodeURIComponent(url)).toContain('"range":{"from":"now-1h","to":"now"}');
  });

  it('names the missing datasource uid', () => {
    const config = { preset: 'grafana-tempo', grafanaUrl: 'https://g.example' } as unknown as TraceLinkConfig;
    expect(() => buildTraceUrl(config, { traceId })).toThrow('Deep link preset "grafana-tempo" needs the setting "datasourceUid"');
  });
});

describe('datadog', () => {
  it('links the trace with a decimal span id and a time hint', () => {
    expect(buildTraceUrl({ preset: 'datadog' }, { traceId })).toBe(`https://app.datadoghq.com/apm/trace/${lower}`);
    expect(buildTraceUrl({ preset: 'datadog', site: 'app.datadoghq.eu' }, full)).toBe(
      `https://app.datadoghq.eu/apm/trace/${lower}?spanID=67667974448284343&timeHint=1700000000123`,
    );
  });

  it('rejects a site that is not a host name', () => {
    expect(() => buildTraceUrl({ preset: 'datadog', site: 'evil.example/x?' }, { traceId })).toThrow('is not a host name');
  });
});

describe('honeycomb', () => {
  it('links with environment, span and times in seconds (widened outward)', () => {
    expect(buildTraceUrl({ preset: 'honeycomb', team: 'acme', environment: 'prod', dataset: 'email worker' }, full)).toBe(
      `https://ui.honeycomb.io/acme/environments/prod/datasets/email%20worker/trace?trace_id=${lower}&span=${spanId}&trace_start_ts=1700000000&trace_end_ts=1700000005`,
    );
  });

  it('supports Honeycomb Classic and another host, and names missing settings', () => {
    expect(buildTraceUrl({ preset: 'honeycomb', team: 'acme', dataset: 'jobs', host: 'ui.eu1.honeycomb.io' }, { traceId })).toBe(
      `https://ui.eu1.honeycomb.io/acme/datasets/jobs/trace?trace_id=${lower}`,
    );
    const config = { preset: 'honeycomb', team: 'acme' } as unknown as TraceLinkConfig;
    expect(() => buildTraceUrl(config, { traceId })).toThrow('needs the setting "dataset"');
  });
});

describe('zipkin', () => {
  it('links the trace', () => {
    expect(buildTraceUrl({ preset: 'zipkin', baseUrl: 'http://localhost:9411' }, full)).toBe(`http://localhost:9411/zipkin/traces/${lower}`);
  });

  it('does not add a second /zipkin to a base URL that is already the UI address', () => {
    expect(buildTraceUrl({ preset: 'zipkin', baseUrl: 'http://localhost:9411/zipkin/' }, full)).toBe(`http://localhost:9411/zipkin/traces/${lower}`);
    expect(buildTraceUrl({ preset: 'zipkin', baseUrl: 'https://ops.example/tracing/zipkin' }, full)).toBe(
      `https://ops.example/tracing/zipkin/traces/${lower}`,
    );
    expect(buildTraceUrl({ preset: 'zipkin', baseUrl: 'https://ops.example/tracing' }, full)).toBe(`https://ops.example/tracing/zipkin/traces/${lower}`);
  });
});

describe('custom', () => {
  it('fills every placeholder, URL-encoded', () => {
    const template = 'https://apm.example/t/{traceId}?s={spanId}&from={startMs}&to={endMs}&a={startSec}&b={endSec}';
    expect(buildTraceUrl({ preset: 'custom', template }, full)).toBe(
      `https://apm.example/t/${lower}?s=${spanId}&from=1700000000123&to=1700000004001&a=1700000000&b=1700000005`,
    );
  });

  it('rejects unknown or ungiven placeholders and non-web results', () => {
    expect(() => buildTraceUrl({ preset: 'custom', template: 'https://x/{trace}' }, { traceId })).toThrow('Unknown placeholder {trace}');
    expect(() => buildTraceUrl({ preset: 'custom', template: 'https://x/{spanId}' }, { traceId })).toThrow('uses {spanId}, which was not given');
    expect(() => buildTraceUrl({ preset: 'custom', template: 'file:///{traceId}' }, { traceId })).toThrow('must produce an http or https URL');
  });
});

describe('validation', () => {
  it('rejects malformed ids, times and presets', () => {
    const jaeger: TraceLinkConfig = { preset: 'jaeger', baseUrl: 'http://j' };
    expect(() => buildTraceUrl(jaeger, { traceId: 'a3ce929d0e0e4736' })).toThrow('expected 32 hex digits');
    expect(() => buildTraceUrl(jaeger, { traceId, spanId: '../../x' })).toThrow('Invalid span id');
    expect(() => buildTraceUrl(jaeger, { traceId, startMs: Number.NaN })).toThrow('Invalid startMs');
    expect(() => buildTraceUrl(jaeger, { traceId, startMs: 2, endMs: 1 })).toThrow('endMs is before startMs');
    expect(() => buildTraceUrl({ preset: 'newrelic' } as unknown as TraceLinkConfig, { traceId })).toThrow('Unknown deep link preset "newrelic"');
  });
});
