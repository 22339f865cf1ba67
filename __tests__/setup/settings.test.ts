import { ConsoleSpanExporter } from '@opentelemetry/sdk-trace-base';
import { parseKeyValueList, readEnvSettings, resolveSettings, tracesUrl } from '../../src/setup';
import type { ResolvedSettings, SetupTracingOptions } from '../../src/setup';

/** Resolves code options against an environment, collecting the warnings. */
function resolve(options: SetupTracingOptions, env: Record<string, string> = {}): { settings: ResolvedSettings; warnings: string[] } {
  const warnings: string[] = [];
  const warn = (message: string) => warnings.push(message);
  return { settings: resolveSettings(options, readEnvSettings(env, warn), warn), warnings };
}

describe('defaults (the OTLP exporter specification)', () => {
  test('http/protobuf to a local Collector on 4318, 10 s timeout, the OTLP exporter', () => {
    const { settings, warnings } = resolve({});
    expect(settings).toMatchObject({
      off: undefined,
      exporters: ['otlp'],
      otlp: { protocol: 'http/protobuf', endpoint: 'http://localhost:4318/v1/traces', timeoutMillis: 10_000, headers: {} },
    });
    expect(warnings).toEqual([]);
  });

  test('gRPC goes to 4317, and its endpoint is never given a path', () => {
    expect(resolve({ protocol: 'grpc' }).settings.otlp.endpoint).toBe('http://localhost:4317');
    expect(resolve({}, { OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4317' }).settings.otlp.endpoint).toBe('http://collector:4317');
    expect(resolve({ protocol: 'grpc', endpoint: 'https://collector:4317' }).settings.otlp.endpoint).toBe('https://collector:4317');
  });
});

describe('endpoints', () => {
  test('over HTTP the generic variable gets /v1/traces and the traces one is used as is', () => {
    expect(resolve({}, { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/base/' }).settings.otlp.endpoint).toBe('http://collector:4318/base/v1/traces');
    expect(resolve({}, { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://t:4318/custom', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://g:4318' }).settings.otlp.endpoint).toBe(
      'http://t:4318/custom',
    );
  });

  test('over HTTP a variable that is not an http(s) URL is reported and the next candidate used; gRPC takes host:port', () => {
    const bad = resolve({}, { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'collector:4318', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://g:4318' });
    expect(bad.settings.otlp.endpoint).toBe('http://g:4318/v1/traces');
    expect(bad.warnings).toEqual(['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT="collector:4318" is not an http:// or https:// URL; ignored']);
    expect(resolve({}, { OTEL_EXPORTER_OTLP_ENDPOINT: 'not a url' }).settings.otlp.endpoint).toBe('http://localhost:4318/v1/traces');
    const grpc = resolve({ protocol: 'grpc' }, { OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4317' });
    expect(grpc).toMatchObject({ settings: { otlp: { endpoint: 'collector:4317' } }, warnings: [] });
  });

  test('an endpoint in code that is not an http(s) URL over HTTP is a programming error', () => {
    expect(() => resolve({ endpoint: 'collector:4318' })).toThrow(new RangeError('queue-otel: endpoint must be an http:// or https:// URL over http/protobuf, got "collector:4318"'));
  });

  test('the code endpoint wins over both variables, as a base or the full traces URL', () => {
    const env = { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://t:4318/v1/traces', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://g:4318' };
    expect(resolve({ endpoint: 'http://code:4318' }, env).settings.otlp.endpoint).toBe('http://code:4318/v1/traces');
    expect(resolve({ endpoint: 'http://code:4318/v1/traces' }, env).settings.otlp.endpoint).toBe('http://code:4318/v1/traces');
  });
});

describe('precedence: code, then the signal-specific variable, then the generic one', () => {
  test('protocol', () => {
    const env = { OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc', OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/json' };
    expect(resolve({}, { OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' }).settings.otlp).toMatchObject({ protocol: 'grpc', protocolSource: 'OTEL_EXPORTER_OTLP_PROTOCOL=grpc' });
    expect(resolve({}, env).settings.otlp).toMatchObject({ protocol: 'http/json', protocolSource: 'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL=http/json' });
    expect(resolve({ protocol: 'http/protobuf' }, env).settings.otlp).toMatchObject({ protocol: 'http/protobuf', protocolSource: "protocol: 'http/protobuf'" });
  });

  test('timeout: resilience.exportTimeoutMillis, OTEL_EXPORTER_OTLP_TRACES_TIMEOUT, OTEL_EXPORTER_OTLP_TIMEOUT', () => {
    const env = { OTEL_EXPORTER_OTLP_TIMEOUT: '3000', OTEL_EXPORTER_OTLP_TRACES_TIMEOUT: '2000' };
    expect(resolve({}, { OTEL_EXPORTER_OTLP_TIMEOUT: '3000' }).settings.otlp.timeoutMillis).toBe(3000);
    expect(resolve({}, env).settings.otlp.timeoutMillis).toBe(2000);
    expect(resolve({ resilience: { exportTimeoutMillis: 1000 } }, env).settings.otlp.timeoutMillis).toBe(1000);
    // 0 means no timeout, says the specification: the longest timer Node has.
    expect(resolve({}, { OTEL_EXPORTER_OTLP_TIMEOUT: '0' }).settings.otlp.timeoutMillis).toBe(2_147_483_647);
  });

  test('headers merge key by key: generic, then traces, then code', () => {
    const env = { OTEL_EXPORTER_OTLP_HEADERS: 'a=generic,b=generic,c=generic', OTEL_EXPORTER_OTLP_TRACES_HEADERS: 'b=traces,c=traces' };
    expect(resolve({ headers: { c: 'code' } }, env).settings.otlp.headers).toEqual({ a: 'generic', b: 'traces', c: 'code' });
  });

  test('service name: serviceName, resourceAttributes, OTEL_SERVICE_NAME, OTEL_RESOURCE_ATTRIBUTES', () => {
    const env = { OTEL_SERVICE_NAME: 'env-name', OTEL_RESOURCE_ATTRIBUTES: 'service.name=env-attr,region=eu' };
    expect(resolve({}, { OTEL_RESOURCE_ATTRIBUTES: 'service.name=env-attr' }).settings.resourceAttributes['service.name']).toBe('env-attr');
    expect(resolve({}, env).settings.resourceAttributes).toEqual({ 'service.name': 'env-name', region: 'eu' });
    expect(resolve({ resourceAttributes: { 'service.name': 'code-attr' } }, env).settings.resourceAttributes['service.name']).toBe('code-attr');
    expect(resolve({ serviceName: 'code-name', resourceAttributes: { 'service.name': 'code-attr' } }, env).settings.resourceAttributes).toEqual({
      'service.name': 'code-name',
      region: 'eu',
    });
  });

  test('exporter: the option wins over OTEL_TRACES_EXPORTER', () => {
    const console = new ConsoleSpanExporter();
    expect(resolve({ exporter: 'console' }, { OTEL_TRACES_EXPORTER: 'none' }).settings).toMatchObject({ off: undefined, exporters: ['console'] });
    expect(resolve({ exporter: console }, { OTEL_TRACES_EXPORTER: 'otlp' }).settings.exporters).toEqual([console]);
    expect(resolve({ exporter: 'none' }, { OTEL_TRACES_EXPORTER: 'otlp' }).settings.off).toBe('no-exporter');
  });
});

describe('OTEL_TRACES_EXPORTER', () => {
  test('none starts nothing; a list keeps every supported exporter once, in order', () => {
    expect(resolve({}, { OTEL_TRACES_EXPORTER: 'none' }).settings).toMatchObject({ off: 'no-exporter', exporters: [] });
    expect(resolve({}, { OTEL_TRACES_EXPORTER: ' console , otlp,console' }).settings.exporters).toEqual(['console', 'otlp']);
  });

  test('"none" beside other exporters, and names it does not provide, are reported and ignored', () => {
    const mixed = resolve({}, { OTEL_TRACES_EXPORTER: 'none,console' });
    expect(mixed.settings.exporters).toEqual(['console']);
    expect(mixed.warnings).toEqual(['OTEL_TRACES_EXPORTER lists "none" with other exporters; "none" ignored']);
    const unknown = resolve({}, { OTEL_TRACES_EXPORTER: 'zipkin' });
    expect(unknown.settings.exporters).toEqual(['otlp']);
    expect(unknown.warnings).toEqual([expect.stringMatching(/^OTEL_TRACES_EXPORTER lists "zipkin", which setupTracing does not provide .*; ignored$/)]);
  });
});

describe('options in code that cannot work are errors at once, naming the option', () => {
  test('an unknown protocol, an exporter name setupTracing does not provide, an object that is not a SpanExporter', () => {
    // The prefix the project's other option errors carry, so a log line says which package refused the option.
    expect(() => resolve({ protocol: 'http/xml' as never })).toThrow(new RangeError('queue-otel: protocol must be one of http/protobuf, http/json, grpc, got "http/xml"'));
    expect(() => resolve({ exporter: 'zipkin' as never })).toThrow(/^queue-otel: exporter must be one of otlp, console, none or a SpanExporter, got "zipkin"/);
    expect(() => resolve({ exporter: 'zipkin' as never })).toThrow(RangeError);
    expect(() => resolve({ exporter: ['otlp', {} as never] })).toThrow(
      new TypeError('queue-otel: exporter must be a SpanExporter (with export() and shutdown()) or one of otlp, console, none'),
    );
    expect(resolve({ exporter: ['console', new ConsoleSpanExporter()] }).settings.exporters).toHaveLength(2);
  });
});

describe('off switches', () => {
  test('enabled: false, and OTEL_SDK_DISABLED=true which wins over enabled: true', () => {
    expect(resolve({ enabled: false }).settings.off).toBe('disabled');
    expect(resolve({ enabled: true }, { OTEL_SDK_DISABLED: 'TRUE' }).settings.off).toBe('sdk-disabled');
    expect(resolve({}, { OTEL_SDK_DISABLED: 'false' }).settings.off).toBeUndefined();
  });
});

describe('invalid values: a warning naming the variable and the value, then as if unset', () => {
  test.each([
    ['OTEL_EXPORTER_OTLP_PROTOCOL', 'http/xml', 'OTEL_EXPORTER_OTLP_PROTOCOL="http/xml" is not one of http/protobuf, http/json, grpc; ignored'],
    ['OTEL_EXPORTER_OTLP_TIMEOUT', '-5', 'OTEL_EXPORTER_OTLP_TIMEOUT="-5" is not a whole number of milliseconds >= 0; ignored'],
    ['OTEL_EXPORTER_OTLP_TIMEOUT', '2s', 'OTEL_EXPORTER_OTLP_TIMEOUT="2s" is not a whole number of milliseconds >= 0; ignored'],
    ['OTEL_SDK_DISABLED', 'yes', 'OTEL_SDK_DISABLED="yes" is neither true nor false; read as false'],
    ['OTEL_RESOURCE_ATTRIBUTES', 'team', 'OTEL_RESOURCE_ATTRIBUTES: entry 1 is not key=value; ignored'],
  ])('%s=%s', (name, value, warning) => {
    const { settings, warnings } = resolve({}, { [name]: value });
    expect(warnings).toEqual([warning]);
    expect(settings).toMatchObject({ off: undefined, otlp: { protocol: 'http/protobuf', timeoutMillis: 10_000 } });
  });

  test('an invalid signal-specific variable falls back to the generic one', () => {
    const { settings, warnings } = resolve({}, { OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'udp', OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' });
    expect(settings.otlp.protocol).toBe('grpc');
    expect(warnings).toEqual([expect.stringContaining('OTEL_EXPORTER_OTLP_TRACES_PROTOCOL="udp"')]);
  });

  test('a malformed header entry is reported by position, never by value (headers carry secrets)', () => {
    const { settings, warnings } = resolve({}, { OTEL_EXPORTER_OTLP_HEADERS: 'x-ok=1,Bearer%20s3cret' });
    expect(settings.otlp.headers).toEqual({ 'x-ok': '1' });
    expect(warnings).toEqual(['OTEL_EXPORTER_OTLP_HEADERS: entry 2 is not key=value; ignored']);
  });

  test('an unknown OTEL_LOG_LEVEL is reported, not read as info without a word (the SDK\'s parser does that)', () => {
    const warnings: string[] = [];
    const warn = (message: string) => warnings.push(message);
    expect(readEnvSettings({ OTEL_LOG_LEVEL: 'loud' }, warn).logLevel).toBeUndefined();
    expect(warnings).toEqual(['OTEL_LOG_LEVEL="loud" is not one of none, error, warn, info, debug, verbose, all; ignored']);
    expect(readEnvSettings({ OTEL_LOG_LEVEL: 'DEBUG' }, warn).logLevel).toBe('debug');
    expect(warnings).toHaveLength(1);
  });

  test('empty values count as unset', () => {
    const { settings, warnings } = resolve({}, { OTEL_EXPORTER_OTLP_PROTOCOL: ' ', OTEL_TRACES_EXPORTER: '', OTEL_EXPORTER_OTLP_TIMEOUT: '' });
    expect(settings).toMatchObject({ exporters: ['otlp'], otlp: { protocol: 'http/protobuf', timeoutMillis: 10_000 } });
    expect(warnings).toEqual([]);
  });
});

test('key-value lists and traces URLs follow the OTLP exporter specification', () => {
  expect(parseKeyValueList('a=1, b=x%20y,c=,=v')).toEqual({ a: '1', b: 'x y', c: '' });
  expect(tracesUrl('http://collector:4318/')).toBe('http://collector:4318/v1/traces');
  expect(tracesUrl('http://collector:4318/v1/traces')).toBe('http://collector:4318/v1/traces');
});
