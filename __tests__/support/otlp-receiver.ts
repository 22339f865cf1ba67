import { createServer } from 'node:http';
import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { ServerOptions as HttpsServerOptions } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { decodeTraceRequest } from './otlp-protobuf';

/** A span as received over OTLP/HTTP JSON, flattened. */
export interface ReceivedSpan {
  traceId: string;
  spanId: string;
  parentSpanId: string | undefined;
  name: string;
  kind: number;
  service: string;
  /** Attributes of the span's resource. */
  resource: Record<string, unknown>;
  attributes: Record<string, unknown>;
  links: Array<{ traceId: string; spanId: string }>;
  status: { code?: number; message?: string };
  events: Array<{ name: string; attributes: Record<string, unknown> }>;
}

interface AnyValue { stringValue?: string; intValue?: string | number; doubleValue?: number; boolValue?: boolean; arrayValue?: { values?: AnyValue[] } }
interface KeyValue { key: string; value: AnyValue }

function valueOf(v: AnyValue): unknown {
  if (v.stringValue !== undefined) return v.stringValue;
  if (v.intValue !== undefined) return Number(v.intValue);
  if (v.doubleValue !== undefined) return v.doubleValue;
  if (v.boolValue !== undefined) return v.boolValue;
  if (v.arrayValue) return (v.arrayValue.values ?? []).map(valueOf);
  return undefined;
}

function attrs(list: KeyValue[] | undefined): Record<string, unknown> {
  return Object.fromEntries((list ?? []).map((kv) => [kv.key, valueOf(kv.value)]));
}

interface TracePayload {
  resourceSpans?: Array<{ resource?: { attributes?: KeyValue[] }; scopeSpans?: Array<{ spans?: Array<Record<string, unknown>> }> }>;
}

/** Flattens an export request in the OTLP/JSON layout (as sent, or as decoded from protobuf) into spans. */
export function flattenSpans(payload: TracePayload): ReceivedSpan[] {
  const out: ReceivedSpan[] = [];
  for (const rs of payload.resourceSpans ?? []) {
    const resource = attrs(rs.resource?.attributes);
    const service = String(resource['service.name'] ?? 'unknown_service');
    for (const ss of rs.scopeSpans ?? []) {
      for (const s of ss.spans ?? []) {
        out.push({
          traceId: s.traceId as string,
          spanId: s.spanId as string,
          parentSpanId: (s.parentSpanId as string | undefined) || undefined,
          name: s.name as string,
          kind: s.kind as number,
          service,
          resource,
          attributes: attrs(s.attributes as KeyValue[]),
          links: ((s.links as Array<{ traceId: string; spanId: string }>) ?? []).map((l) => ({ traceId: l.traceId, spanId: l.spanId })),
          status: (s.status as { code?: number; message?: string }) ?? {},
          events: ((s.events as Array<{ name: string; attributes?: KeyValue[] }>) ?? []).map((e) => ({ name: e.name, attributes: attrs(e.attributes) })),
        });
      }
    }
  }
  return out;
}

/**
 * An OTLP/HTTP receiver on loopback that decodes what the real exporter sends, in JSON (http/json) or protobuf
 * (http/protobuf), by the request's content type. `mode` lets a test make it fail or hang, to exercise the
 * exporter's degradation. Given `tls` (a certificate and key, and for client certificates `ca` and `requestCert`),
 * it listens over https instead.
 */
export class OtlpReceiver {
  /** The subject CN of the client certificate of each export request over TLS, `undefined` when there was none. */
  readonly clientNames: Array<string | undefined> = [];
  /** TLS connections that failed before a request: a handshake the client (or this server) gave up on. */
  tlsFailures = 0;
  readonly spans: ReceivedSpan[] = [];
  /** Raw request bodies (protobuf ones read as UTF-8: their strings stay readable), for tests that look for leaked bytes. */
  readonly bodies: string[] = [];
  /** Content type of every export request received. */
  readonly contentTypes: string[] = [];
  /** When each hanging request was closed by the client, in ms after it arrived: the exporter's own timeout. */
  readonly abandonedAfterMillis: number[] = [];
  /** Request headers of every export request received. */
  readonly headers: Array<Record<string, string | string[] | undefined>> = [];
  mode: 'ok' | 'fail' | 'hang' = 'ok';
  /** HTTP status answered in `fail` mode: 503 is retryable, a 4xx such as 400 is a permanent rejection. */
  failStatus = 503;
  requests = 0;
  private server: Server | undefined;
  private boundPort: number | undefined;
  /** Requests held open in `hang` mode, with their responses. */
  private readonly hanging = new Map<IncomingMessage, ServerResponse>();

  constructor(private readonly tls?: HttpsServerOptions) {}

  async start(port = 0): Promise<string> {
    const listener: RequestListener = (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.requests += 1;
        this.headers.push(req.headers);
        if (this.tls) {
          const cert = (req.socket as TLSSocket).getPeerCertificate();
          this.clientNames.push(typeof cert.subject?.CN === 'string' ? cert.subject.CN : undefined);
        }
        const contentType = String(req.headers['content-type'] ?? '');
        this.contentTypes.push(contentType);
        if (this.mode === 'hang') {
          const arrived = performance.now();
          this.hanging.set(req, res);
          res.on('close', () => {
            if (this.hanging.delete(req)) this.abandonedAfterMillis.push(performance.now() - arrived);
          });
          return;
        }
        if (this.mode === 'fail') {
          res.writeHead(this.failStatus).end();
          return;
        }
        const raw = Buffer.concat(chunks);
        this.bodies.push(raw.toString('utf8'));
        if (contentType.startsWith('application/x-protobuf')) {
          this.spans.push(...flattenSpans(decodeTraceRequest(raw) as TracePayload));
          res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
        } else {
          this.spans.push(...flattenSpans(JSON.parse(raw.toString('utf8')) as TracePayload));
          res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
        }
      });
    };
    this.server = this.tls ? createHttpsServer(this.tls, listener) : createServer(listener);
    this.server.on('tlsClientError', () => (this.tlsFailures += 1));
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.boundPort = (this.server.address() as AddressInfo).port;
    return this.url;
  }

  /** Requests held open now in `hang` mode: neither answered nor closed by the client. */
  get hangingCount(): number {
    return this.hanging.size;
  }

  /** The port listened on; still known after `stop()`, so a test can restart on the same port. */
  get port(): number {
    const address = this.server?.listening ? (this.server.address() as AddressInfo | null) : null;
    return address?.port ?? this.boundPort!;
  }

  /** The traces endpoint, as `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` wants it. */
  get url(): string {
    return `${this.tls ? 'https' : 'http'}://127.0.0.1:${this.port}/v1/traces`;
  }

  /**
   * Answers every request held in `hang` mode with 200 (the backend answered at last), so that an exporter still
   * waiting on one settles instead of retrying after the test: a client whose socket `stop()` destroys retries.
   */
  releaseHanging(): void {
    for (const [req, res] of this.hanging) {
      this.hanging.delete(req);
      if (String(req.headers['content-type'] ?? '').startsWith('application/x-protobuf')) res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
      else res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    }
  }

  async stop(): Promise<void> {
    const hanging = [...this.hanging.keys()];
    this.hanging.clear();
    for (const req of hanging) req.socket.destroy();
    await new Promise<void>((resolve) => {
      if (!this.server) return resolve();
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }
}
