/** What every command that talks to Redis opens and closes. */
import type { Redis } from 'ioredis';
import { writeControlSequence } from '../output';
import { connectRedis } from '../redis-connect';
import { redisTlsOptions } from '../redis-tls';
import { createServices } from '../services';
import type { ServicesHandle } from '../services';
import { resolveSettings } from '../settings';
import type { CliSettings, FlagValues } from '../settings';
import { createLinkBuilder, linkConfigFrom } from '../trace-link';

/** Settings, the client and the services over it. */
export interface CommandContext {
  settings: CliSettings;
  client: Redis;
  handle: ServicesHandle;
  close(): Promise<void>;
}

/** Resolves settings, connects and builds the services; the caller must `close()`. */
export async function openContext(flags: FlagValues, write: (data: string) => void = (d) => writeControlSequence(d)): Promise<CommandContext> {
  const settings = resolveSettings(flags);
  const linkConfig = linkConfigFrom(settings);
  const link = createLinkBuilder(linkConfig);
  const client = await connectRedis(settings.redisUrl, undefined, redisTlsOptions(settings.redisUrl, settings.redisTls));
  const handle = createServices(client, settings, link, write, linkConfig !== undefined);
  return {
    settings,
    client,
    handle,
    close: async () => {
      await handle.close();
      client.disconnect();
    },
  };
}
