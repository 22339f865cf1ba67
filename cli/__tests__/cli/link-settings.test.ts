/**
 * The deep-link settings as docs/tui.md describes them: `--apm-url` is the Datadog site for `--apm datadog`, and a
 * setting that cannot make a link is a usage error (exit 2) before anything starts, not a stack trace or a UI whose
 * `o` has no link and no word why.
 */
import type { TraceSpan } from 'queue-otel/traces';
import { resolveSettings } from '../../src/cli/settings';
import { createLinkBuilder, linkConfigFrom } from '../../src/cli/trace-link';
import { UsageError } from '../../src/cli/usage-error';
import { NO_TTY_MESSAGE } from '../../src/cli/commands/tui-command';
import { runCli } from './run-cli';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';

/** The link config of these flags alone (no environment variables). */
function configOf(flags: Record<string, string>): ReturnType<typeof linkConfigFrom> {
  return linkConfigFrom(resolveSettings(flags, {}));
}

it('--apm datadog takes the site as a host (app.datadoghq.eu) or as its URL, and links to it', () => {
  for (const apmUrl of ['app.datadoghq.eu', 'https://app.datadoghq.eu', 'https://app.datadoghq.eu/']) {
    const link = createLinkBuilder(configOf({ apm: 'datadog', 'apm-url': apmUrl }));
    expect(link(TRACE)).toBe(`https://app.datadoghq.eu/apm/trace/${TRACE}`);
  }
  expect(createLinkBuilder(configOf({ apm: 'datadog' }))(TRACE)).toBe(`https://app.datadoghq.com/apm/trace/${TRACE}`);
});

it.each([
  [{ apm: 'datadog', 'apm-url': 'https://[bad' }, '--apm datadog: --apm-url (or QUEUE_OTEL_APM_URL) is not a URL'],
  [{ apm: 'honeycomb', 'apm-url': 'ui.honeycomb.io/acme/datasets/jobs' }, '--apm honeycomb: --apm-url (or QUEUE_OTEL_APM_URL) is not a URL'],
  [{ apm: 'jaeger', 'apm-url': 'localhost:16686' }, '--apm jaeger cannot make a link: Deep link preset "jaeger": setting "baseUrl" must be an http or https URL'],
  [{ apm: 'zipkin', 'apm-url': 'zipkin' }, '--apm zipkin cannot make a link: Deep link preset "zipkin": setting "baseUrl" is not a URL'],
  [{ 'link-template': 'https://apm.test/t/{trace}' }, '--link-template (or QUEUE_OTEL_LINK_TEMPLATE) cannot make a link: Unknown placeholder {trace}'],
  [{ 'link-template': 'apm.test/t/{traceId}' }, '--link-template (or QUEUE_OTEL_LINK_TEMPLATE) cannot make a link: Link template "apm.test/t/{traceId}" does not produce a valid URL'],
])('%j cannot make a link: a usage error naming the flag', (flags, message) => {
  let thrown: unknown;
  try {
    configOf(flags);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(UsageError);
  expect((thrown as Error).message).toContain(message);
});

it('a template with every placeholder is accepted and filled from the trace', () => {
  const config = configOf({ 'link-template': 'https://apm.test/t/{traceId}?span={spanId}&from={startSec}&to={endSec}' });
  const spans: TraceSpan[] = [{ traceId: TRACE, spanId: '00f067aa0ba902b7', name: 'job', kind: 'internal', startUs: 1_700_000_000_000_000, endUs: 1_700_000_000_500_000, status: 'unset', attributes: {}, events: [], links: [], serviceName: 'test' }];
  expect(createLinkBuilder(config)(TRACE, spans)).toBe(`https://apm.test/t/${TRACE}?span=00f067aa0ba902b7&from=1700000000&to=1700000001`);
});

it('the executable: a bad --apm-url or --trace of tui is exit 2 without a terminal, a Datadog host is accepted', async () => {
  const badUrl = await runCli(['tui', '--apm', 'honeycomb', '--apm-url', 'ui.honeycomb.io/acme/datasets/jobs']);
  expect(badUrl.code).toBe(2);
  expect(badUrl.stderr).toContain('is not a URL');
  expect(badUrl.stderr).not.toMatch(/TypeError|\n\s+at /);
  const badTrace = await runCli(['tui', '--trace', 'nosuchtrace']);
  expect(badTrace).toMatchObject({ code: 2 });
  expect(badTrace.stderr).toContain('--trace: not a trace id: "nosuchtrace" (32 or 16 hex digits)');
  // Accepted: tui goes on to need a terminal, which the test has not.
  const site = await runCli(['tui', '--apm', 'datadog', '--apm-url', 'app.datadoghq.eu']);
  expect(site).toMatchObject({ code: 1, stderr: NO_TTY_MESSAGE });
});
