/** Parses the command line with node's own parser: one option table for every command. */
import { parseArgs } from 'node:util';
import { looksNegative } from './range-message';
import { UsageError } from './settings';
import type { FlagValues } from './settings';

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  json: { type: 'boolean' },
  headless: { type: 'boolean' },
  redis: { type: 'string' },
  prefix: { type: 'string' },
  'key-prefix': { type: 'string' },
  'trace-source': { type: 'string' },
  'trace-url': { type: 'string' },
  apm: { type: 'string' },
  'apm-url': { type: 'string' },
  'apm-datasource': { type: 'string' },
  'link-template': { type: 'string' },
  queue: { type: 'string' },
  trace: { type: 'string' },
  refresh: { type: 'string' },
  state: { type: 'string' },
  'trace-id': { type: 'string' },
  limit: { type: 'string' },
  width: { type: 'string' },
  'metrics-port': { type: 'string' },
} as const;

/** The subcommands. */
export const COMMANDS = ['tui', 'jobs', 'trace', 'demo', 'help'] as const;
/** One of {@link COMMANDS}. */
export type CommandName = (typeof COMMANDS)[number];

/** A parsed command line. */
export interface ParsedArgs {
  command: CommandName;
  positionals: string[];
  flags: FlagValues;
}

/** Edit distance of two short strings, for "did you mean". */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    const row = [i];
    for (let j = 1; j <= b.length; j += 1) row.push(Math.min((previous[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1)));
    previous = row;
  }
  return previous[b.length] ?? 0;
}

/** The known option nearest to `name` (without dashes), when it is a likely typo. */
export function nearestOption(name: string): string | undefined {
  let best: { option: string; cost: number } | undefined;
  for (const option of Object.keys(OPTIONS)) {
    const cost = distance(name, option);
    if (!best || cost < best.cost) best = { option, cost };
  }
  return best && best.cost <= Math.max(1, Math.floor(name.length / 3)) ? best.option : undefined;
}

/**
 * node's parser errors as the CLI's own: which option, what is wrong with it, the likely intended one. Its own
 * texts name the option in quotes and suggest `-- "--foo"`, which reads as a broken command line.
 */
export function usageErrorOf(error: unknown, argv: readonly string[] = []): UsageError {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  const option = /'(-{1,2}[^' ]+)/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) {
    const nearest = nearestOption(option.replace(/^-+/, '').split('=')[0] ?? '');
    return new UsageError(`unknown option ${option}${nearest ? ` (did you mean --${nearest}?)` : ''}`);
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option) {
    if (/argument is ambiguous/.test(message)) {
      // The value starts with a dash: node's parser will not guess whether it is a value or another option.
      const next = argv[argv.indexOf(option) + 1];
      return new UsageError(next === undefined ? `${option} needs a value`
        : `${option} needs a value, and ${JSON.stringify(next)} reads as an option (to give it as the value, write ${option}=${next})`);
    }
    return new UsageError(/argument missing/.test(message) ? `${option} needs a value` : `${option} takes no value`);
  }
  return new UsageError(message);
}

/**
 * `--limit -5` as `--limit=-5`: node's parser refuses a value that starts with a dash after a space, and no
 * option starts with a digit, so a negative number after an option that takes a value can only be its value.
 * Given to the option, it gets the option's own message (a negative number is not allowed) instead of the
 * parser's about an ambiguous argument.
 */
function attachNegativeValues(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    const next = argv[i + 1];
    if (arg === '--') return [...out, ...argv.slice(i)];
    const name = arg.startsWith('--') ? arg.slice(2) : undefined;
    const takesValue = name !== undefined && Object.hasOwn(OPTIONS, name) && OPTIONS[name as keyof typeof OPTIONS].type === 'string';
    if (takesValue && next !== undefined && looksNegative(next)) {
      out.push(`${arg}=${next}`);
      i += 1;
    } else {
      out.push(arg);
    }
  }
  return out;
}

/** Parses `argv` (without node and the script); throws a UsageError for unknown options or commands. */
export function parseCommandLine(argv: readonly string[]): ParsedArgs {
  let parsed;
  try {
    parsed = parseArgs({ args: attachNegativeValues(argv), options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw usageErrorOf(error, argv);
  }
  const [first, ...rest] = parsed.positionals;
  const command = first ?? 'tui';
  if (!(COMMANDS as readonly string[]).includes(command)) throw new UsageError(`unknown command "${command}" (one of ${COMMANDS.join(', ')})`);
  const flags = parsed.values as FlagValues;
  // With --help the command line is not run, so what follows does not matter.
  if (!flags.help) checkArguments(command as CommandName, rest);
  return { command: command as CommandName, positionals: rest, flags };
}

/** The arguments each command takes, as its usage line writes them. */
const ARGUMENTS: Readonly<Record<CommandName, readonly string[]>> = { tui: [], jobs: ['<queue>'], trace: ['<traceId>'], demo: [], help: ['[command]'] };

/**
 * Refuses an argument a command does not take: `jobs a b` listed the jobs of `a` alone, and `tui orders` opened the
 * UI on every queue, each without a word; `help nosuch` printed the general help as if it were the command's.
 */
function checkArguments(command: CommandName, positionals: readonly string[]): void {
  const expected = ARGUMENTS[command];
  const extra = positionals[expected.length];
  if (extra !== undefined) {
    const takes = expected.length === 0 ? 'takes no arguments' : `takes one argument, ${expected.join(' ')}`;
    const hint = command === 'tui' ? ` (to start on a queue: --queue ${JSON.stringify(extra)})` : '';
    throw new UsageError(`${command} ${takes}; unexpected ${JSON.stringify(extra)}${hint}`);
  }
  const topic = positionals[0];
  if (command === 'help' && topic !== undefined && !(COMMANDS as readonly string[]).includes(topic)) {
    throw new UsageError(`no help on ${JSON.stringify(topic)}: not a command (one of ${COMMANDS.join(', ')})`);
  }
}
