/**
 * The files of the OTLP TLS variables, read once by setupTracing for either transport. The official exporters read
 * them themselves: the HTTP one when constructed, even when given an agent (which then makes them a second read,
 * at the first export, when the agent is made), the gRPC one each time it makes its client (at the first export,
 * and after every run of deadline failures); both say a file they cannot read only on `diag`, silent unless a diag
 * logger is set, and each time.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { EnvWarn } from './env-parsers';

/** The TLS files, as read from their variables: the CA, the client certificate (chain) and its key. */
export interface TlsFiles {
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
}

/** Each file with the variable suffix naming it, in the official exporters' order of reading. */
const TLS_FILES = [
  ['ca', 'CERTIFICATE'],
  ['cert', 'CLIENT_CERTIFICATE'],
  ['key', 'CLIENT_KEY'],
] as const satisfies ReadonlyArray<readonly [keyof TlsFiles, string]>;

/** The six TLS variables, the traces one and the generic one of each file: what the HTTP exporter must not read itself. */
export const TLS_VARIABLES: readonly string[] = TLS_FILES.flatMap(([, suffix]) => [`OTEL_EXPORTER_OTLP_TRACES_${suffix}`, `OTEL_EXPORTER_OTLP_${suffix}`]);

/**
 * Reads the files of `OTEL_EXPORTER_OTLP_(TRACES_)CERTIFICATE`, `_CLIENT_CERTIFICATE` and `_CLIENT_KEY` from
 * `process.env` (the traces variable, else the generic one; a path relative to the working directory), as the
 * official exporters find them. Called once, while setupTracing builds the exporter, so that a later change of the
 * working directory, the variables or the files does not change what the first export uses.
 * A file that cannot be read is reported through `warn`, with its variable, path and error code, and left out, so
 * the connection falls back to Node's CA list and no client certificate. So is half of the client pair.
 */
export function readTlsFiles(warn: EnvWarn): TlsFiles {
  const tls: TlsFiles = {};
  const named: Partial<Record<keyof TlsFiles, string>> = {};
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
  // Half of the client pair is of no use: gRPC's credentials refuse it (a certificate without its key throws), TLS
  // presents no certificate. Neither half is used; a half named but unreadable was reported above.
  if ((tls.cert === undefined) !== (tls.key === undefined)) {
    const [given, missing] = tls.cert ? (['cert', 'key'] as const) : (['key', 'cert'] as const);
    const missingVariable = missing === 'key' ? 'OTEL_EXPORTER_OTLP_(TRACES_)CLIENT_KEY' : 'OTEL_EXPORTER_OTLP_(TRACES_)CLIENT_CERTIFICATE';
    if (!named[missing]) warn(`${named[given]!} is set but not ${missingVariable}: a client certificate needs both; going on without one`);
    delete tls.cert;
    delete tls.key;
  }
  return tls;
}
