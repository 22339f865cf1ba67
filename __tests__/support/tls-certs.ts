import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** PEM files for a TLS test, each with its path (for the OTEL_* variables) and its bytes (for a server). */
export interface TestCertificates {
  dir: string;
  /** The CA that signed the server's and the client's certificates. */
  caFile: string;
  /** A CA that signed neither: a client trusting only it must refuse the server. */
  otherCaFile: string;
  /** The server's certificate, for localhost and 127.0.0.1, and its key. */
  server: { cert: Buffer; key: Buffer };
  /** The client's certificate (CN `queue-otel-client`) and key, as files. */
  clientCertFile: string;
  clientKeyFile: string;
  ca: Buffer;
  /** Removes the directory. */
  remove(): void;
}

function openssl(dir: string, args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
}

/** A P-256 key and a certificate request for `subject`. */
function keyAndRequest(dir: string, name: string, subject: string): void {
  openssl(dir, ['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subject]);
}

function selfSignedCa(dir: string, name: string, subject: string): void {
  openssl(dir, [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2',
    '-keyout', `${name}.key`, '-out', `${name}.pem`, '-subj', subject,
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
  ]);
}

function signWithCa(dir: string, name: string, extensions: string, serial: string): void {
  writeFileSync(join(dir, `${name}.ext`), extensions);
  openssl(dir, ['x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-set_serial', serial, '-days', '2', '-out', `${name}.pem`, '-extfile', `${name}.ext`]);
}

/**
 * Makes a CA, a server certificate it signed for localhost and 127.0.0.1, a client certificate it signed, and a
 * second, unrelated CA, with the `openssl` command (Debian's `openssl` package, which `ca-certificates` depends on;
 * Node's crypto can make keys but not certificates) in a temporary directory of their own.
 */
export function makeTestCertificates(): TestCertificates {
  const dir = mkdtempSync(join(tmpdir(), 'queue-otel-tls-'));
  selfSignedCa(dir, 'ca', '/CN=queue-otel test CA');
  selfSignedCa(dir, 'other-ca', '/CN=queue-otel unrelated CA');
  keyAndRequest(dir, 'server', '/CN=localhost');
  signWithCa(dir, 'server', 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n', '2');
  keyAndRequest(dir, 'client', '/CN=queue-otel-client');
  signWithCa(dir, 'client', 'extendedKeyUsage=clientAuth\n', '3');
  return {
    dir,
    caFile: join(dir, 'ca.pem'),
    otherCaFile: join(dir, 'other-ca.pem'),
    server: { cert: readFileSync(join(dir, 'server.pem')), key: readFileSync(join(dir, 'server.key')) },
    clientCertFile: join(dir, 'client.pem'),
    clientKeyFile: join(dir, 'client.key'),
    ca: readFileSync(join(dir, 'ca.pem')),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
