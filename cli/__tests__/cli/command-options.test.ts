/**
 * Each command takes only its own options: one it would ignore (`jobs --width`, `trace --state`) is a usage error
 * naming the option and the command, before anything connects, and each command's --help lists exactly what it takes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCommandLine } from '../../src/cli/args';
import { HELP } from '../../src/cli/help';
import { CLI_RUN_TIMEOUT_MS, runCli } from './run-cli';

const TRACE_ID = 'a'.repeat(32);
/** Nothing listens there: a command that got as far as connecting would exit 1 "cannot reach Redis", not 2. */
const NOWHERE = ['--redis', 'redis://127.0.0.1:1'];

/** The options each command's help should list, written out here rather than read from the table under test. */
const EXPECTED: Record<string, string[]> = {
  tui: ['queue', 'trace', 'refresh', 'help', 'redis', 'prefix', 'key-prefix', 'trace-source', 'trace-url', 'apm', 'apm-url', 'apm-datasource', 'link-template'],
  jobs: ['state', 'trace-id', 'limit', 'json', 'help', 'redis', 'prefix', 'key-prefix'],
  trace: ['width', 'json', 'help', 'redis', 'key-prefix', 'trace-source', 'trace-url'],
  demo: ['headless', 'metrics-port', 'refresh', 'help', 'redis', 'prefix', 'key-prefix', 'apm', 'apm-url', 'apm-datasource', 'link-template'],
};

/** The options a help text lists: lines `  --name <value>   text` (or `  -h, --help   text`). */
function listedOptions(help: string): string[] {
  return help.split('\n').flatMap((line) => {
    const match = /^ {2}(?:-\w, )?--([\w-]+)(?: <[^>]+>)? +\S/.exec(line);
    return match?.[1] ? [match[1]] : [];
  });
}

it('an option the command does not take: exit 2, one line naming the option and the command, before anything connects', async () => {
  const cases: [string[], string][] = [
    [['jobs', 'orders', '--width', '50'], 'queue-otel: jobs does not take --width (an option of trace)'],
    [['trace', TRACE_ID, '--state', 'failed'], 'queue-otel: trace does not take --state (an option of jobs)'],
    [['trace', TRACE_ID, '--prefix', 'app'], 'queue-otel: trace does not take --prefix (an option of tui, jobs, demo)'],
    [['jobs', 'orders', '--refresh', '500'], 'queue-otel: jobs does not take --refresh (an option of tui, demo)'],
    [['jobs', 'orders', '--apm', 'jaeger'], 'queue-otel: jobs does not take --apm (an option of tui, demo)'],
    // The demo's workers write to its Redis span store only: a backend would show none of their traces.
    [['demo', '--headless', '--trace-source', 'jaeger', '--trace-url', 'http://jaeger.test'], 'queue-otel: demo does not take --trace-source (an option of tui, trace)'],
    [['--state', 'failed'], 'queue-otel: tui does not take --state (an option of jobs)'],
    // A typo: the command's own nearest option, or whose option the nearest one is.
    [['jobs', 'orders', '--limt', '5'], 'queue-otel: unknown option --limt (did you mean --limit?)'],
    [['jobs', 'orders', '--refersh', '500'], 'queue-otel: unknown option --refersh (--refresh is an option of tui, demo)'],
  ];
  for (const [args, message] of cases) {
    const result = await runCli([...args, ...NOWHERE]);
    const command = args[0]?.startsWith('--') ? 'tui' : args[0] ?? '';
    expect({ args, code: result.code, stdout: result.stdout, stderr: result.stderr })
      .toEqual({ args, code: 2, stdout: '', stderr: `${message}\nRun "queue-otel ${command} --help" for its options.\n` });
  }
  // Nine runs in a row, each bounded by runCli: on a busy machine they took longer than jest's default together.
}, 9 * CLI_RUN_TIMEOUT_MS);

it('each command\'s --help lists exactly the options it takes, each with its text; the general help stays the overview', async () => {
  for (const [command, expected] of Object.entries(EXPECTED)) {
    const result = await runCli([command, '--help']);
    expect({ command, code: result.code, listed: listedOptions(result.stdout) }).toEqual({ command, code: 0, listed: expected });
  }
  const main = await runCli(['--help']);
  expect(main.stdout).toContain('Commands:');
  expect(main.stdout).toContain('run "queue-otel <command> --help" for them');
}, 5 * CLI_RUN_TIMEOUT_MS);

it('what a help lists is what the command accepts, and every other option of any command is refused', () => {
  const every = new Set(Object.values(EXPECTED).flat());
  const argumentOf: Record<string, string[]> = { tui: [], jobs: ['orders'], trace: [TRACE_ID], demo: [] };
  for (const [command, help] of Object.entries(HELP).filter(([name]) => name !== 'main')) {
    const listed = new Set(listedOptions(help));
    for (const option of every) {
      const args = [command, ...(argumentOf[command] ?? []), `--${option}=1`];
      let refusal: string | undefined;
      try {
        parseCommandLine(args);
      } catch (error) {
        refusal = (error as Error).message;
      }
      // Booleans refuse a value ("takes no value"): that is accepting the option, as --help would have been.
      const refused = refusal !== undefined && refusal.startsWith(`${command} does not take --${option}`);
      expect({ command, option, refused }).toEqual({ command, option, refused: !listed.has(option) });
    }
  }
});

it('--help with options of other commands, or help <command> with options, prints that help rather than refusing', async () => {
  const result = await runCli(['jobs', '--width', '50', '--help']);
  expect(result).toMatchObject({ code: 0, stderr: '' });
  expect(result.stdout).toContain('Usage: queue-otel jobs <queue> [options]');
  const topic = await runCli(['help', 'trace', '--state', 'failed']);
  expect(topic).toMatchObject({ code: 0, stderr: '' });
  expect(topic.stdout).toContain('Usage: queue-otel trace <traceId> [options]');
});

it('docs/tui.md says which command takes which option as the helps do', () => {
  const doc = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'tui.md'), 'utf8');
  const section = doc.slice(doc.indexOf('## Flags and environment variables'), doc.indexOf('## Screens'));
  const documented: Record<string, string[]> = {};
  for (const line of section.split('\n')) {
    const [, flags, commands] = line.split('|').map((cell) => cell.trim());
    if (!flags?.startsWith('`--') || commands === undefined) continue;
    const takers = commands === 'all' ? Object.keys(EXPECTED) : commands.split(',').map((name) => name.trim());
    for (const [, option] of flags.matchAll(/`--([\w-]+)/g)) {
      for (const command of takers) (documented[command] ??= []).push(option ?? '');
    }
  }
  for (const [command, expected] of Object.entries(EXPECTED)) {
    expect({ command, options: [...(documented[command] ?? [])].sort() }).toEqual({ command, options: [...expected].sort() });
  }
});
