/** A real HTTP server on 127.0.0.1 that answers recorded backend responses by path, for the client tests. */
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * One canned response; `delayMs` holds it back to exercise timeouts, `chunked` sends the body in two writes without
 * a content-length (as a streaming backend does).
 */
export interface Route {
  status: number;
  body: string;
  delayMs?: number;
  chunked?: boolean;
}

/** A started server, the requests it saw, and how to stop it. */
export interface FixtureServer {
  baseUrl: string;
  requests: { path: string; headers: IncomingHttpHeaders }[];
  close(): Promise<void>;
}

/** Starts a server answering `routes` by exact path (with query), 404 for anything else. */
export async function startFixtureServer(routes: Record<string, Route>): Promise<FixtureServer> {
  const requests: FixtureServer['requests'] = [];
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/';
    requests.push({ path, headers: req.headers });
    const route = routes[path] ?? { status: 404, body: 'not found' };
    const send = (): void => {
      res.writeHead(route.status, { 'content-type': 'application/json' });
      if (!route.chunked) {
        res.end(route.body);
        return;
      }
      const half = Math.floor(route.body.length / 2);
      res.write(route.body.slice(0, half));
      res.end(route.body.slice(half));
    };
    if (route.delayMs) setTimeout(send, route.delayMs).unref();
    else send();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
