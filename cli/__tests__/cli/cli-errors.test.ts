/**
 * Errors a user can act on, from the real executable in a child process: each says what is wrong and what to
 * do, never a parser's or a library's raw text.
 */
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import { Redis } from 'ioredis';
import { seedTracedJobs } from '../tui/seed-traced-jobs';
import type { SeededTrace } from '../tui/seed-traced-jobs';
import { NO_TTY_MESSAGE } from '../../src/cli/commands/tui-command';
import { CLI_RUN_TIMEOUT_MS, runCli } from './run-cli';

let seeded: SeededTrace;
let http: Server;
let httpPort: number;

beforeAll(async () => {
  seeded = await seedTracedJobs();
  http = createServer((_request, response) => response.end('not redis'));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  httpPort = (http.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise((resolve) => http.close(resolve));
});

it('a port where another protocol answers: not a Redis server, check the port (not "Please report this")', async () => {
  const result = await runCli(['jobs', 'orders', '--redis', `redis://127.0.0.1:${httpPort}`]);
  expect(result.code).toBe(1);
  expect(result.stderr).toContain(`redis://127.0.0.1:${httpPort} is not a Redis server: it answered in another protocol (an HTTP server?)`);
  expect(result.stderr).not.toMatch(/RESP|report this/);
});

it('a server that drops the connection before its answer is read is still named (the probe asks it again)', async () => {
  // The first connection (ioredis') is reset at once, as an HTTP server may close before ioredis parses its 400;
  // later ones (the probe) get the HTTP answer. This is the order that made the message change between runs.
  let connections = 0;
  const sockets = new Set<Socket>();
  const server = createTcpServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    if (connections === 1) socket.resetAndDestroy();
    else socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const port = (server.address() as AddressInfo).port;
    const result = await runCli(['jobs', 'orders', '--redis', `redis://127.0.0.1:${port}`]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`redis://127.0.0.1:${port} is not a Redis server: it answered in another protocol (an HTTP server?)`);
    expect(connections).toBeGreaterThanOrEqual(2);
  } finally {
    // A half-closed socket would keep close() waiting.
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  }
});

it('a queue that does not exist: says so and lists the queues there are, exit 1', async () => {
  const common = ['--redis', seeded.redisUrl, '--prefix', seeded.bullPrefix, '--key-prefix', seeded.keyPrefix];
  const result = await runCli(['jobs', 'ordres', ...common]);
  expect(result.code).toBe(1);
  expect(result.stdout).toBe('');
  expect(result.stderr).toContain(`no queue "ordres" under prefix "${seeded.bullPrefix}" at ${seeded.redisUrl}; the queues there: orders`);
  const none = await runCli(['jobs', 'orders', '--redis', seeded.redisUrl, '--prefix', 'nothing-here']);
  expect(none.code).toBe(1);
  expect(none.stderr).toContain('there are no BullMQ queues under prefix "nothing-here"');
  expect(none.stderr).toContain('is --prefix right?');
});

it('an unknown option: names it, suggests the nearest one, no parser text with an unbalanced quote', async () => {
  const typo = await runCli(['tui', '--refersh', '500']);
  expect(typo.code).toBe(2);
  expect(typo.stderr).toContain('queue-otel: unknown option --refersh (did you mean --refresh?)');
  expect(typo.stderr).not.toContain("'");
  const unknown = await runCli(['jobs', 'orders', '--colour']);
  expect(unknown.stderr).toContain('unknown option --colour\n');
  const missing = await runCli(['jobs', 'orders', '--redis']);
  expect(missing.code).toBe(2);
  expect(missing.stderr).toContain('queue-otel: --redis needs a value');
});

it('a refresh interval that is not a number of milliseconds from 200 to an hour is a usage error naming the flag and the value', async () => {
  // tui checks its settings before it needs a terminal: without one, an accepted setting ends in NO_TTY_MESSAGE.
  const short = await runCli(['tui', '--redis', seeded.redisUrl, '--refresh', '50']);
  expect(short.code).toBe(2);
  expect(short.stderr).toContain('queue-otel: --refresh (or QUEUE_OTEL_REFRESH_MS) must be a number of milliseconds from 200 to 3600000, got "50"');
  // Past 2^31 - 1 ms node's timers fire at once: the UI would refresh on every tick.
  const long = await runCli(['tui', '--redis', seeded.redisUrl], { QUEUE_OTEL_REFRESH_MS: '1e10' });
  expect(long.code).toBe(2);
  expect(long.stderr).toContain('from 200 to 3600000, got "1e10"');
  const word = await runCli(['tui', '--redis', seeded.redisUrl], { QUEUE_OTEL_REFRESH_MS: 'soon' });
  expect(word.code).toBe(2);
  expect(word.stderr).toContain('got "soon"');
  const fine = await runCli(['tui', '--redis', seeded.redisUrl, '--prefix', seeded.bullPrefix, '--refresh', '200']);
  expect(fine).toMatchObject({ code: 1, stderr: NO_TTY_MESSAGE });
});

