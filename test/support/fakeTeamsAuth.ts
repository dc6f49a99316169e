import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PasswordServiceClientCredentialFactory, type ServiceClientCredentials } from 'botframework-connector';

/**
 * The Bot Connector's side of authentication, offline: an OpenID metadata document and its
 * signing keys on 127.0.0.1, and tokens signed with a test RSA key, shaped as the Bot
 * Connector's tokens (issuer https://api.botframework.com, audience the bot's app id, the
 * serviceurl claim, endorsed for msteams).
 */

export const ISSUER = 'https://api.botframework.com';
/** The token the bot puts on its own calls to the connector in these tests. */
export const OUTBOUND_TOKEN = 'outbound-test-token';

export interface FakeTeamsAuth {
  /** The OpenID metadata document's URL. */
  metadataUrl: string;
  /** A signed token; claims override the valid defaults. */
  token(claims: Record<string, unknown>, options?: { key?: KeyObject }): string;
  /** Another key, not published: a token signed with it is forged. */
  forgeryKey: KeyObject;
  close(): Promise<void>;
}

const base64url = (data: string | Buffer) => Buffer.from(data).toString('base64url');

export async function startFakeTeamsAuth(): Promise<FakeTeamsAuth> {
  const kid = 'test-signing-key';
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const forgeryKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const jwk = publicKey.export({ format: 'jwk' });

  const server = createServer((req, res) => {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const json = (body: unknown) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (req.url === '/v1/.well-known/openidconfiguration') {
      json({ issuer: ISSUER, authorization_endpoint: `${base}/authorize`, jwks_uri: `${base}/v1/keys`, id_token_signing_alg_values_supported: ['RS256'], token_endpoint_auth_methods_supported: ['private_key_jwt'] });
    } else if (req.url === '/v1/keys') {
      json({ keys: [{ kty: 'RSA', use: 'sig', kid, n: jwk.n, e: jwk.e, endorsements: ['msteams'] }] });
    } else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    metadataUrl: `http://127.0.0.1:${port}/v1/.well-known/openidconfiguration`,
    forgeryKey,
    token(claims, options = {}) {
      const now = Math.floor(Date.now() / 1000);
      const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid }));
      const payload = base64url(JSON.stringify({ iss: ISSUER, nbf: now - 60, iat: now - 60, exp: now + 3600, ...claims }));
      const signature = createSign('RSA-SHA256').update(`${header}.${payload}`).sign(options.key ?? privateKey);
      return `${header}.${payload}.${base64url(signature)}`;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * The bot's outbound credentials without Microsoft Entra ID: the app id is checked as in
 * production, and calls to the connector carry a fixed token the fake connector can see.
 */
export class FixedTokenCredentials extends PasswordServiceClientCredentialFactory {
  constructor(appId: string) {
    super(appId, 'not-used', '');
  }

  override async createCredentials(): Promise<ServiceClientCredentials> {
    return {
      async signRequest(request) {
        request.headers.set('authorization', `Bearer ${OUTBOUND_TOKEN}`);
        return request;
      },
    };
  }
}
