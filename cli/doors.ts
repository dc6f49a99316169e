import type { Config } from '../src/config.js';

/** Which doors the configuration opens. */
export const slackConfigured = (c: Config): boolean => Boolean(c.SLACK_BOT_TOKEN && (c.SLACK_SIGNING_SECRET || c.SLACK_APP_TOKEN));
export const teamsConfigured = (c: Config): boolean => Boolean(c.MICROSOFT_APP_ID || c.TEAMS_ENABLED);
