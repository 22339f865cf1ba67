import { Worker as BullmqWorker } from 'bullmq';
import {
  addBullmqHookListener,
  bullmqVersionWarning,
  installBullmqHooks,
  installHooks,
  isHooked,
  isSupportedBullmqVersion,
  uninstallBullmqHooks,
} from '../../src/hooks';
import type { BullmqHookListener } from '../../src/hooks';

/**
 * A BullMQ that renamed or dropped methods QueueOtel wraps: tracing degrades to what the telemetry interface
 * gives, with one warning per missing method that says what is lost.
 */
test('a bullmq without the wrapped methods gets one warning per missing method, naming what is lost', () => {
  class Worker {
    callProcessJob(job: unknown): unknown {
      return ['processed', job];
    }
  }
  const warnings: string[] = [];
  installHooks({ Worker, FlowProducer: class {} }, (message) => warnings.push(message));
  expect(warnings).toHaveLength(4);
  expect(warnings.find((w) => w.includes('handleFailed()'))).toMatch(/error classes/);
  expect(warnings.find((w) => w.includes('createJob()'))).toMatch(/payload sizes/);
  expect(warnings.find((w) => w.includes('processJob()'))).toMatch(/lean/);
  expect(warnings.find((w) => w.includes('addNode()'))).toMatch(/flow nodes/);
  // The method that exists is wrapped, and passes through when nothing listens.
  expect(isHooked(Worker.prototype.callProcessJob)).toBe(true);
  expect(new Worker().callProcessJob('job-1')).toEqual(['processed', 'job-1']);
});

test('installing twice wraps each method once', () => {
  class Worker {
    handleFailed(error: unknown): unknown {
      return error;
    }
  }
  installHooks({ Worker }, () => undefined);
  const wrapped = Worker.prototype.handleFailed;
  installHooks({ Worker }, () => undefined);
  expect(Worker.prototype.handleFailed).toBe(wrapped);
  expect(new Worker().handleFailed('boom')).toBe('boom');
});

test('each listener hears the call, then BullMQ\'s method runs exactly once with its own this and arguments', () => {
  const calls: unknown[][] = [];
  class Worker {
    callProcessJob(...args: unknown[]): unknown {
      calls.push([this, ...args]);
      return 'processed';
    }
  }
  installHooks({ Worker }, () => undefined);
  const heard: string[] = [];
  const first: BullmqHookListener = { callProcessJob: (_w, job) => void heard.push(`first ${String(job)}`) };
  const second: BullmqHookListener = { callProcessJob: (_w, job) => void heard.push(`second ${String(job)}`) };
  const removeFirst = addBullmqHookListener(first);
  const removeSecond = addBullmqHookListener(second);
  addBullmqHookListener(first); // registered once only
  try {
    const worker = new Worker();
    expect(worker.callProcessJob('job-1', 'token', 3)).toBe('processed');
    expect(heard).toEqual(['first job-1', 'second job-1']);
    expect(calls).toEqual([[worker, 'job-1', 'token', 3]]);
  } finally {
    removeFirst();
    removeSecond();
  }
  heard.length = 0;
  new Worker().callProcessJob('job-2');
  expect(heard).toEqual([]);
});

test('a listener that throws is reported to it, the others still hear, and BullMQ never sees the error', async () => {
  class Worker {
    calls = 0;
    callProcessJob(): Promise<string> {
      this.calls += 1;
      return Promise.resolve('processed');
    }
  }
  installHooks({ Worker }, () => undefined);
  const failures: string[] = [];
  const undone: string[] = [];
  const throwing: BullmqHookListener = {
    callProcessJob: () => {
      throw new RangeError('listener bug');
    },
    failed: (_instance, where, error) => void failures.push(`${where}: ${(error as Error).name}`),
  };
  const undoing: BullmqHookListener = { callProcessJob: () => () => void undone.push('after the processor settled') };
  const removers = [addBullmqHookListener(throwing), addBullmqHookListener(undoing)];
  try {
    const worker = new Worker();
    await expect(worker.callProcessJob()).resolves.toBe('processed');
    expect(worker.calls).toBe(1);
    expect(failures).toEqual(['Worker.callProcessJob: RangeError']);
    expect(undone).toEqual(['after the processor settled']);
  } finally {
    for (const remove of removers) remove();
  }
});

test('a listener without a reporter of its own is reported through the installer\'s logger, rate-limited', () => {
  uninstallBullmqHooks();
  const logged: string[] = [];
  installBullmqHooks((message) => logged.push(message));
  const remove = addBullmqHookListener({
    createJob: () => {
      throw new TypeError('listener bug');
    },
  });
  class Worker {
    createJob(raw: unknown): unknown {
      return { raw };
    }
  }
  installHooks({ Worker }, () => undefined);
  try {
    for (let i = 0; i < 3; i++) expect(new Worker().createJob(i)).toEqual({ raw: i });
    const reports = logged.filter((m) => m.includes('Worker.createJob'));
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatch(/failed with TypeError/);
  } finally {
    remove();
    uninstallBullmqHooks();
  }
});

/** BullMQ's Worker prototype, whose wrapped methods are protected in its types. */
const workerPrototype = BullmqWorker.prototype as unknown as Record<string, unknown>;

test('uninstall puts BullMQ\'s own methods back; install wraps them again', () => {
  uninstallBullmqHooks();
  expect(isHooked(workerPrototype.callProcessJob)).toBe(false);
  installBullmqHooks(() => undefined);
  expect(isHooked(workerPrototype.callProcessJob)).toBe(true);
  installBullmqHooks(() => undefined);
  const wrapped = workerPrototype.callProcessJob;
  uninstallBullmqHooks();
  expect(workerPrototype.callProcessJob).not.toBe(wrapped);
  expect(isHooked(workerPrototype.callProcessJob)).toBe(false);
});

test('the hooks name the bullmq versions they were written for, and warn once outside them', () => {
  expect(isSupportedBullmqVersion('6.7.0')).toBe(true);
  expect(isSupportedBullmqVersion('6.0.0')).toBe(true);
  expect(isSupportedBullmqVersion('5.61.0')).toBe(false);
  expect(isSupportedBullmqVersion('7.0.0-beta.1')).toBe(false);
  expect(isSupportedBullmqVersion(undefined)).toBe(false);
  expect(bullmqVersionWarning('6.7.0')).toBeUndefined();
  expect(bullmqVersionWarning('7.1.0')).toMatch(/written for bullmq >=6\.0\.0 <7, found bullmq 7\.1\.0/);
  // The installed bullmq is in range: installing logs no version warning.
  uninstallBullmqHooks();
  const logged: string[] = [];
  installBullmqHooks((message) => logged.push(message));
  expect(logged.filter((m) => m.includes('written for'))).toEqual([]);
});
