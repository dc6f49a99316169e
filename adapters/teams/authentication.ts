import { CallerIdConstants, ConfigurationBotFrameworkAuthentication, type Activity, type ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import { type AuthenticateRequestResult, AuthenticationConstants, AuthenticationError, type ServiceClientCredentialsFactory } from 'botframework-connector';
import type { TeamsAuth } from './config.js';

export interface AuthenticationOverrides {
  /**
   * Where the Bot Connector's signing keys are published (its OpenID metadata document).
   * Tests point it at a local endpoint; otherwise the public cloud's.
   */
  openIdMetadataUrl?: string;
  /** How outbound calls get their token; otherwise the password, certificate or managed identity configured. */
  credentialsFactory?: ServiceClientCredentialsFactory;
}

/** jsonwebtoken's own failures (a bad signature, a token not yet valid) mean 401 as much as botbuilder's. */
const TOKEN_ERRORS = new Set(['JsonWebTokenError', 'NotBeforeError', 'TokenExpiredError']);

/**
 * botbuilder's configured authentication, except that every token it cannot accept is a 401:
 * botbuilder answers 500 to a token whose signature does not verify.
 */
class TeamsAuthentication extends ConfigurationBotFrameworkAuthentication {
  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    try {
      return await super.authenticateRequest(activity, authHeader);
    } catch (error) {
      if (error instanceof Error && TOKEN_ERRORS.has(error.name)) throw new AuthenticationError(`Unauthorized: ${error.message}`, 401);
      throw error;
    }
  }
}

/**
 * botbuilder takes the public cloud's endpoints as a whole or not at all: naming one (the
 * metadata URL) means naming them all, so the others keep the public cloud's values.
 */
function endpoints(openIdMetadataUrl: string): ConfigurationBotFrameworkAuthenticationOptions {
  return {
    ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
    OAuthUrl: AuthenticationConstants.OAuthUrl,
    ToBotFromChannelOpenIdMetadataUrl: openIdMetadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
    ValidateAuthority: true,
  };
}

export function botAuthentication(auth: TeamsAuth, overrides: AuthenticationOverrides = {}): ConfigurationBotFrameworkAuthentication {
  const options = { ...auth.options, ...(overrides.openIdMetadataUrl ? endpoints(overrides.openIdMetadataUrl) : {}) };
  return new TeamsAuthentication(options, overrides.credentialsFactory);
}
