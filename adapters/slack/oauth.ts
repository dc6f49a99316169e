import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { Installation, InstallationQuery, InstallationStore, InstallURLOptions, StateStore } from '@slack/bolt';
import type { Logger } from 'pino';
import { ErrorCode } from '../../src/errors.js';
import type { Installations } from '../../src/store/installations.js';
import { escapeHtml } from './html.js';

/**
 * OAuth distribution: Bolt's InstallationStore and StateStore over Rapporteur's own store, and
 * the pages a person sees at the end of an install.
 */

/** How long an install link's state is good for: Bolt's own cookie lasts as long. */
export const STATE_SECONDS = 600;

/** The key of a workspace's rows: an org-wide install is the enterprise's, any other the team's. */
export function workspaceKey(who: { teamId?: string | undefined; enterpriseId?: string | undefined; isEnterpriseInstall?: boolean | undefined }): string | undefined {
  return who.isEnterpriseInstall ? who.enterpriseId : who.teamId;
}

function installationKey(installation: Installation): string {
  const key = installation.isEnterpriseInstall ? installation.enterprise?.id : installation.team?.id;
  if (!key) throw new Error('the installation names neither a team nor an enterprise');
  return key;
}

export function slackInstallationStore(installations: Installations): InstallationStore {
  return {
    async storeInstallation(installation) {
      await installations.save({
        workspace: installationKey(installation),
        teamId: installation.team?.id ?? null,
        enterpriseId: installation.enterprise?.id ?? null,
        isEnterpriseInstall: installation.isEnterpriseInstall === true,
        botUserId: installation.bot?.userId ?? null,
        installation,
      });
    },
    async fetchInstallation(query: InstallationQuery<boolean>) {
      const key = workspaceKey(query);
      const found = key ? await installations.get(key) : null;
      // Bolt turns this into "authorization did not succeed": no listener runs for a workspace without an installation.
      if (!found) throw new Error(`Rapporteur is not installed in Slack workspace ${key ?? '(none named)'}`);
      return found.installation as Installation;
    },
    async deleteInstallation(query: InstallationQuery<boolean>) {
      const key = workspaceKey(query);
      if (key) await installations.remove(key);
    },
  };
}

/** An OAuth error as @slack/oauth codes them, so that its own checks (and ours) tell them apart. */
class StateError extends Error {
  readonly code = 'slack_oauth_invalid_state';
}

const sign = (secret: string, nonce: string): Buffer => createHmac('sha256', secret).update(`rapporteur-oauth-state:${nonce}`).digest();

/**
 * States signed with SLACK_STATE_SECRET and kept in the store until used: a forged state fails
 * the signature, a replayed one finds nothing (the first redirect consumed it), an old one is
 * refused after ten minutes. Every instance behind a load balancer sees the same states.
 */
export function slackStateStore(installations: Installations, secret: string): StateStore {
  return {
    async generateStateParam(installOptions: InstallURLOptions, now: Date) {
      const nonce = randomBytes(18).toString('base64url');
      await installations.issueState(nonce, installOptions, now);
      return `${nonce}.${sign(secret, nonce).toString('base64url')}`;
    },
    async verifyStateParam(now: Date, state: string) {
      const [nonce, signature, ...rest] = state.split('.');
      const given = Buffer.from(signature ?? '', 'base64url');
      const expected = nonce ? sign(secret, nonce) : null;
      if (!nonce || rest.length || !expected || given.length !== expected.length || !timingSafeEqual(given, expected)) {
        throw new StateError('the state parameter was not issued by this app');
      }
      const issued = await installations.takeState(nonce);
      if (!issued) throw new StateError('the state parameter was used already');
      if (now.getTime() - issued.issuedAt.getTime() > STATE_SECONDS * 1000) throw new StateError('the state parameter has expired');
      return issued.installOptions as InstallURLOptions;
    },
  };
}

function page(res: ServerResponse, status: number, title: string, body: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`);
}

/** What went wrong, in words for the person installing; never a trace or an internal address. */
function refusal(error: { code?: unknown; message?: unknown; data?: unknown }): { status: number; why: string } {
  switch (error.code) {
    case 'slack_oauth_invalid_state':
    case 'slack_oauth_missing_state':
      return { status: 400, why: 'This install link is not valid any more (it was used already, has expired, or did not come from this server). Start again from the install page.' };
    case 'slack_oauth_missing_code':
      return { status: 400, why: 'Slack did not send an authorization code. Start again from the install page.' };
    case 'slack_oauth_installer_authorization_error':
      return { status: 400, why: 'The installation was cancelled in Slack.' };
    case 'slack_webapi_platform_error': {
      const code = (error.data as { error?: unknown } | undefined)?.error;
      return { status: 400, why: `Slack refused to complete the installation (${typeof code === 'string' ? code : 'unknown'}). Start again from the install page.` };
    }
    default:
      return { status: 500, why: 'The installation could not be completed. Please try again; if it keeps happening, give an admin the reference below.' };
  }
}

export function oauthPages(logger: Logger) {
  return {
    success(installation: Installation, _options: InstallURLOptions, _req: unknown, res: ServerResponse): void {
      const key = installationKey(installation);
      const name = installation.isEnterpriseInstall ? installation.enterprise?.name : installation.team?.name;
      logger.info({ workspace: key, enterprise: installation.enterprise?.id, enterpriseInstall: installation.isEnterpriseInstall === true }, 'Slack workspace installed Rapporteur');
      const open = installation.appId && installation.team?.id ? `<p><a href="slack://app?team=${encodeURIComponent(installation.team.id)}&amp;id=${encodeURIComponent(installation.appId)}">Open Rapporteur in Slack</a></p>` : '';
      page(res, 200, 'Rapporteur is installed', `<p>Rapporteur is installed in ${escapeHtml(name ?? key)}. Mention @Rapporteur in a channel or open its App Home to begin.</p>${open}`);
    },
    failure(error: Error & { code?: unknown; data?: unknown }, _options: InstallURLOptions, _req: unknown, res: ServerResponse): void {
      const { status, why } = refusal(error);
      const reference = randomUUID().slice(0, 8);
      logger.warn({ err: error, reference, status }, 'Slack installation refused');
      page(res, status, 'Rapporteur was not installed', `<p>${escapeHtml(why)}</p><p>Error code ${ErrorCode.InstallRefused}, reference ${reference}.</p>`);
    },
  };
}
