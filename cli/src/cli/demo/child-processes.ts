/** Starts and stops the demo's child processes; in development (TypeScript sources) they run through tsx. */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** A started child and what it reported when ready. */
export interface DemoChild {
  name: string;
  process: ChildProcess;
  ready: Promise<{ metricsUrl?: string }>;
  /** The last lines it wrote to stderr, for error messages. */
  stderr(): string;
}

/**
 * Node arguments that run `script` (a sibling of this file, without extension) from sources or the build. The
 * sources import the library by package name, which resolves to its TypeScript files under the `source` condition.
 */
export function nodeArgsFor(script: string): string[] {
  if (__filename.endsWith('.ts')) {
    const loader = pathToFileURL(join(require.resolve('tsx/package.json'), '..', 'dist', 'loader.mjs')).href;
    return ['--conditions=source', '--import', loader, join(__dirname, `${script}.ts`)];
  }
  return [join(__dirname, `${script}.js`)];
}

/** How often the demo's processes export spans unless `OTEL_BSP_SCHEDULE_DELAY` says otherwise, in ms. */
export const DEMO_EXPORT_DELAY_MS = 500;

/** The key prefixes the demo's children write under: the ones its UI reads. */
export interface DemoPrefixes {
  /** BullMQ's `prefix` of the queues, workers and flows. */
  bullPrefix: string;
  /** The span store's `keyPrefix`. */
  keyPrefix: string;
}

/**
 * The environment of the demo's children. The SDK's default 5 s export delay would leave the newest traces
 * without their root ("root not stored") for seconds at a time; half a second keeps the demo's trace list
 * current. An explicit setting wins. The prefixes are the demo's resolved ones, under the names the CLI reads.
 */
export function demoChildEnv(base: NodeJS.ProcessEnv, redisUrl: string, prefixes: DemoPrefixes = { bullPrefix: 'bull', keyPrefix: 'qo' }): NodeJS.ProcessEnv {
  return {
    ...base,
    REDIS_URL: redisUrl,
    QUEUE_OTEL_BULL_PREFIX: prefixes.bullPrefix,
    QUEUE_OTEL_KEY_PREFIX: prefixes.keyPrefix,
    OTEL_BSP_SCHEDULE_DELAY: base.OTEL_BSP_SCHEDULE_DELAY ?? String(DEMO_EXPORT_DELAY_MS),
  };
}

/** The prefixes a demo child was started with (see {@link demoChildEnv}). */
export function demoPrefixesOf(env: NodeJS.ProcessEnv): DemoPrefixes {
  return { bullPrefix: env.QUEUE_OTEL_BULL_PREFIX || 'bull', keyPrefix: env.QUEUE_OTEL_KEY_PREFIX || 'qo' };
}

/** Spawns a demo child with an IPC channel (its lifeline) and resolves `ready` on its first message. */
export function startChild(name: string, script: string, env: NodeJS.ProcessEnv, timeoutMs = 30_000): DemoChild {
  const child = spawn(process.execPath, nodeArgsFor(script), { env, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    errors = (errors + chunk.toString()).slice(-4000);
  });
  const ready = new Promise<{ metricsUrl?: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start within ${timeoutMs} ms\n${errors}`)), timeoutMs);
    child.once('message', (message: { metricsUrl?: string }) => {
      clearTimeout(timer);
      resolve(message);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with code ${String(code)}\n${errors}`));
    });
  });
  // The rejection is observed by whoever awaits `ready`; a late exit must not crash the demo.
  ready.catch(() => undefined);
  return { name, process: child, ready, stderr: () => errors };
}

/** Asks each child to stop (SIGTERM), then kills those still running after `graceMs`. */
export async function stopChildren(children: readonly DemoChild[], graceMs = 5000): Promise<void> {
  await Promise.all(children.map(({ process: child }) => new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve();
      return;
    }
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  })));
}
