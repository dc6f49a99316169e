import { readFileSync } from 'node:fs';
import type { ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import type { Config } from '../../src/config.js';
import { ErrorCode, RapporteurError } from '../../src/errors.js';

/**
 * How the Teams door proves who it is and checks who calls it, from the environment, checked
 * at start. Without an app id botbuilder accepts any request, so that is allowed only in
 * development and only when asked for (TEAMS_ENABLED).
 */

export interface TeamsAuth {
  /** The bot's Microsoft app id; '' when authentication is off (development only). */
  appId: string;
  method: 'password' | 'certificate' | 'managed identity' | 'none';
  /** What botbuilder's ConfigurationBotFrameworkAuthentication reads. */
  options: ConfigurationBotFrameworkAuthenticationOptions;
}

export const CERTIFICATE_THUMBPRINT = 'MICROSOFT_APP_CERTIFICATE_THUMBPRINT';
export const CERTIFICATE_KEY_FILE = 'MICROSOFT_APP_CERTIFICATE_KEY_FILE';

export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function invalid(problems: string[]): RapporteurError {
  return new RapporteurError(ErrorCode.InvalidConfig, `invalid configuration: ${problems.join('; ')}`);
}

export function teamsAuth(config: Config): TeamsAuth {
  const appId = config.MICROSOFT_APP_ID;
  const password = config.MICROSOFT_APP_PASSWORD;
  const tenantId = config.MICROSOFT_APP_TENANT_ID;
  const thumbprint = config.MICROSOFT_APP_CERTIFICATE_THUMBPRINT;
  const keyFile = config.MICROSOFT_APP_CERTIFICATE_KEY_FILE;

  if (!appId) {
    if (config.RAPPORTEUR_ENV === 'development' && config.TEAMS_ENABLED && !password && !thumbprint) {
      return { appId: '', method: 'none', options: {} };
    }
    if (password || thumbprint) throw invalid([`MICROSOFT_APP_ID: required with ${password ? 'MICROSOFT_APP_PASSWORD' : CERTIFICATE_THUMBPRINT}`]);
    throw invalid([
      'MICROSOFT_APP_ID: the Teams door needs the bot’s app id with MICROSOFT_APP_PASSWORD (or a certificate), or it would answer anyone who posts to /api/messages; ' +
        'to run it without authentication on your own machine, set RAPPORTEUR_ENV=development and TEAMS_ENABLED=1',
    ]);
  }

  const type = config.MICROSOFT_APP_TYPE ?? 'MultiTenant';
  const problems: string[] = [];
  if (!GUID.test(appId)) problems.push('MICROSOFT_APP_ID: must be the bot’s Microsoft app id, a GUID such as 2bd4b1d3-2c7a-4b6e-9d1c-0f5e8a3b7c21');
  if (type !== 'MultiTenant' && !tenantId) problems.push(`MICROSOFT_APP_TENANT_ID: required when MICROSOFT_APP_TYPE is ${type}`);
  if (thumbprint && !keyFile) problems.push(`${CERTIFICATE_KEY_FILE}: required with ${CERTIFICATE_THUMBPRINT} (a PEM file holding the certificate’s private key)`);
  if (keyFile && !thumbprint) problems.push(`${CERTIFICATE_THUMBPRINT}: required with ${CERTIFICATE_KEY_FILE}`);
  if (type === 'UserAssignedMSI') {
    if (password || thumbprint) problems.push('MICROSOFT_APP_PASSWORD: must not be set when MICROSOFT_APP_TYPE is UserAssignedMSI (the managed identity is the credential)');
  } else if (password && thumbprint) {
    problems.push(`MICROSOFT_APP_PASSWORD: set either it or ${CERTIFICATE_THUMBPRINT}, not both`);
  } else if (!password && !thumbprint) {
    problems.push(`MICROSOFT_APP_PASSWORD: required with MICROSOFT_APP_ID (or ${CERTIFICATE_THUMBPRINT} and ${CERTIFICATE_KEY_FILE})`);
  }

  let privateKey: string | undefined;
  if (keyFile && thumbprint && problems.length === 0) {
    try {
      privateKey = readFileSync(keyFile, 'utf8');
    } catch (error) {
      problems.push(`${CERTIFICATE_KEY_FILE}: cannot read ${keyFile} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
    if (privateKey !== undefined && !privateKey.includes('PRIVATE KEY-----')) problems.push(`${CERTIFICATE_KEY_FILE}: ${keyFile} is not a PEM private key`);
  }
  if (problems.length) throw invalid(problems);

  return {
    appId,
    method: type === 'UserAssignedMSI' ? 'managed identity' : thumbprint ? 'certificate' : 'password',
    options: {
      MicrosoftAppId: appId,
      MicrosoftAppType: type,
      ...(tenantId ? { MicrosoftAppTenantId: tenantId } : {}),
      ...(password ? { MicrosoftAppPassword: password } : {}),
      ...(thumbprint && privateKey ? { CertificateThumbprint: thumbprint, CertificatePrivateKey: privateKey } : {}),
    },
  };
}
