import type { App } from '../src/app.js';
import type { Config } from '../src/config.js';
import type { Sender } from '../src/delivery.js';
import type { PlatformTraits } from '../src/platform.js';
import type { Door, DoorContext } from './door.js';
import { slackTraits } from './slack/traits.js';
import { teamsTraits } from './teams/traits.js';

/**
 * The chat platforms, listed once: what each is, whether the configuration opens it, its
 * door, and how a worker without doors posts there. The SDKs load only when used.
 */
export interface ChatPlatform {
  traits: PlatformTraits;
  configured(config: Config): boolean;
  startDoor(ctx: DoorContext): Promise<Door>;
  /** A Sender for `rapporteur worker`, built from the same variables as the door. */
  standaloneSender(app: App): Promise<Sender>;
}

const slack: ChatPlatform = {
  traits: slackTraits,
  configured: (c) => Boolean((c.SLACK_BOT_TOKEN && (c.SLACK_SIGNING_SECRET || c.SLACK_APP_TOKEN)) || (c.SLACK_CLIENT_ID && c.SLACK_SIGNING_SECRET)),
  startDoor: async (ctx) => (await import('./slack/index.js')).startSlackDoor(ctx),
  standaloneSender: async ({ config, store }) => {
    const [{ webApi }, { slackSender }, { workspaceClients }, { clientOptions }] = await Promise.all([import('@slack/bolt'), import('./slack/sender.js'), import('./slack/clients.js'), import('./slack/transport.js')]);
    // The outbox retries, looking for the message first; a retry inside the client could post it twice.
    const options = clientOptions(config.SLACK_API_URL, { retries: 0 }, 10_000);
    // A distributed app posts with each workspace's token from the store, as its door does.
    return slackSender(config.SLACK_CLIENT_ID ? workspaceClients(store.installations, options) : new webApi.WebClient(config.SLACK_BOT_TOKEN, options));
  },
};

const teams: ChatPlatform = {
  traits: teamsTraits,
  configured: (c) => Boolean(c.MICROSOFT_APP_ID || c.TEAMS_ENABLED),
  startDoor: async (ctx) => (await import('./teams/index.js')).startTeamsDoor(ctx),
  standaloneSender: async (app) => (await import('./teams/index.js')).standaloneTeamsSender(app),
};

export const CHAT_PLATFORMS: readonly ChatPlatform[] = [slack, teams];

export function configuredPlatforms(config: Config): ChatPlatform[] {
  return CHAT_PLATFORMS.filter((p) => p.configured(config));
}
