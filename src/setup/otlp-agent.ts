/**
 * The HTTP agent of the OTLP/HTTP exporter, which setupTracing can close once its shutdown is over. The official
 * exporter keeps sending after a bounded shutdown has given up on it (a request the backend never answers, retries
 * to a port nothing listens on), and its socket or retry timer then held a short-lived process open for seconds.
 * Once closed, the agent ends its requests in flight and refuses new ones, with an error the exporter does not
 * retry, so nothing of the exporter's is left waiting.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import type { Duplex } from 'node:stream';
import type { TlsFiles } from './tls-files';

/** What requests of a closed agent fail with: a code the exporter does not retry on. */
export class ExporterClosedError extends Error {
  override readonly name = 'ExporterClosedError';
  readonly code = 'QUEUE_OTEL_EXPORTER_CLOSED';
  constructor() {
    super('the OTLP exporter was shut down');
  }
}

/** The agents of one exporter (one per URL scheme it asks for), closed together. */
export class ClosableAgents {
  #closed = false;
  readonly #agents: http.Agent[] = [];

  /**
   * The exporter's `httpAgentOptions`: a factory of agents with keep-alive, as its default, and over https the TLS
   * files already read (see readTlsFiles). The exporter makes one agent when it first exports.
   */
  factory(tls: TlsFiles): (protocol: string) => http.Agent {
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
