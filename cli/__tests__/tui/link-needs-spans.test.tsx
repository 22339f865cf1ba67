/**
 * `o` where the APM link cannot be built: with `--link-template` using the trace's times, a job list (which reads no
 * spans) has no link, and `o` there said `no APM configured` although one is. It now says what the link needs and
 * where `o` works; without any APM the message is unchanged.
 */
// Only the type: the settings module loads queue-otel/store, which the UI's ESM tests do not.
import type { CliSettings } from '../../src/cli/settings';
import { createLinkBuilder, linkConfigFrom } from '../../src/cli/trace-link';
import { jobsScreen } from '../../src/tui/model/screens.js';
import { FAILED_TRACE, fakeServices } from './fake-services.js';
import { renderApp } from './render-helpers.js';

const TEMPLATE = 'https://apm.test/t/{traceId}?from={startMs}&to={endMs}';

it('a link template that needs the trace\'s times: o on the jobs table says so, not "no APM configured"', async () => {
  const link = createLinkBuilder(linkConfigFrom({ linkTemplate: TEMPLATE } as CliSettings));
  const services = fakeServices({ traceUrl: link, apmConfigured: true });
  const app = renderApp(services, 220, 30, jobsScreen('orders', 'failed'));
  try {
    await app.waitFor(`trace ${FAILED_TRACE}`);
    await app.press('o');
    await app.waitFor(`no link for trace ${FAILED_TRACE} here: the link needs the trace's spans`);
    expect(app.frame()).not.toContain('no APM configured');
    expect(services.opened).toEqual([]);
  } finally {
    app.unmount();
  }
});

it('without an APM the message is still "no APM configured"', async () => {
  const app = renderApp(fakeServices({ traceUrl: () => undefined }), 220, 30, jobsScreen('orders', 'failed'));
  try {
    await app.waitFor(`trace ${FAILED_TRACE}`);
    await app.press('o');
    await app.waitFor('no APM configured');
  } finally {
    app.unmount();
  }
});
