/**
 * `--help` texts of the command and each subcommand. A command's options are listed from its entry in the option
 * table (options.ts), so its help names exactly what it takes.
 */
import { ALL_OPTIONS, COMMAND_OPTIONS, OPTIONS } from './options';
import type { CommandName, OptionName, OptionSpec } from './options';
import { REDIS_TLS_ENV, REDIS_TLS_PASSPHRASE_ENV } from './redis-tls';

/** Where the bracketed notes start, counted from the option's text. */
const NOTE_COLUMN = 47;

const GROUP_TITLES = { own: undefined, connection: 'Connection:', traces: 'Traces and links:' } as const;

/** One help line: the option as typed, then its text from `texts` or the table. */
function optionLine(name: OptionName, texts: Partial<Record<OptionName, string>> = {}): string {
  const spec: OptionSpec = OPTIONS[name];
  const flag = `${spec.short ? `-${spec.short}, ` : ''}--${name}${spec.value ? ` <${spec.value}>` : ''}`;
  const text = texts[name] ?? spec.text;
  // The bracketed environment variable and default in a column of their own, where the text leaves room.
  const note = /^(.*?) (\[[^\]]*\])$/.exec(text);
  const shown = note ? `${(note[1] ?? '').padEnd(NOTE_COLUMN - 3)}   ${note[2] ?? ''}` : text;
  return `  ${flag.padEnd(24)} ${shown}`;
}

/** `names` in sections: the command's own options first, then connection, then traces and links. */
function optionSections(names: readonly OptionName[], texts?: Partial<Record<OptionName, string>>): string {
  return (Object.keys(GROUP_TITLES) as (keyof typeof GROUP_TITLES)[]).flatMap((group) => {
    const lines = names.filter((name) => OPTIONS[name].group === group).map((name) => optionLine(name, texts));
    if (lines.length === 0) return [];
    const title = GROUP_TITLES[group];
    return [[...(title ? [title] : []), ...lines].join('\n')];
  }).join('\n\n');
}

/** What each command's help says before its options. */
const INTRO: Record<Exclude<CommandName, 'help'>, string> = {
  tui: `Usage: queue-otel tui [options]

Opens the interactive UI. Press ? inside for every key.`,
  jobs: `Usage: queue-otel jobs <queue> [options]

Lists jobs of a queue, newest first, reading at most --limit jobs per state.`,
  trace: `Usage: queue-otel trace <traceId> [options]

Prints a trace as a text waterfall (tree, bars on a time ruler, [!] errors, * critical path).`,
  demo: `Usage: queue-otel demo [options]

Starts an embedded Redis (unless --redis is given), a producer and two workers in child processes that
trace into the Redis span store and serve Prometheus metrics, then opens the UI. q or Ctrl+C stops everything.`,
};

/** Width of the variable names in the Environment sections: the longest one's (a space follows each). */
const ENV_COLUMN = REDIS_TLS_PASSPHRASE_ENV.length;

/** The variables for a rediss:// Redis, read by every command that connects (docs/tui.md). */
const TLS_ENVIRONMENT = `  ${REDIS_TLS_ENV.ca.padEnd(ENV_COLUMN)} rediss://: PEM file of the CA to trust (instead of Node's list)
  ${REDIS_TLS_ENV.cert.padEnd(ENV_COLUMN)} rediss://: PEM file of the client certificate (tls-auth-clients yes)
  ${REDIS_TLS_ENV.key.padEnd(ENV_COLUMN)} rediss://: PEM file of its private key
  ${REDIS_TLS_PASSPHRASE_ENV.padEnd(ENV_COLUMN)} rediss://: passphrase of that key, when it is encrypted`;

/** What each command's help says after its options. */
const OUTRO: Partial<Record<CommandName, string>> = {
  tui: `Environment:
  ${'QUEUE_OTEL_OPENER'.padEnd(ENV_COLUMN)} program that opens links (default xdg-open / open / explorer.exe)
${TLS_ENVIRONMENT}`,
  jobs: `Environment:\n${TLS_ENVIRONMENT}`,
  trace: `Environment:\n${TLS_ENVIRONMENT}`,
  demo: `Environment:\n${TLS_ENVIRONMENT}`,
};

function commandHelp(command: Exclude<CommandName, 'help'>): string {
  const { options, texts } = COMMAND_OPTIONS[command];
  return [INTRO[command], optionSections(options, texts), OUTRO[command]].filter((part) => part !== undefined).join('\n\n');
}

const MAIN = `queue-otel: trace-aware terminal UI and tools for BullMQ

Usage: queue-otel [command] [options]

Commands:
  tui                      interactive UI: queues, jobs, traces, waterfalls (default)
  jobs <queue>             list jobs of a queue (--state, --trace-id, --json)
  trace <traceId>          print a trace as a text waterfall (--json)
  demo                     embedded Redis + producer + two workers + the UI

Each command takes only its own options: run "queue-otel <command> --help" for them. Shared ones:

${optionSections(ALL_OPTIONS.filter((name) => OPTIONS[name].group !== 'own'))}

Environment:
${TLS_ENVIRONMENT}`;

/** Help per command name, and `main` for the overview. */
export const HELP: Record<string, string> = {
  main: MAIN,
  tui: commandHelp('tui'),
  jobs: commandHelp('jobs'),
  trace: commandHelp('trace'),
  demo: commandHelp('demo'),
};
