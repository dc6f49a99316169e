import { CallerIdConstants, ConfigurationBotFrameworkAuthentication, type Activity, type ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import {
  type AuthenticateRequestResult,
  AuthenticationConstants,
  AuthenticationError,
  type ClaimsIdentity,
  ConnectorClient,
  ConnectorFactory,
  JwtTokenValidation,
  type ServiceClientCredentialsFactory,
  type UserTokenClient,
} from 'botframework-connector';
import type { Logger } from 'pino';
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

const JWT = /^Bearer ([\w-]+)\.([\w-]+)\.([\w-]*)$/;

/**
 * Why a token cannot be the Bot Connector's, read before botbuilder sees it; null when it may be.
 * The Bot Connector always signs with one issuer and always sets `exp`; jsonwebtoken accepts a
 * token without `exp` forever, and botbuilder hands any other issuer (the Emulator's, a skill's)
 * to validations that fetch Microsoft's public metadata and fail with a 500 naming its URL.
 */
export function notFromTheConnector(authHeader: string, issuer: string): string | null {
  const jwt = JWT.exec(authHeader.trim());
  if (!jwt) return authHeader ? 'not a Bearer JWT' : 'no token';
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(jwt[2]!, 'base64url').toString('utf8'));
  } catch {
    return 'the token’s claims are not JSON';
  }
  if (!claims || typeof claims !== 'object') return 'the token’s claims are not an object';
  const { iss, exp } = claims as { iss?: unknown; exp?: unknown };
  if (iss !== issuer) return `issuer ${JSON.stringify(iss)} is not the Bot Connector’s`;
  if (typeof exp !== 'number' || !Number.isFinite(exp)) return 'the token has no expiry (exp)';
  return null;
}

/** A bare 401: CloudAdapter writes an error's message as the body, and an empty one as none. */
const unauthorized = (): AuthenticationError => new AuthenticationError('', 401);

/** Teams has a handful of regional service URLs; more than this many means something is off, and the oldest go. */
const CONNECTOR_CLIENTS = 64;

/**
 * A connector client per bot, service URL and audience, kept. botbuilder builds a new one, with
 * its request pipeline, for every turn, which costs about as much CPU as its whole turn
 * otherwise does. A client signs each request itself (its credentials fetch and renew their
 * token), so one can serve every turn, as botbuilder's older BotFrameworkAdapter did.
 */
class KeptConnectorFactory extends ConnectorFactory {
  constructor(
    private readonly inner: ConnectorFactory,
    private readonly appId: string,
    private readonly kept: Map<string, Promise<ConnectorClient>>,
  ) {
    super();
  }

  override create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    const key = `${this.appId}|${serviceUrl}|${audience ?? ''}`;
    let client = this.kept.get(key);
    if (!client) {
      client = this.inner.create(serviceUrl, audience);
      // A client that could not be made is not kept: the next turn tries again.
      client.catch(() => this.kept.delete(key));
      if (this.kept.size >= CONNECTOR_CLIENTS) this.kept.delete(this.kept.keys().next().value!);
      this.kept.set(key, client);
    }
    return client;
  }
}

/**
 * botbuilder's configured authentication, except that every request it cannot trust is a bare
 * 401 (botbuilder answers 500 to a token whose signature does not verify, and puts its reasons
 * in the body); the reason goes to the log.
 */
class TeamsAuthentication extends ConfigurationBotFrameworkAuthentication {
  constructor(
    options: ConfigurationBotFrameworkAuthenticationOptions,
    credentialsFactory: ServiceClientCredentialsFactory | undefined,
    private readonly checked: boolean,
    private readonly issuer: string,
    private readonly logger: Logger | undefined,
  ) {
    super(options, credentialsFactory);
  }

  private readonly connectorClients = new Map<string, Promise<ConnectorClient>>();

  private readonly userTokenClients = new Map<string, Promise<UserTokenClient>>();

  /**
   * One user token client per bot, kept for the same reason as the connector clients: botbuilder
   * builds one with its own request pipeline for every turn, and its credentials renew their token.
   */
  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    // The app id botbuilder makes the client's credentials for.
    const appId = claimsIdentity.getClaimValue(AuthenticationConstants.AudienceClaim) ?? claimsIdentity.getClaimValue(AuthenticationConstants.AppIdClaim) ?? '';
    let client = this.userTokenClients.get(appId);
    if (!client) {
      client = super.createUserTokenClient(claimsIdentity);
      client.catch(() => this.userTokenClients.delete(appId));
      if (this.userTokenClients.size >= CONNECTOR_CLIENTS) this.userTokenClients.delete(this.userTokenClients.keys().next().value!);
      this.userTokenClients.set(appId, client);
    }
    return client;
  }

  private keeping(factory: ConnectorFactory, claimsIdentity: ClaimsIdentity): ConnectorFactory {
    const appId = JwtTokenValidation.getAppIdFromClaims(claimsIdentity.claims) ?? '';
    return new KeptConnectorFactory(factory, appId, this.connectorClients);
  }

  /** For posting unprompted (continueConversationAsync). */
  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.keeping(super.createConnectorFactory(claimsIdentity), claimsIdentity);
  }

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    const refuse = (reason: string): never => {
      this.logger?.warn({ reason, serviceUrl: activity.serviceUrl }, 'POST /api/messages refused (401)');
      throw unauthorized();
    };
    const doubt = this.checked ? notFromTheConnector(authHeader, this.issuer) : null;
    if (doubt) refuse(doubt);
    try {
      const result = await super.authenticateRequest(activity, authHeader);
      return result.connectorFactory ? { ...result, connectorFactory: this.keeping(result.connectorFactory, result.claimsIdentity) } : result;
    } catch (error) {
      if (error instanceof AuthenticationError || (error instanceof Error && TOKEN_ERRORS.has(error.name))) return refuse((error as Error).message);
      // Our side failed (the signing keys could not be fetched): a 500, without the URLs it names.
      this.logger?.error({ err: error }, 'POST /api/messages: the token could not be checked');
      throw new Error('the request’s token could not be checked');
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

export function botAuthentication(auth: TeamsAuth, overrides: AuthenticationOverrides = {}, logger?: Logger): ConfigurationBotFrameworkAuthentication {
  const options = { ...auth.options, ...(overrides.openIdMetadataUrl ? endpoints(overrides.openIdMetadataUrl) : {}) };
  const issuer = options.ToBotFromChannelTokenIssuer ?? AuthenticationConstants.ToBotFromChannelTokenIssuer;
  // Without an app id (development only) botbuilder lets every request through, and so does the door.
  return new TeamsAuthentication(options, overrides.credentialsFactory, auth.method !== 'none', issuer, logger);
}
