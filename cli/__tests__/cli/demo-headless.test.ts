/**
 * `queue-otel demo --headless` in a clone: the command it prints to open the UI works from where the user is (no
 * `queue-otel` on PATH there), and the hint for an installed CLI names a command that exists.
 */
import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { uiCommandHint } from '../../src/cli/demo/ui-command-hint';
import { waitFor } from '../../../__tests__/support/tracing';
import { NO_TTY_MESSAGE } from '../../src/cli/commands/tui-command';
import { BIN, stopCli } from './run-cli';

const CLI_DIR = join(__dirname, '..', '..');
const ROOT = join(CLI_DIR, '..');
/** PATH with node and npm, as in a clone: node_modules/.bin is not on it. */
const PATH = [dirname(process.execPath), '/usr/bin', '/bin'].join(':');

let demo: ChildProcess | undefined;

afterEach(async () => {
  const child = demo;
  demo = undefined;
  await stopCli(child);
});

function run(command: string, cwd: string): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile('sh', ['-c', command], { cwd, env: { ...process.env, PATH, NODE_OPTIONS: '', INIT_CWD: '' }, timeout: 60_000 }, (error, _out, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stderr });
    });
  });
}

it('prints a command that opens the UI from the directory the demo was started in', async () => {
  // Started from cli/, as `npm run demo` records it (INIT_CWD): the root's npm scripts are a `cd ..` away.
  demo = spawn(process.execPath, [BIN, 'demo', '--headless'], {
    cwd: ROOT,
    env: { ...process.env, PATH, NODE_OPTIONS: '', INIT_CWD: CLI_DIR },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  demo.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const line = await waitFor('the hint', () => /open the UI from a terminal with: (.*)\n/.exec(out)?.[1], 45_000);
  const redisUrl = /Redis: (redis:\/\/\S+)/.exec(out)?.[1] ?? '';
  expect(line).toBe(`cd .. && npm run tui -- --redis ${redisUrl}`);
  // The printed command runs the UI (here without a terminal, so it says it needs one), not "not found".
  const result = await run(line, CLI_DIR);
  expect(result.stderr).toContain(NO_TTY_MESSAGE.split('\n')[0]);
  expect(result.code).toBe(1);
}, 120_000);

it('names the command by where the CLI is: the sources, a global install, or npx', () => {
  const url = 'redis://127.0.0.1:6400';
  expect(uiCommandHint({ fromSources: true, repoRoot: '/src/qo', cwd: '/src/qo', onPath: false }, url)).toBe(`npm run tui -- --redis ${url}`);
  expect(uiCommandHint({ fromSources: true, repoRoot: '/src/my qo', cwd: '/tmp', onPath: false }, url)).toBe(`cd '../src/my qo' && npm run tui -- --redis ${url}`);
  expect(uiCommandHint({ fromSources: false, cwd: '/app', onPath: true }, url)).toBe(`queue-otel tui --redis ${url}`);
  // `npx queue-otel` would fetch the library, which has no command: the CLI's package is queue-otel-cli.
  expect(uiCommandHint({ fromSources: false, cwd: '/app', onPath: false }, url)).toBe(`npx queue-otel-cli tui --redis ${url}`);
  // The demo's own prefixes, where not the defaults: a UI on the defaults would show none of its queues or traces.
  expect(uiCommandHint({ fromSources: false, cwd: '/app', onPath: true }, url, { bullPrefix: 'my app', keyPrefix: 'qo' })).toBe(`queue-otel tui --redis ${url} --prefix 'my app'`);
});
