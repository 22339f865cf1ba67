/**
 * The HTTP agent of the OTLP/HTTP exporter, which setupTracing can close once its shutdown is over. The official
 * exporter keeps sending after a bounded shutdown has given up on it (a request the backend never answers, retries
 * to a port nothing listens on), and its socket or retry timer then held a short-lived process open for seconds.
 * Once closed, the agent ends its requests in flight and refuses new ones, with an error the exporter does not
 * retry, so nothing of the exporter's is left waiting.
 */
import { readFileSync } from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import { resolve } from 'node:path';
import type { Duplex } from 'node:stream';
import type { EnvWarn } from './env-parsers';

/** What requests of a closed agent fail with: a code the exporter does not retry on. */
export class ExporterClosedError extends Error {
  override readonly name = 'ExporterClosedError';
  readonly code = 'QUEUE_OTEL_EXPORTER_CLOSED';
  constructor() {
    super('the OTLP exporter was shut down');
  }
}

/** The TLS files of an https agent, as read from their variables. */
export interface AgentTls {
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
}

/** Each TLS option with the variable suffix naming its file, in the official exporter's order of reading. */
const TLS_FILES = [
  ['ca', 'CERTIFICATE'],
  ['cert', 'CLIENT_CERTIFICATE'],
  ['key', 'CLIENT_KEY'],
] as const satisfies ReadonlyArray<readonly [keyof AgentTls, string]>;

/** The six TLS variables, the traces one and the generic one of each file: what the HTTP exporter must not read itself. */
export const TLS_VARIABLES: readonly string[] = TLS_FILES.flatMap(([, suffix]) => [`OTEL_EXPORTER_OTLP_TRACES_${suffix}`, `OTEL_EXPORTER_OTLP_${suffix}`]);

/**
 * Reads the TLS files of `OTEL_EXPORTER_OTLP_(TRACES_)CERTIFICATE`, `_CLIENT_CERTIFICATE` and `_CLIENT_KEY` from
 * `process.env` (the traces variable, else the generic one; a path relative to the working directory), as the
 * official exporter reads them. Once, when setupTracing builds the exporter: the agent is made at the first export,
 * by when the working directory or the variables may have changed. A file that cannot be read is reported through
 * `warn` (the official exporter only said so on `diag`, which is silent unless a diag logger is set) and left out,
 * so the agent falls back to Node's own CA list and no client certificate.
 */
export function readTlsFiles(warn: EnvWarn): AgentTls {
  const tls: AgentTls = {};
  const named: Partial<Record<keyof AgentTls, string>> = {};
  for (const [option, suffix] of TLS_FILES) {
    const variable = [`OTEL_EXPORTER_OTLP_TRACES_${suffix}`, `OTEL_EXPORTER_OTLP_${suffix}`].find((name) => process.env[name]?.trim());
    if (!variable) continue;
    named[option] = variable;
    const file = process.env[variable]!.trim();
    try {
      tls[option] = readFileSync(resolve(process.cwd(), file));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      warn(`${variable}=${JSON.stringify(file)} cannot be read${code ? ` (${code})` : ''}; going on without it`);
    }
  }
  // Half of the client pair: gRPC refuses it (it threw here, or every export failed), TLS presents no certificate.
  // Neither half is used; when the other half was named but could not be read, that was reported above.
  if ((tls.cert === undefined) !== (tls.key === undefined)) {
    const [given, missing] = tls.cert ? (['cert', 'key'] as const) : (['key', 'cert'] as const);
    if (!named[missing]) warn(`${named[given]!} is set but not ${missing === 'key' ? 'OTEL_EXPORTER_OTLP_(TRACES_)CLIENT_KEY' : 'OTEL_EXPORTER_OTLP_(TRACES_)CLIENT_CERTIFICATE'}: a client certificate needs both; going on without one`);
    delete tls.cert;
    delete tls.key;
  }
  return tls;
}

/** The agents of one exporter (one per URL scheme it asks for), closed together. */
export class ClosableAgents {
  #closed = false;
  readonly #agents: http.Agent[] = [];

  /**
   * The exporter's `httpAgentOptions`: a factory of agents with keep-alive, as its default, and over https the TLS
   * files already read (see readTlsFiles). The exporter makes one agent when it first exports.
   */
  factory(tls: AgentTls): (protocol: string) => http.Agent {
    return (protocol) => {
      const agent = protocol === 'http:' ? new http.Agent({ keepAlive: true }) : new https.Agent({ keepAlive: true, ...tls });
      const connect = agent.createConnection.bind(agent);
      agent.createConnection = (options, callback) => {
        if (!this.#closed) return connect(options, callback);
        process.nextTick(() => callback?.(new ExporterClosedError(), undefined as unknown as Duplex));
        return undefined;
      };
      this.#agents.push(agent);
      return agent;
    };
  }

  /** Ends every request in flight and refuses new ones; the exporter reports them failed and does not retry. */
  close(): void {
    this.#closed = true;
    for (const agent of this.#agents) {
      for (const sockets of [...Object.values(agent.sockets), ...Object.values(agent.freeSockets)]) {
        for (const socket of sockets ?? []) socket.destroy(new ExporterClosedError());
      }
    }
  }
}
