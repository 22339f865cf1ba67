import { installHooks } from '../../src/telemetry/bullmq-hooks';

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
  // The method that exists is wrapped, and passes through for a worker without QueueOtel.
  expect(Object.prototype.hasOwnProperty.call(Worker.prototype.callProcessJob, Symbol.for('queue-otel.patched'))).toBe(true);
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