it('numeric options beyond their range are usage errors naming the option, the range and the value', async () => {
  const traceId = 'a'.repeat(32);
  const cases: [string[], string][] = [
    [['trace', traceId, '--width', '100000000'], '--width must be a whole number from 20 to 1000, got "100000000"'],
    [['trace', traceId, '--width', '5'], '--width must be a whole number from 20 to 1000, got "5"'],
    [['jobs', 'orders', '--limit', '1000000'], '--limit must be a whole number from 1 to 10000, got "1000000"'],
    [['jobs', 'orders', '--limit', '2.5'], '--limit must be a whole number from 1 to 10000, got "2.5"'],
    [['demo', '--headless', '--metrics-port', '70000'], '--metrics-port must be a whole number from 1 to 65534, got "70000"'],
  ];
  for (const [args, message] of cases) {
    const result = await runCli([...args, '--redis', seeded.redisUrl]);
    expect({ args, code: result.code, stderr: result.stderr }).toEqual({ args, code: 2, stderr: expect.stringContaining(`queue-otel: ${message}\n`) as unknown });
    expect(result.stdout).toBe('');
  }
  // Five CLI runs in a row, each bounded by runCli: on a loaded machine they outlast jest's default together.
}, 5 * CLI_RUN_TIMEOUT_MS);

it('a negative number after an option is that option\'s value, refused as negative rather than read as an option', async () => {
  const traceId = 'a'.repeat(32);
  const cases: [string[], string][] = [
    [['jobs', 'orders', '--limit', '-5'], '--limit: a negative number is not allowed, got "-5" (a whole number from 1 to 10000)'],
    [['trace', traceId, '--width', '-1'], '--width: a negative number is not allowed, got "-1" (a whole number from 20 to 1000)'],
    [['trace', traceId, '--width=-1'], '--width: a negative number is not allowed, got "-1" (a whole number from 20 to 1000)'],
    [['demo', '--headless', '--metrics-port', '-9090'], '--metrics-port: a negative number is not allowed, got "-9090" (a whole number from 1 to 65534)'],
    [['tui', '--refresh', '-0.5'], '--refresh (or QUEUE_OTEL_REFRESH_MS): a negative number is not allowed, got "-0.5" (a number of milliseconds from 200 to 3600000)'],
    // Not a number: still refused, with how to pass a value that starts with a dash.
    [['jobs', 'orders', '--limit', '-x'], '--limit needs a value, and "-x" reads as an option (to give it as the value, write --limit=-x)'],
  ];
  for (const [args, message] of cases) {
    const result = await runCli([...args, '--redis', seeded.redisUrl]);
    expect({ args, code: result.code, stderr: result.stderr }).toEqual({ args, code: 2, stderr: expect.stringContaining(`queue-otel: ${message}\n`) as unknown });
    expect(result.stderr).not.toMatch(/unknown option|takes no value/);
  }
  // Six CLI runs in a row, each bounded by runCli.
}, 6 * CLI_RUN_TIMEOUT_MS);

it('a span store key prefix with a brace (it would break the cluster hash tags) is a usage error naming the flag and the value', async () => {
  const traceId = 'a'.repeat(32);
  const flag = await runCli(['trace', traceId, '--redis', seeded.redisUrl, '--key-prefix', '{qo}']);
  expect(flag.code).toBe(2);
  expect(flag.stderr).toContain('queue-otel: --key-prefix (or QUEUE_OTEL_KEY_PREFIX) must not contain "{" or "}" (they would change the keys\' cluster hash tags), got "{qo}"\n');
  expect(flag.stdout).toBe('');
  const env = await runCli(['trace', traceId, '--redis', seeded.redisUrl], { QUEUE_OTEL_KEY_PREFIX: 'app{}' });
  expect(env.code).toBe(2);
  expect(env.stderr).toContain('got "app{}"');
});

it('an argument a command does not take is a usage error naming it, before anything connects; --help still prints the help', async () => {
  // Options every command here takes (trace takes no --prefix).
  const common = ['--redis', seeded.redisUrl, '--key-prefix', seeded.keyPrefix];
  const cases: [string[], string][] = [
    // Each of these ran on its first argument alone (or on every queue), without a word about the rest.
    [['jobs', seeded.queue, 'orders'], 'queue-otel: jobs takes one argument, <queue>; unexpected "orders"'],
    [['trace', seeded.traceId, 'extra'], 'queue-otel: trace takes one argument, <traceId>; unexpected "extra"'],
    [['tui', seeded.queue], `queue-otel: tui takes no arguments; unexpected "${seeded.queue}" (to start on a queue: --queue "${seeded.queue}")`],
    [['demo', 'now'], 'queue-otel: demo takes no arguments; unexpected "now"'],
    [['help', 'jbos'], 'queue-otel: no help on "jbos": not a command (one of tui, jobs, trace, demo, help)'],
  ];
  for (const [args, message] of cases) {
    const result = await runCli([...args, ...common]);
    expect({ args, code: result.code, stdout: result.stdout, first: result.stderr.split('\n')[0] }).toEqual({ args, code: 2, stdout: '', first: message });
  }
  const help = await runCli(['jobs', seeded.queue, 'orders', '--help']);
  expect(help).toMatchObject({ code: 0, stderr: '' });
  expect(help.stdout).toContain('Usage: queue-otel jobs <queue> [options]');
  // Six CLI runs in a row, each bounded by runCli: together they outlasted jest's 60 s in a loaded run.
}, 6 * CLI_RUN_TIMEOUT_MS);

