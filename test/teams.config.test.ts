import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CERTIFICATE_KEY_FILE, CERTIFICATE_THUMBPRINT, teamsAuth } from '../adapters/teams/config.js';
import { botAuthentication } from '../adapters/teams/authentication.js';
import { startTeamsDoor } from '../adapters/teams/index.js';
import { createHttpApp } from '../adapters/http/server.js';
import type { App } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { RapporteurError } from '../src/errors.js';

const APP_ID = '2bd4b1d3-2c7a-4b6e-9d1c-0f5e8a3b7c21';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';

const refusal = (env: Record<string, string>, extra: Record<string, string> = {}): string => {
  try {
    teamsAuth(loadConfig({ ...env, ...extra }));
  } catch (error) {
    expect(error).toBeInstanceOf(RapporteurError);
    expect(error).toMatchObject({ code: 'INVALID_CONFIG' });
    return (error as Error).message;
  }
  throw new Error('the configuration was accepted');
};

describe('Teams door: configuration checked at start', () => {
  it('refuses to start without an app id, and says how to run it in development', async () => {
    const app = { config: loadConfig({ TEAMS_ENABLED: '1' }) } as App;
    const start = startTeamsDoor({ app, http: createHttpApp(async () => ({ ok: true })) });
    await expect(start).rejects.toThrow(/MICROSOFT_APP_ID: .*MICROSOFT_APP_PASSWORD.*RAPPORTEUR_ENV=development and TEAMS_ENABLED=1/);
  });

  it('runs without authentication only in development and when asked to', () => {
    expect(teamsAuth(loadConfig({ RAPPORTEUR_ENV: 'development', TEAMS_ENABLED: '1' }))).toEqual({ appId: '', method: 'none', options: {} });
    expect(refusal({ RAPPORTEUR_ENV: 'development' })).toContain('MICROSOFT_APP_ID');
    expect(refusal({ RAPPORTEUR_ENV: 'development', TEAMS_ENABLED: '1', MICROSOFT_APP_PASSWORD: 'secret' })).toBe('invalid configuration: MICROSOFT_APP_ID: required with MICROSOFT_APP_PASSWORD');
  });

  it('takes an app id with a password, a tenant for single-tenant bots, and a managed identity without a password', () => {
    expect(teamsAuth(loadConfig({ MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 'secret' }))).toEqual({
      appId: APP_ID,
      method: 'password',
      options: { MicrosoftAppId: APP_ID, MicrosoftAppType: 'MultiTenant', MicrosoftAppPassword: 'secret' },
    });
    expect(teamsAuth(loadConfig({ MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 'secret', MICROSOFT_APP_TYPE: 'SingleTenant', MICROSOFT_APP_TENANT_ID: TENANT })).options).toMatchObject({
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: TENANT,
    });
    const msi = teamsAuth(loadConfig({ MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_TYPE: 'UserAssignedMSI', MICROSOFT_APP_TENANT_ID: TENANT }));
    expect(msi.method).toBe('managed identity');
    // botbuilder takes what was accepted here.
    expect(() => botAuthentication(msi)).not.toThrow();
  });

  it('names every variable that is wrong or missing', () => {
    expect(refusal({ MICROSOFT_APP_ID: 'rapporteur-bot' })).toBe(
      'invalid configuration: MICROSOFT_APP_ID: must be the bot’s Microsoft app id, a GUID such as 2bd4b1d3-2c7a-4b6e-9d1c-0f5e8a3b7c21; ' +
        'MICROSOFT_APP_PASSWORD: required with MICROSOFT_APP_ID (or MICROSOFT_APP_CERTIFICATE_THUMBPRINT and MICROSOFT_APP_CERTIFICATE_KEY_FILE)',
    );
    expect(refusal({ MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 'secret', MICROSOFT_APP_TYPE: 'SingleTenant' })).toContain('MICROSOFT_APP_TENANT_ID: required when MICROSOFT_APP_TYPE is SingleTenant');
    expect(refusal({ MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 'secret', MICROSOFT_APP_TYPE: 'UserAssignedMSI', MICROSOFT_APP_TENANT_ID: TENANT })).toContain('must not be set when MICROSOFT_APP_TYPE is UserAssignedMSI');
    expect(refusal({ MICROSOFT_APP_ID: APP_ID }, { [CERTIFICATE_THUMBPRINT]: 'AB12' })).toContain(`${CERTIFICATE_KEY_FILE}: required with ${CERTIFICATE_THUMBPRINT}`);
    expect(refusal({ MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 'secret' }, { [CERTIFICATE_THUMBPRINT]: 'AB12', [CERTIFICATE_KEY_FILE]: '/nonexistent/key.pem' })).toContain('set either it or');
    expect(refusal({ MICROSOFT_APP_ID: APP_ID }, { [CERTIFICATE_THUMBPRINT]: 'AB12', [CERTIFICATE_KEY_FILE]: '/nonexistent/key.pem' })).toBe(
      `invalid configuration: ${CERTIFICATE_KEY_FILE}: cannot read /nonexistent/key.pem (ENOENT)`,
    );
  });

  it('authenticates with a certificate: its thumbprint and a PEM private key file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rapporteur-cert-'));
    const keyFile = join(dir, 'bot.pem');
    writeFileSync(keyFile, generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const auth = teamsAuth(loadConfig({ MICROSOFT_APP_ID: APP_ID, [CERTIFICATE_THUMBPRINT]: 'AB12CD34', [CERTIFICATE_KEY_FILE]: keyFile }));
    expect(auth.method).toBe('certificate');
    expect(auth.options).toMatchObject({ CertificateThumbprint: 'AB12CD34', CertificatePrivateKey: expect.stringContaining('BEGIN PRIVATE KEY') });
    expect(() => botAuthentication(auth)).not.toThrow();

    writeFileSync(keyFile, 'not a key');
    expect(refusal({ MICROSOFT_APP_ID: APP_ID }, { [CERTIFICATE_THUMBPRINT]: 'AB12CD34', [CERTIFICATE_KEY_FILE]: keyFile })).toContain('is not a PEM private key');
  });
});
