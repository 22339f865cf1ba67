/** Runs the real `queue-otel` executable (bin/queue-otel.js) and collects its output. */
import { execFile } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/** Path of the executable under test. */
export const BIN = join(__dirname, '..', '..', 'bin', 'queue-otel.js');

/** How long one run may take before it is killed: a test running several in a row needs that many times as long. */
export const CLI_RUN_TIMEOUT_MS = 60_000;

/** Exit code, stdout and stderr of one run. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI with `args`; never rejects on a non-zero exit. */
export function runCli(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { ...process.env, NODE_OPTIONS: '', ...env }, timeout: CLI_RUN_TIMEOUT_MS }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      // A run killed at the timeout says so, instead of showing as a silent exit 1.
      const killed = error?.killed === true ? `[killed after ${CLI_RUN_TIMEOUT_MS} ms by ${String(error.signal)}]\n` : '';
      resolve({ code, stdout, stderr: stderr + killed });
    });
  });
}

/** Stops a CLI process a test started (a demo, say), waiting for its exit; one that already exited is left alone. */
export async function stopCli(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}
