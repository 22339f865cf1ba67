/** Parses the command line with node's own parser, each command with its own options (options.ts). */
import { parseArgs } from 'node:util';
import { ALL_OPTIONS, COMMAND_OPTIONS, COMMANDS, OPTIONS, commandsTaking, parserTable } from './options';
import type { CommandName, OptionName } from './options';
import { looksNegative } from './range-message';
import { UsageError } from './usage-error';
import type { FlagValues } from './settings';

/** The subcommands (from the option table, re-exported for the callers of the parser). */
export { COMMANDS };
export type { CommandName };

/** A parsed command line. */
export interface ParsedArgs {
  command: CommandName;
  positionals: string[];
  flags: FlagValues;
}

/**
 * Edit distance of two short strings, for "did you mean". The library's src/options has one too, but this package
 * imports the library only through its public entries, and the CLI's threshold scales with the option's length.
 */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    const row = [i];
    for (let j = 1; j <= b.length; j += 1) row.push(Math.min((previous[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1)));
    previous = row;
  }
  return previous[b.length] ?? 0;
}

/** Of `options`, the one nearest to `name` (without dashes), when it is a likely typo. */
export function nearestOption(name: string, options: readonly string[] = ALL_OPTIONS): string | undefined {
  let best: { option: string; cost: number } | undefined;
  for (const option of options) {
    const cost = distance(name, option);
    if (!best || cost < best.cost) best = { option, cost };
  }
  return best && best.cost <= Math.max(1, Math.floor(name.length / 3)) ? best.option : undefined;
}

/**
 * An option `command` does not take: named with the command, and with the command's nearest option when it looks
 * like a typo of it, else with the commands that do take it (it is not unknown, only misplaced).
 */
function notTakenError(command: CommandName, name: string): UsageError {
  const nearest = nearestOption(name, COMMAND_OPTIONS[command].options);
  const others = commandsTaking(name);
  const hint = nearest ? ` (did you mean --${nearest}?)` : others.length > 0 ? ` (an option of ${others.join(', ')})` : '';
  return new UsageError(`${command} does not take --${name}${hint}`, command);
}

/**
 * node's parser errors as the CLI's own: which option, what is wrong with it, the likely intended one. Its own
 * texts name the option in quotes and suggest `-- "--foo"`, which reads as a broken command line. `command` is the
 * command whose options were parsed (none when the command itself is unknown).
 */
export function usageErrorOf(error: unknown, argv: readonly string[] = [], command?: CommandName): UsageError {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  const option = /'(-{1,2}[^' ]+)/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) {
    const name = option.replace(/^-+/, '').split('=')[0] ?? '';
    if (command && option.startsWith('--') && Object.hasOwn(OPTIONS, name)) return notTakenError(command, name);
    const own = command ? nearestOption(name, COMMAND_OPTIONS[command].options) : undefined;
    const nearest = own ?? nearestOption(name);
    // A typo of another command's option: suggested with whose it is, not as if this command took it.
    const whose = command && !own && nearest ? ` (--${nearest} is an option of ${commandsTaking(nearest).join(', ')})` : undefined;
    return new UsageError(`unknown option ${option}${whose ?? (nearest ? ` (did you mean --${nearest}?)` : '')}`, command);
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
    const takesValue = name !== undefined && Object.hasOwn(OPTIONS, name) && OPTIONS[name as OptionName].type === 'string';
    if (takesValue && next !== undefined && looksNegative(next)) {
      out.push(`${arg}=${next}`);
      i += 1;
    } else {
      out.push(arg);
    }
  }
  return out;
}

/**
 * The command a command line names (its first argument; `tui` when there is none), read before the strict parse so
 * that the options are parsed against that command's own. Every option is known here, so values are not taken for
 * the command (`--prefix x jobs q`).
 */
function commandOf(args: readonly string[]): { command: string; help: boolean } {
  try {
    const { values, positionals } = parseArgs({ args: [...args], options: parserTable(ALL_OPTIONS), allowPositionals: true, strict: false });
    return { command: positionals[0] ?? 'tui', help: values.help === true };
  } catch {
    return { command: 'tui', help: false };
  }
}

/**
 * Parses `argv` (without node and the script); throws a UsageError for an unknown command, an unknown option, or one
 * the command does not take. With --help (or `help`) every option is accepted: the command line is not run, only a
 * help shown.
 */
export function parseCommandLine(argv: readonly string[]): ParsedArgs {
  const args = attachNegativeValues(argv);
  const named = commandOf(args);
  const known = (COMMANDS as readonly string[]).includes(named.command) ? named.command as CommandName : undefined;
  // Help runs nothing: whatever else the command line says, it shows the help asked for.
  const options = known && known !== 'help' && !named.help ? COMMAND_OPTIONS[known].options : ALL_OPTIONS;
  let parsed;
  try {
    parsed = parseArgs({ args, options: parserTable(options), allowPositionals: true, strict: true });
  } catch (error) {
    // Named only when its own options were parsed: `help` and --help take every option.
    throw usageErrorOf(error, argv, options === ALL_OPTIONS ? undefined : known);
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
