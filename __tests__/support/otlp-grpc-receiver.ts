import { createSecureServer, createServer } from 'node:http2';
import type { Http2SecureServer, Http2Server, Http2Session, IncomingHttpHeaders, SecureServerOptions, ServerHttp2Stream } from 'node:http2';
import type { TLSSocket } from 'node:tls';
import type { AddressInfo } from 'node:net';
import { decodeTraceRequest } from './otlp-protobuf';
import { flattenSpans } from './otlp-receiver';
import type { ReceivedSpan } from './otlp-receiver';

/** The one method an OTLP/gRPC trace exporter calls. */
export const TRACE_EXPORT_PATH = '/opentelemetry.proto.collector.trace.v1.TraceService/Export';

/** gRPC frames a message as: compressed flag (1 byte), length (4 bytes, big-endian), the message. */
function unframe(body: Buffer): Buffer[] {
  const messages: Buffer[] = [];
  for (let pos = 0; pos + 5 <= body.length; ) {
    if (body[pos] !== 0) throw new Error('compressed gRPC message: not expected without OTEL_EXPORTER_OTLP_COMPRESSION');
    const length = body.readUInt32BE(pos + 1);
    messages.push(body.subarray(pos + 5, pos + 5 + length));
    pos += 5 + length;
  }
  return messages;
}

/** An empty `ExportTraceServiceResponse`, framed. */
const EMPTY_RESPONSE = Buffer.from([0, 0, 0, 0, 0]);

/**
 * An OTLP/gRPC receiver on loopback: a plain HTTP/2 server answering the trace Export call with an empty
 * response and `grpc-status: 0`, decoding each request's protobuf into spans. `mode` lets a test make it hang.
 * Given `tls` (a certificate and key, and for client certificates `ca` and `requestCert`), it listens over TLS, as
 * gRPC's `https://` endpoints want.
 */
export class OtlpGrpcReceiver {
  /** The subject CN of the client certificate of each Export call over TLS, `undefined` when there was none. */
  readonly clientNames: Array<string | undefined> = [];
  /** TLS connections that failed before a call: a handshake the client (or this server) gave up on. */
  tlsFailures = 0;
  readonly spans: ReceivedSpan[] = [];
  /** Raw request messages read as UTF-8, for tests that look for leaked bytes. */
  readonly bodies: string[] = [];
  /** Request headers (gRPC metadata, `grpc-timeout` ...) of every Export call. */
  readonly headers: IncomingHttpHeaders[] = [];
  /** Paths of every request, to see that only the Export method was called. */
  readonly paths: string[] = [];
  /** When each hanging call was cancelled by the client, in ms after it arrived: the exporter's deadline. */
  readonly abandonedAfterMillis: number[] = [];
  mode: 'ok' | 'hang' = 'ok';
  requests = 0;
  private server: Http2Server | Http2SecureServer | undefined;
  private readonly hanging = new Set<ServerHttp2Stream>();
  private readonly sessions = new Set<Http2Session>();

  constructor(private readonly tls?: SecureServerOptions) {}

  async start(): Promise<string> {
    this.server = this.tls ? createSecureServer(this.tls) : createServer();
    this.server.on('tlsClientError', () => (this.tlsFailures += 1));
    this.server.on('stream', (stream, headers) => this.onStream(stream, headers));
    this.server.on('session', (session) => {
      this.sessions.add(session);
      session.on('close', () => this.sessions.delete(session));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this.url;
  }

  /** `http://127.0.0.1:<port>`, as a gRPC endpoint is written (http: plain text; https: over TLS). */
  get url(): string {
    return `${this.tls ? 'https' : 'http'}://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.hanging.clear();
    // The exporter keeps its channel open: the server closes only once every session is gone.
    for (const session of this.sessions) session.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private onStream(stream: ServerHttp2Stream, headers: IncomingHttpHeaders): void {
    const chunks: Buffer[] = [];
    const arrived = performance.now();
    this.paths.push(String(headers[':path']));
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('error', () => undefined); // a cancelled call resets the stream
    stream.on('end', () => {
      this.requests += 1;
      this.headers.push(headers);
      if (this.tls) {
        const cert = (stream.session?.socket as TLSSocket | undefined)?.getPeerCertificate();
        this.clientNames.push(typeof cert?.subject?.CN === 'string' ? cert.subject.CN : undefined);
      }
      if (this.mode === 'hang') {
        this.hanging.add(stream);
        stream.on('close', () => {
          if (this.hanging.delete(stream)) this.abandonedAfterMillis.push(performance.now() - arrived);
        });
        return;
      }
      for (const message of unframe(Buffer.concat(chunks))) {
        this.bodies.push(message.toString('utf8'));
        this.spans.push(...flattenSpans(decodeTraceRequest(message) as Parameters<typeof flattenSpans>[0]));
      }
      stream.respond({ ':status': 200, 'content-type': 'application/grpc' }, { waitForTrailers: true });
      stream.on('wantTrailers', () => stream.sendTrailers({ 'grpc-status': '0', 'grpc-message': '' }));
      stream.end(EMPTY_RESPONSE);
    });
  }
}
