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
import { diag } from '../otel-api';

/** What requests of a closed agent fail with: a code the exporter does not retry on. */
export class ExporterClosedError extends Error {
  override readonly name = 'ExporterClosedError';
  readonly code = 'QUEUE_OTEL_EXPORTER_CLOSED';
  constructor() {
    super('the OTLP exporter was shut down');
  }
}

/** A TLS file named by the traces variable, else the generic one, as the official exporter reads them. */
function tlsFile(suffix: string): Buffer | undefined {
  const file = process.env[`OTEL_EXPORTER_OTLP_TRACES_${suffix}`]?.trim() || process.env[`OTEL_EXPORTER_OTLP_${suffix}`]?.trim();
  if (!file) return undefined;
  try {
    return readFileSync(resolve(process.cwd(), file));
  } catch {
    diag.warn(`queue-otel/setup: could not read the file of OTEL_EXPORTER_OTLP_(TRACES_)${suffix}; going on without it`);
    return undefined;
  }
}

/** The agents of one exporter (one per URL scheme it asks for), closed together. */
export class ClosableAgents {
  #closed = false;
  readonly #agents: http.Agent[] = [];

  /** The exporter's `httpAgentOptions`: keep-alive as its default, TLS files from `process.env` as it reads them. */
  readonly factory = (protocol: string): http.Agent => {
    let agent: http.Agent;
    if (protocol === 'http:') agent = new http.Agent({ keepAlive: true });
    else {
      const [ca, cert, key] = [tlsFile('CERTIFICATE'), tlsFile('CLIENT_CERTIFICATE'), tlsFile('CLIENT_KEY')];
      agent = new https.Agent({ keepAlive: true, ...(ca ? { ca } : {}), ...(cert ? { cert } : {}), ...(key ? { key } : {}) });
    }
    const connect = agent.createConnection.bind(agent);
    agent.createConnection = (options, callback) => {
      if (!this.#closed) return connect(options, callback);
      process.nextTick(() => callback?.(new ExporterClosedError(), undefined as unknown as Duplex));
      return undefined;
    };
    this.#agents.push(agent);
    return agent;
  };

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
