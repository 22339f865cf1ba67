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

/** Parses `argv` (without node and the script); throws a UsageError for unknown options or commands. */
export function parseCommandLine(argv: readonly string[]): ParsedArgs {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
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
