import { consoleSender } from '../adapters/console/sender.js';
import { configuredPlatforms } from '../adapters/platforms.js';
import type { App } from '../src/app.js';
import type { Platform } from '../src/domain/conversations.js';
import type { Sender } from '../src/delivery.js';

/**
 * How a worker without doors (`rapporteur worker`) posts: the platforms' API clients, built
 * from the same variables as the doors, without their HTTP endpoints.
 */
export async function standaloneSenders(app: App): Promise<Map<Platform, Sender>> {
  const senders = new Map<Platform, Sender>();
  for (const platform of configuredPlatforms(app.config)) senders.set(platform.traits.name, await platform.standaloneSender(app));
  senders.set('console', consoleSender((text) => process.stdout.write(text)));
  return senders;
}
