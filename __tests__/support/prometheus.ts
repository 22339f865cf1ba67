import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';

/** Debian's Prometheus (2.42 here); override with $PROMETHEUS_BINARY. */
export const PROMETHEUS_BINARY = process.env.PROMETHEUS_BINARY ?? '/usr/bin/prometheus';

/** True when a Prometheus binary is available, so a suite can say why it cannot run. */
export function prometheusAvailable(): boolean {
  return existsSync(PROMETHEUS_BINARY);
}

/** A Prometheus child process on loopback. */
export interface RunningPrometheus {
  /** Base URL, e.g. `http://127.0.0.1:40123`. */
  url: string;
  /** GET `/api/v1/<path>` and return `data`; throws on a non-success status. */
  api<T>(path: string, params: Record<string, string>): Promise<T>;
  /** Everything Prometheus wrote to stderr (its log), for failure messages. */
  log(): string;
  /** Kills Prometheus (SIGTERM, then SIGKILL) and removes its data directory. Safe to call twice. */
  stop(): Promise<void>;
}

/** Options of {@link startPrometheus}. */
export interface PrometheusOptions {
  /** `host:port` targets to scrape (job `queue-otel`, path `/metrics`). */
  targets: string[];
  /** Scrape interval in seconds. @default 1 */
  scrapeIntervalSeconds?: number;
  /** How long to wait for `/-/ready`, in ms. @default 20000 */
  readyTimeoutMs?: number;
}

/**
 * Starts Prometheus with exemplar storage, a temporary TSDB and a config scraping `targets`, and waits until
 * it is ready. The caller must call `stop()` (in `afterAll`/`finally`) — the process is also killed when the
 * test process exits, as a last resort.
 */
export async function startPrometheus(options: PrometheusOptions): Promise<RunningPrometheus> {
  const dir = await mkdtemp(join(tmpdir(), 'queue-otel-prometheus-'));
  const interval = `${options.scrapeIntervalSeconds ?? 1}s`;
  const config = [
    'global:',
    `  scrape_interval: ${interval}`,
    `  scrape_timeout: ${interval}`,
    'scrape_configs:',
    '  - job_name: queue-otel',
    '    metrics_path: /metrics',
    '    static_configs:',
    `      - targets: [${options.targets.map((t) => `'${t}'`).join(', ')}]`,
    '',
  ].join('\n');
  const configPath = join(dir, 'prometheus.yml');
  await writeFile(configPath, config);
  const port = await freePort();
  const child: ChildProcess = spawn(
    PROMETHEUS_BINARY,
    [
      `--config.file=${configPath}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--enable-feature=exemplar-storage',
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-20_000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const killOnExit = (): void => void child.kill('SIGKILL');
  process.once('exit', killOnExit);

  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    process.off('exit', killOnExit);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    await rm(dir, { recursive: true, force: true });
  };

  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForReady(url, child, options.readyTimeoutMs ?? 20_000, () => log);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url,
    log: () => log,
    stop,
    async api<T>(path: string, params: Record<string, string>): Promise<T> {
      const response = await fetch(`${url}/api/v1/${path}?${new URLSearchParams(params).toString()}`);
      const body = (await response.json()) as { status: string; data: T; error?: string };
      if (body.status !== 'success') throw new Error(`Prometheus ${path}: ${body.error ?? response.status}`);
      return body.data;
    },
  };
}

async function waitForReady(url: string, child: ChildProcess, timeoutMs: number, log: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Prometheus exited with ${child.exitCode}:\n${log()}`);
    try {
      if ((await fetch(`${url}/-/ready`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`Prometheus not ready after ${timeoutMs} ms:\n${log()}`);
}
