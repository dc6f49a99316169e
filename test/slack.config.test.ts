import { describe, expect, it } from 'vitest';
import { configuredPlatforms } from '../adapters/platforms.js';
import { loadConfig } from '../src/config.js';

/** A distributed Slack app is configured whole, or the process stops naming what is wrong. */

const OAUTH = { SLACK_CLIENT_ID: '1234567890.0987654321', SLACK_CLIENT_SECRET: 'client-secret', SLACK_STATE_SECRET: 'a-random-state-secret-of-32-chars!', SLACK_SIGNING_SECRET: 'signing' };
const refused = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (error) {
    return (error as Error).message;
  }
  return null;
};

describe('Slack OAuth configuration', () => {
  it('with all its variables opens the Slack door, without a bot token', () => {
    const config = loadConfig(OAUTH);
    expect(configuredPlatforms(config).map((p) => p.traits.name)).toEqual(['slack']);
  });

  it('names the variables missing, and refuses a bot token, an app token or no signing secret beside it', () => {
    expect(refused({ SLACK_CLIENT_ID: OAUTH.SLACK_CLIENT_ID, SLACK_SIGNING_SECRET: 'x' })).toBe(
      'invalid configuration: SLACK_CLIENT_SECRET, SLACK_STATE_SECRET: required with SLACK_CLIENT_ID (Slack OAuth distribution)',
    );
    expect(refused({ ...OAUTH, SLACK_BOT_TOKEN: 'xoxb-1' })).toContain('SLACK_BOT_TOKEN: leave unset with SLACK_CLIENT_ID');
    expect(refused({ ...OAUTH, SLACK_APP_TOKEN: 'xapp-1' })).toContain('SLACK_APP_TOKEN: leave unset with SLACK_CLIENT_ID');
    expect(refused({ ...OAUTH, SLACK_SIGNING_SECRET: '' })).toContain('SLACK_SIGNING_SECRET: required with SLACK_CLIENT_ID');
  });

  it('refuses a malformed client id and a short state secret, naming each', () => {
    const message = refused({ ...OAUTH, SLACK_CLIENT_ID: 'rapporteur', SLACK_STATE_SECRET: 'short' });
    expect(message).toContain('SLACK_CLIENT_ID: must be the app’s Client ID');
    expect(message).toContain('SLACK_STATE_SECRET: must be a random string of at least 32 characters');
  });
});
