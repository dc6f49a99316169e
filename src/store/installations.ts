import type { Kysely } from 'kysely';
import { parseJson } from './rows.js';
import type { Database } from './tables.js';

/**
 * Slack installations and the OAuth states that lead to them, kept in the store so that every
 * instance of the bot (and `rapporteur worker`) sees the same ones. The store does not read the
 * installation: the Slack door hands it over and takes it back as it is.
 */

export interface InstallationRecord {
  /** The key the workspace's rows carry: the enterprise id of an org-wide install, the team id otherwise. */
  workspace: string;
  teamId: string | null;
  enterpriseId: string | null;
  isEnterpriseInstall: boolean;
  botUserId: string | null;
  installation: unknown;
}

export interface IssuedState {
  installOptions: unknown;
  issuedAt: Date;
}

export class Installations {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => Date,
  ) {}

  /** Stores an installation; a reinstall (new scopes, a new token) replaces the old one. */
  async save(record: InstallationRecord): Promise<void> {
    const at = this.now().toISOString();
    const row = {
      workspace: record.workspace,
      team_id: record.teamId,
      enterprise_id: record.enterpriseId,
      is_enterprise_install: record.isEnterpriseInstall ? 1 : 0,
      bot_user_id: record.botUserId,
      installation: JSON.stringify(record.installation),
      installed_at: at,
      updated_at: at,
    };
    await this.db
      .insertInto('slack_installations')
      .values(row)
      .onConflict((oc) =>
        oc.column('workspace').doUpdateSet({ team_id: row.team_id, enterprise_id: row.enterprise_id, is_enterprise_install: row.is_enterprise_install, bot_user_id: row.bot_user_id, installation: row.installation, updated_at: at }),
      )
      .execute();
  }

  async get(workspace: string): Promise<InstallationRecord | null> {
    const r = await this.db.selectFrom('slack_installations').selectAll().where('workspace', '=', workspace).executeTakeFirst();
    if (!r) return null;
    return { workspace: r.workspace, teamId: r.team_id, enterpriseId: r.enterprise_id, isEnterpriseInstall: r.is_enterprise_install === 1, botUserId: r.bot_user_id, installation: parseJson<unknown>(r.installation) };
  }

  async remove(workspace: string): Promise<boolean> {
    const result = await this.db.deleteFrom('slack_installations').where('workspace', '=', workspace).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async workspaces(): Promise<string[]> {
    return (await this.db.selectFrom('slack_installations').select('workspace').orderBy('workspace').execute()).map((r) => r.workspace);
  }

  /** `now` is the OAuth library's, which also judges the state's age. */
  async issueState(nonce: string, installOptions: unknown, now: Date = this.now()): Promise<void> {
    await this.db.insertInto('slack_oauth_states').values({ nonce, install_options: JSON.stringify(installOptions), issued_at: now.toISOString() }).execute();
    // States are good for minutes; those never used go within a day.
    await this.db.deleteFrom('slack_oauth_states').where('issued_at', '<', new Date(now.getTime() - 86_400_000).toISOString()).execute();
  }

  /** The state issued with this nonce, removed as it is read: a second redirect with it finds nothing. */
  async takeState(nonce: string): Promise<IssuedState | null> {
    const r = await this.db.deleteFrom('slack_oauth_states').where('nonce', '=', nonce).returning(['install_options', 'issued_at']).executeTakeFirst();
    return r ? { installOptions: parseJson<unknown>(r.install_options), issuedAt: new Date(r.issued_at) } : null;
  }
}
