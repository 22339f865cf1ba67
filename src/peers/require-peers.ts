/**
 * The optional peer dependencies of each subpath of queue-otel, and the check each entry runs before anything
 * else it imports: a missing one gives an error that names the subpath and what to install, instead of a
 * "Cannot find module" from deep inside. The ranges are package.json's `peerDependencies` (a test keeps them in
 * step).
 */
export const ENTRY_PEERS = {
  // The exporter of the chosen protocol, instrumentations and propagators are loaded on demand by setupTracing,
  // with errors of their own (src/setup/load-on-demand.ts).
  setup: {
    '@opentelemetry/sdk-trace-node': '^2.0.0',
    '@opentelemetry/sdk-trace-base': '^2.0.0',
    '@opentelemetry/context-async-hooks': '^2.0.0',
    '@opentelemetry/resources': '^2.0.0',
  },
  metrics: { 'prom-client': '^15' },
  store: { ioredis: '^5 || ^6', 'cluster-key-slot': '^1', '@opentelemetry/resources': '^2.0.0' },
  observer: { ioredis: '^5 || ^6' },
  config: { yaml: '^2' },
} as const satisfies Record<string, Record<string, string>>;

/** A subpath with optional peers. */
export type PeeredEntry = keyof typeof ENTRY_PEERS;

/** Whether `name` can be loaded from where queue-otel is installed. */
function resolvable(name: string): boolean {
  try {
    require.resolve(name);
    return true;
  } catch {
    return false;
  }
}

/** An `npm install` argument for a package and its range, quoted when the range has spaces. */
function installArgument(name: string, range: string): string {
  return /\s/.test(range) ? `"${name}@${range}"` : `${name}@${range}`;
}

/** The error for the peers of `entry` that are missing, or undefined when all are there. */
export function missingPeersError(entry: PeeredEntry, isResolvable: (name: string) => boolean = resolvable): Error | undefined {
  const peers: Record<string, string> = ENTRY_PEERS[entry];
  const missing = Object.keys(peers).filter((name) => !isResolvable(name));
  if (missing.length === 0) return undefined;
  const names = missing.length === 1 ? missing[0] : `${missing.slice(0, -1).join(', ')} and ${missing[missing.length - 1]}`;
  const install = missing.map((name) => installArgument(name, peers[name]!)).join(' ');
  return new Error(`queue-otel/${entry} needs ${names}: npm install ${install}`);
}

/** Throws the error of {@link missingPeersError}, if any. */
export function requirePeers(entry: PeeredEntry): void {
  const error = missingPeersError(entry);
  if (error) throw error;
}
