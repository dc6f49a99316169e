import { webApi } from '@slack/bolt';
import { CloudAdapter } from 'botbuilder';
import { consoleSender } from '../adapters/console/sender.js';
import { slackSender } from '../adapters/slack/sender.js';
import { botAuthentication } from '../adapters/teams/authentication.js';
import { teamsAuth } from '../adapters/teams/config.js';
import { teamsSender } from '../adapters/teams/sender.js';
import type { App } from '../src/app.js';
import type { Platform } from '../src/domain/conversations.js';
import type { Sender } from '../src/delivery.js';
import { slackConfigured, teamsConfigured } from './doors.js';

/**
 * How a worker without doors (`rapporteur worker`) posts: the platforms' API clients, built
 * from the same variables as the doors, without their HTTP endpoints.
 */
export function standaloneSenders(app: App): Map<Platform, Sender> {
  const { config } = app;
  const senders = new Map<Platform, Sender>();
  if (slackConfigured(config)) {
    const client = new webApi.WebClient(config.SLACK_BOT_TOKEN, { ...(config.SLACK_API_URL ? { slackApiUrl: config.SLACK_API_URL } : {}), retryConfig: { retries: 2 } });
    senders.set('slack', slackSender(client));
  }
  if (teamsConfigured(config)) {
    const auth = teamsAuth(config);
    senders.set('teams', teamsSender(new CloudAdapter(botAuthentication(auth)), auth.appId, app.store));
  }
  senders.set('console', consoleSender((text) => process.stdout.write(text)));
  return senders;
}
