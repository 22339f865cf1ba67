import type { EnvWarn } from './env-parsers';
import { loadBeside } from './load-on-demand';
import { readTlsFiles } from './tls-files';

/** The credential helpers of the gRPC exporter's base package, which build them with its own `@grpc/grpc-js`. */
interface GrpcCredentialHelpers {
  createInsecureCredentials(): unknown;
  createSslCredentials(rootCert?: Buffer, privateKey?: Buffer, certChain?: Buffer): unknown;
}

/** `OTEL_EXPORTER_OTLP_(TRACES_)INSECURE` as the gRPC exporter reads it: the traces one if not blank, `true` in any case. */
function insecureFromEnv(): boolean {
  const value = [process.env.OTEL_EXPORTER_OTLP_TRACES_INSECURE, process.env.OTEL_EXPORTER_OTLP_INSECURE].map((v) => v?.toLowerCase().trim()).find((v) => v);
  return value === 'true';
}

/**
 * The gRPC exporter's channel credentials, decided as the exporter decides them (`http://` plain text, `https://`
 * TLS, a target without a scheme TLS unless `OTEL_EXPORTER_OTLP_(TRACES_)INSECURE` is `true`), with the TLS files
 * read once, now (readTlsFiles). Left to itself, the exporter reads them each time it makes its client: at the first
 * export and again after every run of deadline failures, the root certificate twice when the client pair is
 * incomplete, saying a file it cannot read only on `diag` (silent without a diag logger) and each time.
 */
export function grpcCredentials(exporterPackage: string, endpoint: string, warn: EnvWarn): unknown {
  const helpers = loadBeside<GrpcCredentialHelpers>(exporterPackage, '@opentelemetry/otlp-grpc-exporter-base');
  const target = endpoint.trim();
  if (target.startsWith('http://') || (!target.startsWith('https://') && insecureFromEnv())) return helpers.createInsecureCredentials();
  const { ca, cert, key } = readTlsFiles(warn);
  return helpers.createSslCredentials(ca, key, cert);
}
