/**
 * The options of every command: the one table the parser, the "does not take" error and each command's --help are
 * made from. An option a command would ignore is not in its list, so typing it is a usage error rather than a
 * setting the user believes took effect.
 */

/** Where an option is listed in a command's help. */
type OptionGroup = 'own' | 'connection' | 'traces';

/** One option: how it is parsed and its help line. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** The value's name in the help (`--redis <url>`). */
  value?: string;
  group: OptionGroup;
  /** One line: what it does, then its environment variable and default in brackets (aligned in the help). */
  text: string;
}

/** Every option of any command. */
export const OPTIONS = {
  help: { type: 'boolean', short: 'h', group: 'own', text: 'this help' },
  json: { type: 'boolean', group: 'own', text: 'JSON instead of text' },
  headless: { type: 'boolean', group: 'own', text: 'do not open the UI; run until Ctrl+C' },
  redis: { type: 'string', value: 'url', group: 'connection', text: 'Redis holding the queues and the span store [REDIS_URL, default redis://127.0.0.1:6379]' },
  prefix: { type: 'string', value: 'p', group: 'connection', text: 'BullMQ key prefix [QUEUE_OTEL_BULL_PREFIX, default bull]' },
  'key-prefix': { type: 'string', value: 'p', group: 'connection', text: 'span store key prefix [QUEUE_OTEL_KEY_PREFIX, default qo]' },
  'trace-source': { type: 'string', value: 's', group: 'traces', text: 'redis (span store) | jaeger | tempo | zipkin [QUEUE_OTEL_TRACE_SOURCE, default redis]' },
  'trace-url': { type: 'string', value: 'url', group: 'traces', text: 'query API of the backend [QUEUE_OTEL_TRACE_URL]' },
  apm: { type: 'string', value: 'preset', group: 'traces', text: 'jaeger | grafana-tempo | datadog | honeycomb | zipkin [QUEUE_OTEL_APM]' },
  'apm-url': { type: 'string', value: 'url', group: 'traces', text: 'the APM UI: base URL (Datadog: its app host; Honeycomb: the dataset\'s URL) [QUEUE_OTEL_APM_URL]' },
  'apm-datasource': { type: 'string', value: 'uid', group: 'traces', text: 'Tempo data source uid (--apm grafana-tempo) [QUEUE_OTEL_APM_DATASOURCE]' },
  'link-template': { type: 'string', value: 't', group: 'traces', text: 'custom deep link, e.g. https://apm/t/{traceId}?from={startMs} [QUEUE_OTEL_LINK_TEMPLATE]' },
  queue: { type: 'string', value: 'name', group: 'own', text: 'start on the jobs of this queue' },
  trace: { type: 'string', value: 'traceId', group: 'own', text: 'start on the waterfall of this trace' },
  refresh: { type: 'string', value: 'ms', group: 'own', text: 'live refresh interval, 200 to 3600000 [QUEUE_OTEL_REFRESH_MS, default 2000]' },
  state: { type: 'string', value: 'state', group: 'own', text: 'waiting | active | delayed | prioritized | waiting-children | completed | failed (default: every state)' },
  'trace-id': { type: 'string', value: 'id', group: 'own', text: 'only jobs of this trace (from the span store\'s trace-to-job index)' },
  limit: { type: 'string', value: 'n', group: 'own', text: 'at most n jobs per state, 1 to 10000 (default 50)' },
  width: { type: 'string', value: 'n', group: 'own', text: 'width in columns, 20 to 1000 (default: the terminal\'s, else 100)' },
  'metrics-port': { type: 'string', value: 'n', group: 'own', text: 'first port of the workers\' metrics endpoints (default: free ports, printed at start and in the UI\'s ? help)' },
} as const satisfies Record<string, OptionSpec>;

/** The name of an option, without dashes. */
export type OptionName = keyof typeof OPTIONS;

/** The subcommands. */
export const COMMANDS = ['tui', 'jobs', 'trace', 'demo', 'help'] as const;
/** One of {@link COMMANDS}. */
export type CommandName = (typeof COMMANDS)[number];

/** What a command takes, in the order its help lists it, and help lines of its own where the general one is wrong. */
export interface CommandOptions {
  options: readonly OptionName[];
  texts?: Partial<Record<OptionName, string>>;
}

const LINKS = ['apm', 'apm-url', 'apm-datasource', 'link-template'] as const;

/**
 * The options each command takes. `trace` reads only the span store (or a backend) and prints no links: no
 * --prefix, no --apm. `jobs` reads BullMQ and the trace-to-job index and prints no links. The demo's workers
 * write to its Redis span store only, so a --trace-source would show none of their traces; its --prefix and
 * --key-prefix are used by its workers, producer and UI alike.
 */
export const COMMAND_OPTIONS: Readonly<Record<CommandName, CommandOptions>> = {
  tui: { options: ['queue', 'trace', 'refresh', 'help', 'redis', 'prefix', 'key-prefix', 'trace-source', 'trace-url', ...LINKS] },
  jobs: {
    options: ['state', 'trace-id', 'limit', 'json', 'help', 'redis', 'prefix', 'key-prefix'],
    texts: { json: 'one JSON array instead of a table' },
  },
  trace: {
    options: ['width', 'json', 'help', 'redis', 'key-prefix', 'trace-source', 'trace-url'],
    texts: { json: 'the spans as JSON (normalised span model)' },
  },
  demo: {
    options: ['headless', 'metrics-port', 'refresh', 'help', 'redis', 'prefix', 'key-prefix', ...LINKS],
    texts: {
      redis: 'use this Redis instead of starting one (REDIS_URL is not read: the demo writes only where told)',
      prefix: 'BullMQ key prefix of the demo\'s queues, workers and UI [QUEUE_OTEL_BULL_PREFIX, default bull]',
      'key-prefix': 'span store key prefix the demo writes and reads [QUEUE_OTEL_KEY_PREFIX, default qo]',
      refresh: 'the UI\'s live refresh interval, 200 to 3600000 (default 1000)',
    },
  },
  help: { options: ['help'] },
};

/** True when `command` takes `option`. */
export function takesOption(command: CommandName, option: string): boolean {
  return (COMMAND_OPTIONS[command].options as readonly string[]).includes(option);
}

/** The commands that take `option`, in {@link COMMANDS} order. */
export function commandsTaking(option: string): CommandName[] {
  return COMMANDS.filter((command) => takesOption(command, option));
}

/** node's parseArgs table of the given options. */
export function parserTable(names: readonly OptionName[]): Record<string, { type: 'string' | 'boolean'; short?: string }> {
  const table: Record<string, { type: 'string' | 'boolean'; short?: string }> = {};
  for (const name of names) {
    const spec: OptionSpec = OPTIONS[name];
    table[name] = spec.short === undefined ? { type: spec.type } : { type: spec.type, short: spec.short };
  }
  return table;
}

/** Every option name. */
export const ALL_OPTIONS = Object.keys(OPTIONS) as OptionName[];
