import { sql, type CreateTableBuilder, type Kysely, type Migration } from 'kysely';
import type { Engine } from './tables.js';

/**
 * 0013: a Slack app installed in many workspaces. What a conversation asked for and what the
 * bot owes it is scoped by workspace (the installation's team or enterprise id; '' where a
 * platform has none), and Bolt's installations and OAuth states are kept here too.
 */

/** Migrations describe tables as they are at that step, so they cannot be typed by them. */
type AnyDb = Kysely<any>;

interface Rekeyed {
  table: string;
  /** Every column but `workspace`, in order, as the table has them. */
  columns: string[];
  /** The new table, without `workspace` (added here) and without its key. */
  define(t: CreateTableBuilder<string, never>): CreateTableBuilder<string, never>;
  /** The constraint whose columns gain `workspace`. */
  key: { name: string; kind: 'primary' | 'unique'; columns: string[] };
  indexes?: Array<{ name: string; columns: string[] }>;
}

const REKEYED: Rekeyed[] = [
  {
    table: 'subscriptions',
    columns: ['id', 'platform', 'channel_id', 'kind', 'value', 'created_by', 'created_at'],
    define: (t) =>
      t
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('platform', 'text', (c) => c.notNull())
        .addColumn('channel_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull()),
    key: { name: 'subscriptions_key', kind: 'unique', columns: ['platform', 'workspace', 'channel_id', 'kind', 'value'] },
    indexes: [{ name: 'subscriptions_value', columns: ['kind', 'value'] }],
  },
  {
    table: 'channel_settings',
    columns: ['platform', 'channel_id', 'time_zone', 'reminder_days', 'digest', 'last_digest_at', 'working_time', 'muted_until', 'direct', 'updated_at'],
    define: (t) =>
      t
        .addColumn('platform', 'text', (c) => c.notNull())
        .addColumn('channel_id', 'text', (c) => c.notNull())
        .addColumn('time_zone', 'text')
        .addColumn('reminder_days', 'text')
        .addColumn('digest', 'text')
        .addColumn('last_digest_at', 'text')
        .addColumn('working_time', 'text')
        .addColumn('muted_until', 'text')
        .addColumn('direct', 'integer')
        .addColumn('updated_at', 'text', (c) => c.notNull()),
    key: { name: 'channel_settings_key', kind: 'primary', columns: ['platform', 'workspace', 'channel_id'] },
  },
  {
    table: 'reminder_states',
    columns: ['platform', 'channel_id', 'deadline_id', 'done_at', 'done_by', 'snoozed_until'],
    define: (t) =>
      t
        .addColumn('platform', 'text', (c) => c.notNull())
        .addColumn('channel_id', 'text', (c) => c.notNull())
        .addColumn('deadline_id', 'integer', (c) => c.notNull().references('deadlines.id').onDelete('cascade'))
        .addColumn('done_at', 'text')
        .addColumn('done_by', 'text')
        .addColumn('snoozed_until', 'text'),
    key: { name: 'reminder_states_key', kind: 'primary', columns: ['platform', 'workspace', 'channel_id', 'deadline_id'] },
  },
  {
    table: 'conversation_subjects',
    columns: ['platform', 'channel_id', 'user_id', 'subject', 'updated_at'],
    define: (t) =>
      t
        .addColumn('platform', 'text', (c) => c.notNull())
        .addColumn('channel_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull()),
    key: { name: 'conversation_subjects_key', kind: 'primary', columns: ['platform', 'workspace', 'channel_id', 'user_id'] },
  },
  {
    table: 'calendar_feeds',
    columns: ['platform', 'channel_id', 'feed_id', 'secret_hash', 'created_by', 'created_at'],
    define: (t) =>
      t
        .addColumn('platform', 'text', (c) => c.notNull())
        .addColumn('channel_id', 'text', (c) => c.notNull())
        .addColumn('feed_id', 'text', (c) => c.notNull().unique())
        .addColumn('secret_hash', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull()),
    key: { name: 'calendar_feeds_key', kind: 'primary', columns: ['platform', 'workspace', 'channel_id'] },
  },
];

/** SQLite cannot change a table's key: build the table anew with the same rows. */
async function rekeySqlite(db: AnyDb, r: Rekeyed): Promise<void> {
  const next = `${r.table}_next`;
  let t = r.define(db.schema.createTable(next)).addColumn('workspace', 'text', (c) => c.notNull().defaultTo(''));
  t = r.key.kind === 'primary' ? t.addPrimaryKeyConstraint(r.key.name, r.key.columns as never[]) : t.addUniqueConstraint(r.key.name, r.key.columns as never[]);
  await t.execute();
  const list = sql.join(r.columns.map((c) => sql.ref(c)));
  await sql`insert into ${sql.table(next)} (${list}) select ${list} from ${sql.table(r.table)}`.execute(db);
  await db.schema.dropTable(r.table).execute();
  await db.schema.alterTable(next).renameTo(r.table).execute();
  for (const index of r.indexes ?? []) await db.schema.createIndex(index.name).on(r.table).columns(index.columns).execute();
}

async function rekeyPostgres(db: AnyDb, r: Rekeyed): Promise<void> {
  await db.schema.alterTable(r.table).addColumn('workspace', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.alterTable(r.table).dropConstraint(r.key.name).execute();
  const add = db.schema.alterTable(r.table);
  await (r.key.kind === 'primary' ? add.addPrimaryKeyConstraint(r.key.name, r.key.columns) : add.addUniqueConstraint(r.key.name, r.key.columns)).execute();
}

export function slackWorkspaces(engine: Engine): Migration {
  return {
    async up(db: AnyDb) {
      for (const r of REKEYED) await (engine === 'sqlite' ? rekeySqlite(db, r) : rekeyPostgres(db, r));
      // Personal reminders and the outbox keep their ids and keys: the workspace is one more column.
      for (const table of ['reminders', 'outbox']) await db.schema.alterTable(table).addColumn('workspace', 'text', (c) => c.notNull().defaultTo('')).execute();
      await db.schema.createIndex('outbox_workspace').on('outbox').columns(['workspace', 'status']).execute();
      await db.schema.createIndex('subscriptions_workspace').on('subscriptions').columns(['platform', 'workspace']).execute();

      // One row per installation, as Bolt's InstallationStore hands it over (JSON), with the
      // columns it is found by; `workspace` is the key the rows above carry.
      await db.schema
        .createTable('slack_installations')
        .addColumn('workspace', 'text', (c) => c.primaryKey())
        .addColumn('team_id', 'text')
        .addColumn('enterprise_id', 'text')
        .addColumn('is_enterprise_install', 'integer', (c) => c.notNull())
        .addColumn('bot_user_id', 'text')
        .addColumn('installation', 'text', (c) => c.notNull())
        .addColumn('installed_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      // The OAuth states handed out by /slack/install, each good for one redirect.
      await db.schema
        .createTable('slack_oauth_states')
        .addColumn('nonce', 'text', (c) => c.primaryKey())
        .addColumn('install_options', 'text', (c) => c.notNull())
        .addColumn('issued_at', 'text', (c) => c.notNull())
        .execute();
    },
  };
}
