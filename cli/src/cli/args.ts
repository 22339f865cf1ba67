/** Parses the command line with node's own parser: one option table for every command. */
import { parseArgs } from 'node:util';
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
export function usageErrorOf(error: unknown): UsageError {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  const option = /'(-{1,2}[^' ]+)/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) {
    const nearest = nearestOption(option.replace(/^-+/, '').split('=')[0] ?? '');
    return new UsageError(`unknown option ${option}${nearest ? ` (did you mean --${nearest}?)` : ''}`);
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option) {
    return new UsageError(/argument missing/.test(message) ? `${option} needs a value` : `${option} takes no value`);
  }
  return new UsageError(message);
}

/** Parses `argv` (without node and the script); throws a UsageError for unknown options or commands. */
export function parseCommandLine(argv: readonly string[]): ParsedArgs {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw usageErrorOf(error);
  }
  const [first, ...rest] = parsed.positionals;
  const command = first ?? 'tui';
  if (!(COMMANDS as readonly string[]).includes(command)) throw new UsageError(`unknown command "${command}" (one of ${COMMANDS.join(', ')})`);
  return { command: command as CommandName, positionals: rest, flags: parsed.values as FlagValues };
}

/** A positive integer flag, or the fallback when absent. */
export function intFlag(flags: FlagValues, name: string, fallback: number): number {
  const raw = flags[name];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new UsageError(`--${name} must be a positive integer, got "${String(raw)}"`);
  return value;
}
