/** Fails with the queues there are when a command names a queue that does not exist. */
import { terminalSafe } from 'queue-otel/traces';
import { NotFoundError } from '../not-found';
import type { QueueReader } from '../queue-reader';
import { redactRedisUrl } from '../settings';
import type { CliSettings } from '../settings';

/** At most this many queue names are listed in the message. */
const LISTED = 20;

/** Resolves when BullMQ has a queue `name` under the settings' prefix; throws a NotFoundError otherwise. */
export async function requireQueue(reader: QueueReader, name: string, settings: CliSettings): Promise<void> {
  if (await reader.queueExists(name)) return;
  const where = `under prefix "${settings.bullPrefix}" at ${redactRedisUrl(settings.redisUrl)}`;
  // Names come from Redis keys: one with a line feed must not print a line of its own (the message keeps line feeds).
  const names = await reader.queueNames();
  if (names.length === 0) throw new NotFoundError(`no queue "${terminalSafe(name)}": there are no BullMQ queues ${where} (is --prefix right?)`);
  const more = names.length > LISTED ? ` and ${names.length - LISTED} more` : '';
  throw new NotFoundError(`no queue "${terminalSafe(name)}" ${where}; the queues there: ${names.slice(0, LISTED).map(terminalSafe).join(', ')}${more}`);
}
