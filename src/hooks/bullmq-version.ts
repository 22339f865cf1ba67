/**
 * The bullmq versions the hooks were written for. They wrap methods that are not part of BullMQ's public API
 * (`Worker.callProcessJob`, `createJob`, `handleFailed`, `processJob`, `FlowProducer.addNode`), read as they are
 * in bullmq 6.x; another major version may rename or reshape them.
 */
export const SUPPORTED_BULLMQ_RANGE = '>=6.0.0 <7';

const MAJOR = 6;

/** Whether `version` (bullmq's package.json `version`, of any type) is in {@link SUPPORTED_BULLMQ_RANGE}. */
export function isSupportedBullmqVersion(version: unknown): boolean {
  if (typeof version !== 'string') return false;
  const match = /^(\d+)\.(\d+)\.(\d+)/.exec(version);
  return match !== null && Number(match[1]) === MAJOR;
}

/** The installed bullmq's version, or undefined when its package.json cannot be read. */
export function installedBullmqVersion(): string | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a JSON file, read once at install time
    const version: unknown = (require('bullmq/package.json') as { version?: unknown }).version;
    return typeof version === 'string' ? version : undefined;
  } catch {
    return undefined;
  }
}

/** The warning for a bullmq outside the range; undefined when it is inside. */
export function bullmqVersionWarning(version: unknown): string | undefined {
  if (isSupportedBullmqVersion(version)) return undefined;
  const found = typeof version === 'string' ? `bullmq ${version}` : 'a bullmq whose version could not be read';
  return `queue-otel: its hooks were written for bullmq ${SUPPORTED_BULLMQ_RANGE}, found ${found}; ` +
    'spans may miss job details or error classes. Check for a queue-otel release that supports it.';
}
