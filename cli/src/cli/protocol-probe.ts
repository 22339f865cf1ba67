/** Asks a TCP server what protocol it speaks, to explain a failed Redis connection. */
import { connect } from 'node:net';

/**
 * Sends an inline `PING` to the host and port of a `redis://` URL and resolves with the first character the
 * server answers (`+` or `-` for Redis, `H` for HTTP, `S` for SSH ...), or undefined when it answers nothing
 * before closing or within `timeoutMs`. Needed because a server that rejects ioredis' first command and closes
 * the socket may make ioredis report `EPIPE`/`ECONNRESET` before its parser has seen the answer: which of the
 * two comes first depends on scheduling, so the message would change from run to run. TLS URLs are not probed.
 */
export function probeFirstByte(url: string, timeoutMs: number): Promise<string | undefined> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return Promise.resolve(undefined);
  }
  if (target.protocol !== 'redis:') return Promise.resolve(undefined);
  const port = Number(target.port || 6379);
  const host = target.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1';
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (answer: string | undefined): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(answer);
    };
    const timer = setTimeout(() => done(undefined), timeoutMs);
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (chunk: Buffer) => done(chunk.length > 0 ? String.fromCharCode(chunk[0] ?? 0) : undefined));
    socket.once('error', () => done(undefined));
    socket.once('close', () => done(undefined));
  });
}
