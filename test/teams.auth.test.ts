import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PERSONAL, personalMessage, startTeamsHarness, type TeamsHarness } from './support/fakeTeams.js';
import { FixedTokenCredentials, OUTBOUND_TOKEN, startFakeTeamsAuth, type FakeTeamsAuth } from './support/fakeTeamsAuth.js';

const APP_ID = '2bd4b1d3-2c7a-4b6e-9d1c-0f5e8a3b7c21';
/** The issuer of the tokens the Bot Framework Emulator gets from Microsoft Entra ID. */
const EMULATOR_ISSUER = 'https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/';

describe('Teams door: who may call /api/messages', () => {
  let auth: FakeTeamsAuth;
  let h: TeamsHarness;

  beforeAll(async () => {
    auth = await startFakeTeamsAuth();
    h = await startTeamsHarness({
      env: { RAPPORTEUR_ENV: 'production', TEAMS_ENABLED: '', MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 'test-secret' },
      door: { openIdMetadataUrl: auth.metadataUrl, credentialsFactory: new FixedTokenCredentials(APP_ID) },
    });
    // botbuilder prints every refused token on standard error.
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await h.close();
    await auth.close();
  });

  const valid = (serviceUrl: string) => ({ aud: APP_ID, serviceurl: serviceUrl });

  it('serves a request with a valid Bot Connector token, and signs its reply', async () => {
    const question = personalMessage(h.connector.url, 'status of para 36 Azerbaijan');
    const response = await h.send(question, `Bearer ${auth.token(valid(h.connector.url))}`);
    expect(response.status).toBe(200);
    const [post] = h.connector.into(PERSONAL);
    expect(post).toMatchObject({ replyTo: question.id, authorization: `Bearer ${OUTBOUND_TOKEN}` });
    expect(h.asked.map((r) => r.text)).toEqual(['status of para 36 Azerbaijan']);
  });

  const refusals: [string, (url: string) => string | undefined][] = [
    ['no token', () => undefined],
    ['a token for another bot (wrong audience)', (url) => `Bearer ${auth.token({ ...valid(url), aud: '0c6e2b7a-1111-4a2b-8c3d-9e8f7a6b5c4d' })}`],
    ['a token for another service URL', () => `Bearer ${auth.token(valid('https://smba.trafficmanager.net/emea/'))}`],
    ['an expired token (past the five minutes of clock skew allowed)', (url) => `Bearer ${auth.token({ ...valid(url), exp: Math.floor(Date.now() / 1000) - 600 })}`],
    ['a token signed with a key the Bot Connector did not publish', (url) => `Bearer ${auth.token(valid(url), { key: auth.forgeryKey })}`],
    ['a token from another issuer', (url) => `Bearer ${auth.token({ ...valid(url), iss: 'https://sts.windows.net/attacker/' })}`],
    // jsonwebtoken accepts a token that never expires; the Bot Connector never issues one.
    ['a token with no exp claim', (url) => `Bearer ${auth.token({ ...valid(url), exp: undefined })}`],
    ['a token whose exp is not a number', (url) => `Bearer ${auth.token({ ...valid(url), exp: 'never' })}`],
    // botbuilder would send these to the Emulator's or a skill's validation, which fetches Microsoft's public keys.
    ['a token from the Bot Framework Emulator’s issuer', (url) => `Bearer ${auth.token({ ...valid(url), iss: EMULATOR_ISSUER, appid: APP_ID, ver: '1.0' })}`],
    ['a skill’s token (another bot calling)', (url) => `Bearer ${auth.token({ ...valid(url), iss: EMULATOR_ISSUER, appid: '0c6e2b7a-1111-4a2b-8c3d-9e8f7a6b5c4d', ver: '1.0' })}`],
    ['a token that is not a JWT', () => 'Bearer not.a.token'],
    ['a token in another scheme', (url) => `Basic ${auth.token(valid(url))}`],
  ];

  it.each(refusals)('answers 401 to %s, and nothing reaches the bot', async (_case, authorization) => {
    const conversation = `a:1ZRefused-${Math.random().toString(36).slice(2)}`;
    const asked = h.asked.length;
    const response = await h.send(personalMessage(h.connector.url, 'status of para 36 Azerbaijan', conversation), authorization(h.connector.url));
    expect(response.status).toBe(401);
    // A bare 401: nothing about why, nor where the bot looked.
    expect(await response.text()).toBe('');
    expect(h.asked.length).toBe(asked);
    expect(h.connector.into(conversation)).toEqual([]);
    expect(await h.app.store.conversation('teams', conversation)).toBeNull();
  });
});
