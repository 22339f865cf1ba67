/**
 * `queue-otel demo`: an embedded Redis (unless --redis), a producer and two workers in child processes
 * tracing into the span store, then the UI. Everything it started is stopped on q, Ctrl+C or SIGTERM.
 */
import { startEmbeddedRedis } from '../../dev/embedded-redis';
import type { EmbeddedRedis } from '../../dev/embedded-redis';
import { intFlag } from '../numeric-flags';
import { demoChildEnv, startChild, stopChildren } from '../demo/child-processes';
import type { DemoChild } from '../demo/child-processes';
import { currentPlace, uiCommandHint } from '../demo/ui-command-hint';
import { demoUiRefresh } from '../demo/ui-refresh';
import { printText } from '../output';
import { redisTlsOptions } from '../redis-tls';
import { resolveSettings, validateRedisUrl } from '../settings';
import type { FlagValues } from '../settings';
import { linkConfigFrom } from '../trace-link';
import { hasTty, tuiCommand } from './tui-command';

const log = (line: string): void => printText(`${line}\n`);

/** Where the demo's UI reads waterfalls: the span store its processes write, whatever QUEUE_OTEL_TRACE_SOURCE says. */
const DEMO_TRACE_SOURCE = 'redis';

/** Runs the demo; resolves to the exit code once everything it started has stopped. */
export async function demoCommand(flags: FlagValues): Promise<number> {
  const given = typeof flags.redis === 'string' ? validateRedisUrl(flags.redis) : undefined;
  const metricsPort = flags['metrics-port'] === undefined ? 0 : intFlag(flags, 'metrics-port', 1);
  // Every setting the UI will need is checked before anything starts: a wrong --apm must not cost a Redis and
  // three processes first. The Redis URL is the one the demo will use (its own one is not known yet).
  // Its processes export to its span store only: a QUEUE_OTEL_TRACE_SOURCE meant for another command must neither
  // refuse the demo (a backend without its URL) nor send its UI's waterfalls to a backend that has none of its spans.
  const settings = resolveSettings({ ...flags, redis: given ?? 'redis://127.0.0.1:6379', 'trace-source': DEMO_TRACE_SOURCE });
  linkConfigFrom(settings);
  // The TLS files of a rediss:// --redis, which the producer and workers read too (they inherit the variables).
  if (given !== undefined) redisTlsOptions(given, settings.redisTls);
  // The children write under the prefixes the UI reads (--prefix, --key-prefix or their environment variables).
  const prefixes = { bullPrefix: settings.bullPrefix, keyPrefix: settings.keyPrefix };
  const headless = flags.headless === true || !hasTty();
  let redis: EmbeddedRedis | undefined;
  const children: DemoChild[] = [];
  let cleaned: Promise<void> | undefined;
  const cleanup = (): Promise<void> => {
    cleaned ??= (async () => {
      await stopChildren(children);
      await redis?.stop();
    })();
    return cleaned;
  };
  const onSignal = (): void => void cleanup().then(() => process.exit(0));
  // SIGHUP: the terminal closed (or tmux killed the pane) — still stop redis-server and the children.
  // `on`, not `once`: a closing terminal can deliver SIGHUP more than once, and a second one must not
  // kill the process before the cleanup the first one started has finished.
  for (const signal of ['SIGTERM', 'SIGHUP'] as const) process.on(signal, onSignal);
  if (headless) process.on('SIGINT', onSignal);
  try {
    if (!given) {
      log('starting an embedded Redis …');
      redis = await startEmbeddedRedis();
    }
    const redisUrl = given ?? redis?.url ?? '';
    log(`Redis: ${redisUrl}`);
    const env = demoChildEnv(process.env, redisUrl, prefixes);
    children.push(
      startChild('worker-1', 'demo-worker', { ...env, DEMO_WORKER_NAME: 'worker-1', DEMO_METRICS_PORT: String(metricsPort) }),
      startChild('worker-2', 'demo-worker', { ...env, DEMO_WORKER_NAME: 'worker-2', DEMO_METRICS_PORT: String(metricsPort ? metricsPort + 1 : 0) }),
      startChild('producer', 'demo-producer', env),
    );
    const ready = await Promise.all(children.map((child) => child.ready));
    children.forEach((child, i) => log(`${child.name}: pid ${String(child.process.pid)}${ready[i]?.metricsUrl ? `, metrics ${ready[i]?.metricsUrl}` : ''}`));
    if (headless) {
      if (!hasTty()) log('no terminal (stdin/stdout is not a TTY): running without the UI.');
      log(`open the UI from a terminal with: ${uiCommandHint(currentPlace(), redisUrl, prefixes)}`);
      log('Ctrl+C stops the demo.');
      await new Promise<never>(() => undefined);
    }
    // Let the first jobs land so the UI opens on data.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    // The lines above are behind the UI's alternate screen while it runs: its help screen (?) repeats the URLs.
    const notes = children.flatMap((child, i) => (ready[i]?.metricsUrl ? [['demo', `${child.name} metrics ${ready[i]?.metricsUrl ?? ''}`] as const] : []));
    const uiFlags = { ...flags, redis: redisUrl, prefix: prefixes.bullPrefix, 'key-prefix': prefixes.keyPrefix, 'trace-source': DEMO_TRACE_SOURCE, ...demoUiRefresh(typeof flags.refresh === 'string' ? flags.refresh : undefined, process.env) };
    return await tuiCommand(uiFlags, [...notes, ['demo', `Redis ${redisUrl}`] as const]);
  } finally {
    await cleanup();
    for (const signal of ['SIGTERM', 'SIGHUP', 'SIGINT'] as const) process.removeListener(signal, onSignal);
  }
}
