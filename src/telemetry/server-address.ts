import { isRecord, recordOf, textOf } from './untrusted-values';

/** The Redis server a BullMQ instance talks to, as `server.address` and `server.port` name it. */
export interface ServerAddress {
  /** Host name or IP as configured (never resolved), or the path of a Unix socket. */
  readonly address: string;
  /** The TCP port; undefined for a Unix socket. */
  readonly port: number | undefined;
}

/** ioredis' defaults, which BullMQ's connections use for what the options leave out. */
const DEFAULT_HOST = 'localhost';
const DEFAULT_PORT = 6379;

/** Per instance, read once: `null` when the instance's connection says nothing usable. */
const known = new WeakMap<object, ServerAddress | null>();

/**
 * How many distinct servers share one {@link ServerAddress} object each. Span start templates are found by the
 * address object (one identity comparison per span, see start-templates.ts): without sharing, every new Queue or
 * Worker of a service that opens one per request learnt templates of its own, for ever. Beyond this many servers
 * each instance gets its own object again (the templates bound themselves per queue).
 */
export const MAX_SHARED_SERVER_ADDRESSES = 256;

/** The shared address objects, by address and port. */
const shared = new Map<string, ServerAddress>();

/**
 * The Redis server of a Queue, Worker, JobScheduler or FlowProducer, from its `connection` option: connection options
 * (`host`/`port`, `path`), an ioredis client (its `options`), a node-redis client (`options.socket`, `options.url`), or
 * an ioredis Cluster or cluster options, whose first startup node stands for the cluster (the node that served a
 * command is not known to the tracer). Read once per instance; undefined when nothing usable is there. Never throws:
 * the options are the application's, of any shape.
 */
export function serverAddressOf(instance: object | undefined): ServerAddress | undefined {
  if (instance === undefined) return undefined;
  let address = known.get(instance);
  if (address === undefined) {
    address = shareable(readServerAddress(instance)) ?? null;
    known.set(instance, address);
  }
  return address ?? undefined;
}

/** The shared object equal to `address` (the first one seen), while fewer than the maximum are shared. */
function shareable(address: ServerAddress | undefined): ServerAddress | undefined {
  if (address === undefined) return undefined;
  // A NUL cannot be in a host name or a socket path that Redis accepts: the key is unambiguous.
  const key = `${address.address}\u0000${address.port ?? ''}`;
  const found = shared.get(key);
  if (found !== undefined) return found;
  // Frozen: one object now stands for every instance of the server.
  if (shared.size < MAX_SHARED_SERVER_ADDRESSES) shared.set(key, Object.freeze(address));
  return address;
}

/** How many distinct servers share an address object now (tests). */
export function sharedServerAddressCount(): number {
  return shared.size;
}

function readServerAddress(instance: object): ServerAddress | undefined {
  try {
    return fromConnection(recordOf((instance as { opts?: unknown }).opts).connection);
  } catch {
    // a getter that throws, a revoked proxy: no address rather than a failed span
    return undefined;
  }
}

function fromConnection(connection: unknown): ServerAddress | undefined {
  if (connection === undefined) return { address: DEFAULT_HOST, port: DEFAULT_PORT };
  if (!isRecord(connection)) return undefined;
  const nodes = connection.startupNodes ?? recordOf(connection.options).startupNodes;
  if (Array.isArray(nodes)) return nodes.length > 0 ? fromNode(nodes[0]) : undefined;
  // A client instance keeps its options in `options`; plain connection options are the object itself.
  const isClient = typeof connection.status === 'string' || typeof connection.sendCommand === 'function' || typeof connection.defineCommand === 'function';
  return fromOptions(isClient ? recordOf(connection.options) : connection);
}

function fromOptions(options: Record<string, unknown>): ServerAddress | undefined {
  const socket = recordOf(options.socket);
  const path = textOf(options.path) ?? textOf(socket.path);
  if (path) return { address: path, port: undefined };
  const url = textOf(options.url);
  if (url !== undefined) return fromUrl(url);
  const host = textOf(options.host) ?? textOf(socket.host);
  return { address: host || DEFAULT_HOST, port: portOf(options.port) ?? portOf(socket.port) ?? DEFAULT_PORT };
}

/** A cluster startup node: a port, `host:port` or a URL, or `{ host, port }`. */
function fromNode(node: unknown): ServerAddress | undefined {
  if (typeof node === 'number') return portOf(node) === undefined ? undefined : { address: DEFAULT_HOST, port: node };
  if (typeof node === 'string') {
    if (node.includes('://')) return fromUrl(node);
    const colon = node.lastIndexOf(':');
    if (colon < 0) return node ? { address: node, port: DEFAULT_PORT } : undefined;
    return { address: node.slice(0, colon) || DEFAULT_HOST, port: portOf(Number(node.slice(colon + 1))) ?? DEFAULT_PORT };
  }
  return isRecord(node) ? fromOptions(node) : undefined;
}

/** Host and port of a `redis://` URL; its user name and password are never read. */
function fromUrl(text: string): ServerAddress | undefined {
  try {
    const url = new URL(text);
    const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
    return { address: host || DEFAULT_HOST, port: portOf(Number(url.port)) ?? DEFAULT_PORT };
  } catch {
    return undefined;
  }
}

function portOf(value: unknown): number | undefined {
  const port = typeof value === 'string' ? Number(value) : value;
  return typeof port === 'number' && Number.isInteger(port) && port > 0 && port < 65536 ? port : undefined;
}