it('an invalid --trace-id is a usage error before anything connects, as an invalid trace argument is', async () => {
  const result = await runCli(['jobs', 'orders', '--redis', seeded.redisUrl, '--trace-id', '1234']);
  expect(result.code).toBe(2);
  expect(result.stderr).toContain('queue-otel: --trace-id: not a trace id: "1234" (32 or 16 hex digits)');
  expect(result.stderr).not.toMatch(/\n\s+at /);
});

it('data of another type than the span store writes: the trace is unreadable, not missing, in one message, no stack', async () => {
  const client = new Redis(seeded.redisUrl);
  const traceId = 'c'.repeat(32);
  try {
    await client.set(`${seeded.keyPrefix}:t:{${traceId}}:s`, 'not a list');
    const result = await runCli(['trace', traceId, '--redis', seeded.redisUrl, '--key-prefix', seeded.keyPrefix]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`trace ${traceId} is unreadable: its key in Redis span store holds data of another type`);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  } finally {
    await client.del(`${seeded.keyPrefix}:t:{${traceId}}:s`);
    client.disconnect();
  }
});

it('a trace whose stored spans are all malformed is unreadable, not missing', async () => {
  const client = new Redis(seeded.redisUrl);
  const traceId = 'd'.repeat(32);
  try {
    await client.rpush(`${seeded.keyPrefix}:t:{${traceId}}:s`, 'not a span', '{"also":"not a span"}');
    const result = await runCli(['trace', traceId, '--redis', seeded.redisUrl, '--key-prefix', seeded.keyPrefix]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`trace ${traceId} is unreadable: all 2 stored spans are malformed`);
    // Said once: not again as the store's incomplete-read line.
    expect(result.stderr).not.toContain('incomplete trace');
  } finally {
    await client.del(`${seeded.keyPrefix}:t:{${traceId}}:s`);
    client.disconnect();
  }
});

it('a queue name with a line feed, listed when another queue is not found, stays on its line', async () => {
  const client = new Redis(seeded.redisUrl);
  const key = `${seeded.bullPrefix}:nl\nqueue-otel forged line:meta`;
  try {
    await client.hset(key, 'opts.maxLenEvents', '10000');
    const result = await runCli(['jobs', 'nosuch', '--redis', seeded.redisUrl, '--prefix', seeded.bullPrefix]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('nl\\nqueue-otel forged line');
    expect(result.stderr.split('\n').some((line) => line.startsWith('queue-otel forged line'))).toBe(false);
  } finally {
    await client.del(key);
    client.disconnect();
  }
});

it('demo --apm grafana-tempo without its data source fails before starting anything, naming the flag', async () => {
  const started = Date.now();
  const result = await runCli(['demo', '--headless', '--apm', 'grafana-tempo', '--apm-url', 'http://grafana.test']);
  expect(result.code).toBe(2);
  expect(result.stderr).toContain('--apm grafana-tempo needs --apm-datasource <uid> (or QUEUE_OTEL_APM_DATASOURCE)');
  // Nothing was started: no embedded Redis, no children.
  expect(result.stdout).not.toContain('starting an embedded Redis');
  expect(result.stdout).not.toContain('pid');
  expect(Date.now() - started).toBeLessThan(20_000);
});

it('--apm-datasource gives grafana-tempo its data source; demo --help tells the metrics port the demo really uses', async () => {
  const common = ['--redis', seeded.redisUrl, '--prefix', seeded.bullPrefix, '--key-prefix', seeded.keyPrefix];
  // Accepted: tui goes on to need a terminal, which the test has not.
  const ok = await runCli(['tui', '--apm', 'grafana-tempo', '--apm-url', 'http://grafana.test', '--apm-datasource', 'tempo-1', ...common]);
  expect(ok).toMatchObject({ code: 1, stderr: NO_TTY_MESSAGE });
  const help = await runCli(['demo', '--help']);
  expect(help.stdout).toMatch(/--metrics-port <n>.*free ports, printed at start/);
  expect(help.stdout).not.toContain('9464');
});
