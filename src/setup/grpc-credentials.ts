import { dirname } from 'node:path';
import type { EnvWarn } from './env-parsers';
import { loadBeside } from './load-on-demand';
import { readTlsFiles } from './tls-files';

/** The part of gRPC's `Metadata` used here. */
export interface GrpcMetadata {
  set(key: string, value: string): void;
}

/** What setupTracing builds with the `@grpc/grpc-js` copy the gRPC exporter uses. */
export interface GrpcHelpers {
  createInsecureCredentials(): unknown;
  createSslCredentials(rootCert?: Buffer, privateKey?: Buffer, certChain?: Buffer): unknown;
  createEmptyMetadata(): GrpcMetadata;
}

/** The part of `@grpc/grpc-js` the fallback uses. */
interface GrpcJs {
  credentials: { createInsecure(): unknown; createSsl(rootCerts?: Buffer | null, privateKey?: Buffer | null, certChain?: Buffer | null): unknown };
  Metadata: new () => GrpcMetadata;
}

const BASE_PACKAGE = '@opentelemetry/otlp-grpc-exporter-base';

/**
 * The exporter's own copy of gRPC, never the application's: credentials and metadata of another copy are refused by
 * its channel. Its base package exports helpers for both from 0.219.0 on; with an older exporter (the peer range
 * starts at 0.200.0) they are built from the `@grpc/grpc-js` the base package itself depends on.
 */
export function grpcHelpers(exporterPackage: string): GrpcHelpers {
  const base = loadBeside<Partial<GrpcHelpers>>(exporterPackage, BASE_PACKAGE);
  if (typeof base.createInsecureCredentials === 'function' && typeof base.createSslCredentials === 'function' && typeof base.createEmptyMetadata === 'function') {
    return base as GrpcHelpers;
  }
  const grpc = loadBeside<GrpcJs>(require.resolve(BASE_PACKAGE, { paths: [dirname(require.resolve(exporterPackage))] }), '@grpc/grpc-js');
  return {
    createInsecureCredentials: () => grpc.credentials.createInsecure(),
    createSslCredentials: (ca, key, cert) => grpc.credentials.createSsl(ca ?? null, key ?? null, cert ?? null),
    createEmptyMetadata: () => new grpc.Metadata(),
  };
}

/** `OTEL_EXPORTER_OTLP_(TRACES_)INSECURE` as the gRPC exporter reads it: the traces one if not blank, `true` in any case. */
function insecureFromEnv(): boolean {
  const value = [process.env.OTEL_EXPORTER_OTLP_TRACES_INSECURE, process.env.OTEL_EXPORTER_OTLP_INSECURE].map((v) => v?.toLowerCase().trim()).find((v) => v);
  return value === 'true';
}

/** Why gRPC refused a credential, from OpenSSL's message (no file content is in it). */
function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The gRPC exporter's channel credentials, decided as the exporter decides them (`http://` plain text, `https://`
 * TLS, a target without a scheme TLS unless `OTEL_EXPORTER_OTLP_(TRACES_)INSECURE` is `true`), with the TLS files
 * read once, now (readTlsFiles). Left to itself, the exporter reads them each time it makes its client: at the first
 * export and again after every run of deadline failures, the root certificate twice when the client pair is
 * incomplete, saying a file it cannot read only on `diag` (silent without a diag logger) and each time.
 *
 * gRPC checks the files as it builds the credentials, which the exporter does inside its export (a refused file
 * fails exports there): here a refused client pair (a key of another certificate, a file that is not PEM) or CA is
 * reported through `warn` and left out, so that setupTracing never throws over a file.
 */
export function grpcCredentials(helpers: GrpcHelpers, endpoint: string, warn: EnvWarn): unknown {
  const target = endpoint.trim();
  if (target.startsWith('http://') || (!target.startsWith('https://') && insecureFromEnv())) return helpers.createInsecureCredentials();
  const { ca, cert, key } = readTlsFiles(warn);
  if (cert !== undefined && key !== undefined) {
    try {
      return helpers.createSslCredentials(ca, key, cert);
    } catch (error) {
      warn(`gRPC refused the client certificate and key of OTEL_EXPORTER_OTLP_(TRACES_)CLIENT_CERTIFICATE/_CLIENT_KEY (${reason(error)}); going on without them`);
    }
  }
  if (ca !== undefined) {
    try {
      return helpers.createSslCredentials(ca);
    } catch (error) {
      warn(`gRPC refused the CA of OTEL_EXPORTER_OTLP_(TRACES_)CERTIFICATE (${reason(error)}); going on with Node's CA list`);
    }
  }
  return helpers.createSslCredentials();
}
