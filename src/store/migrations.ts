import { sql, type ColumnDefinitionBuilder, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { detectLanguage } from '../documents/language.js';
import { textSearchConfig } from './search/postgres.js';
import { foldAccents } from './search/terms.js';
import type { Engine } from './tables.js';
import { slackWorkspaces } from './workspaceMigration.js';

/**
 * One schema for both engines. Kysely's schema builder writes the common part; the
 * full-text index is the one place each engine has its own SQL.
 */

/** Migrations describe tables that do not exist yet, so they cannot be typed by them. */
type AnyDb = Kysely<any>;

function idColumn(engine: Engine) {
  return engine === 'sqlite' ? ('integer' as const) : ('serial' as const);
}

/** The id column's constraints: SQLite needs AUTOINCREMENT spelled out, PostgreSQL's serial has it. */
function primaryKey(engine: Engine) {
  return (c: ColumnDefinitionBuilder) => (engine === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey());
}

function initial(engine: Engine): Migration {
  const id = idColumn(engine);
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('documents')
        .addColumn('id', id, primaryKey(engine))
        .addColumn('key', 'text', (c) => c.notNull().unique())
        .addColumn('symbol', 'text')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('committee', 'text')
        .addColumn('country', 'text')
        .addColumn('session', 'integer')
        .addColumn('meeting', 'integer')
        .addColumn('issued', 'text')
        .addColumn('held', 'text')
        .addColumn('title', 'text')
        .addColumn('chair', 'text')
        .addColumn('chair_key', 'text')
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('content_hash', 'text', (c) => c.notNull())
        .addColumn('raw_text', 'text', (c) => c.notNull())
        .addColumn('details', 'text', (c) => c.notNull())
        .addColumn('warnings', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('ingested_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('documents_symbol').on('documents').column('symbol').execute();
      await db.schema.createIndex('documents_country').on('documents').columns(['country', 'kind']).execute();
      await db.schema.createIndex('documents_meeting').on('documents').columns(['meeting', 'committee']).execute();
      await db.schema.createIndex('documents_hash').on('documents').column('content_hash').execute();
      await db.schema.createIndex('documents_chair').on('documents').column('chair_key').execute();

      await db.schema
        .createTable('document_versions')
        .addColumn('id', id, primaryKey(engine))
        .addColumn('document_key', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('content_hash', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('ingested_at', 'text', (c) => c.notNull())
        .addColumn('replaced_at', 'text', (c) => c.notNull())
        .addColumn('changes', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('document_versions_key').on('document_versions').column('document_key').execute();

      const child = (name: string) =>
        db.schema
          .createTable(name)
          .addColumn('id', id, primaryKey(engine))
          .addColumn('document_id', 'integer', (c) => c.notNull().references('documents.id').onDelete('cascade'));

      await child('paragraphs')
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('number', 'integer')
        .addColumn('speaker', 'text')
        .addColumn('speaker_key', 'text')
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('line_from', 'integer', (c) => c.notNull())
        .addColumn('line_to', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('paragraphs_document').on('paragraphs').columns(['document_id', 'position']).execute();

      await child('interventions')
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('speaker', 'text', (c) => c.notNull())
        .addColumn('speaker_key', 'text', (c) => c.notNull())
        .addColumn('speaker_surname', 'text', (c) => c.notNull())
        .addColumn('role', 'text')
        .addColumn('phrase', 'text')
        .addColumn('paragraphs', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('interventions_speaker').on('interventions').columns(['speaker_key', 'document_id']).execute();
      await db.schema.createIndex('interventions_surname').on('interventions').columns(['speaker_surname', 'document_id']).execute();
      await db.schema.createIndex('interventions_document').on('interventions').columns(['document_id', 'position']).execute();

      await child('recommendations')
        .addColumn('paragraph', 'integer', (c) => c.notNull())
        .addColumn('subject', 'text')
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('subparagraphs', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('recommendations_document').on('recommendations').columns(['document_id', 'paragraph']).execute();

      await child('grades')
        .addColumn('committee', 'text')
        .addColumn('country', 'text')
        .addColumn('co_symbol', 'text')
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('paragraph', 'integer', (c) => c.notNull())
        .addColumn('subparagraphs', 'text', (c) => c.notNull())
        .addColumn('grade', 'text', (c) => c.notNull())
        .addColumn('assessment', 'text')
        .addColumn('stated', 'text', (c) => c.notNull())
        .addColumn('requests', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('line_from', 'integer', (c) => c.notNull())
        .addColumn('line_to', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('grades_country').on('grades').columns(['country', 'paragraph']).execute();
      await db.schema.createIndex('grades_document').on('grades').column('document_id').execute();

      await db.schema
        .createTable('deadlines')
        .addColumn('id', id, primaryKey(engine))
        .addColumn('key', 'text', (c) => c.unique())
        .addColumn('document_id', 'integer', (c) => c.references('documents.id').onDelete('set null'))
        .addColumn('symbol', 'text')
        .addColumn('committee', 'text')
        .addColumn('country', 'text')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('due', 'text', (c) => c.notNull())
        .addColumn('basis', 'text', (c) => c.notNull())
        .addColumn('derived', 'integer', (c) => c.notNull())
        .addColumn('met', 'text')
        .addColumn('days_late', 'integer')
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('deadlines_due').on('deadlines').columns(['due']).execute();
      await db.schema.createIndex('deadlines_country').on('deadlines').columns(['country', 'due']).execute();

      if (engine === 'sqlite') {
        // External-content FTS5 kept in step with paragraphs by triggers; diacritics folded.
        await sql`create virtual table paragraphs_fts using fts5(text, content='paragraphs', content_rowid='id', tokenize='unicode61 remove_diacritics 2')`.execute(db);
        await sql`create trigger paragraphs_ai after insert on paragraphs begin insert into paragraphs_fts(rowid, text) values (new.id, new.text); end`.execute(db);
        await sql`create trigger paragraphs_ad after delete on paragraphs begin insert into paragraphs_fts(paragraphs_fts, rowid, text) values ('delete', old.id, old.text); end`.execute(db);
      } else {
        // Filled by the store from text with accents folded, as SQLite's tokenizer folds them.
        await sql`alter table paragraphs add column tsv tsvector`.execute(db);
        await sql`create index paragraphs_tsv on paragraphs using gin (tsv)`.execute(db);
      }
    },
  };
}

/** What the chat doors need: events already answered, and where to post unprompted. */
function doors(engine: Engine): Migration {
  const id = idColumn(engine);
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('seen_events')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('seen_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('seen_events_at').on('seen_events').column('seen_at').execute();
      await db.schema
        .createTable('conversations')
        .addColumn('id', id, primaryKey(engine))
        .addColumn('platform', 'text', (c) => c.notNull())
        .addColumn('conversation_id', 'text', (c) => c.notNull())
        .addColumn('name', 'text')
        .addColumn('reference', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('conversations_key', ['platform', 'conversation_id'])
        .execute();
    },
  };
}

/** What the bot says unprompted: who follows what, reminders, digests and the outbox. */
function schedules(engine: Engine): Migration {
  const id = idColumn(engine);
  const primary = primaryKey(engine);
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('subscriptions')
        .addColumn('id', id, primary)
        .addColumn('platform', 'text', (c) => c.notNull())
        .addColumn('channel_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('subscriptions_key', ['platform', 'channel_id', 'kind', 'value'])
        .execute();
      await db.schema.createIndex('subscriptions_value').on('subscriptions').columns(['kind', 'value']).execute();

      await db.schema
        .createTable('channel_settings')
        .addColumn('platform', 'text', (c) => c.notNull())
        .addColumn('channel_id', 'text', (c) => c.notNull())
        .addColumn('time_zone', 'text')
        .addColumn('reminder_days', 'text')
        .addColumn('digest', 'text')
        .addColumn('last_digest_at', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('channel_settings_key', ['platform', 'channel_id'])
        .execute();

      await db.schema
        .createTable('reminder_states')
        .addColumn('platform', 'text', (c) => c.notNull())
        .addColumn('channel_id', 'text', (c) => c.notNull())
        .addColumn('deadline_id', 'integer', (c) => c.notNull().references('deadlines.id').onDelete('cascade'))
        .addColumn('done_at', 'text')
        .addColumn('done_by', 'text')
        .addColumn('snoozed_until', 'text')
        .addPrimaryKeyConstraint('reminder_states_key', ['platform', 'channel_id', 'deadline_id'])
        .execute();

      await db.schema
        .createTable('reminders')
        .addColumn('id', id, primary)
        .addColumn('platform', 'text', (c) => c.notNull())
        .addColumn('channel_id', 'text', (c) => c.notNull())
        .addColumn('thread_id', 'text')
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('due_at', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('reminders_status').on('reminders').columns(['status', 'due_at']).execute();

      await db.schema
        .createTable('outbox')
        .addColumn('id', id, primary)
        .addColumn('key', 'text', (c) => c.notNull().unique())
        .addColumn('platform', 'text', (c) => c.notNull())
        .addColumn('channel_id', 'text', (c) => c.notNull())
        .addColumn('thread_id', 'text')
        .addColumn('reply', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('message_id', 'text')
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('last_error', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('sent_at', 'text')
        .execute();
      await db.schema.createIndex('outbox_status').on('outbox').columns(['status', 'id']).execute();
    },
  };
}

/** Measured at 10^5–10^6 paragraphs: what made status, speaker and name look-ups grow with the corpus. */
function lookups(): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema.createIndex('deadlines_symbol').on('deadlines').columns(['symbol', 'due']).execute();
      // Everyone who has spoken, with how often: the names a question is matched against.
      await db.schema
        .createTable('speakers')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('interventions', 'integer', (c) => c.notNull())
        .execute();
      await sql`insert into speakers (key, name, interventions) select speaker_key, max(speaker), count(*) from interventions group by speaker_key`.execute(db);
      // The meeting's date on each intervention, so "newest first" reads a few index entries, not every intervention.
      await db.schema.alterTable('interventions').addColumn('held', 'text').execute();
      await sql`update interventions set held = (select d.held from documents d where d.id = interventions.document_id)`.execute(db);
      await db.schema.dropIndex('interventions_speaker').execute();
      await db.schema.dropIndex('interventions_surname').execute();
      await db.schema.createIndex('interventions_speaker_held').on('interventions').expression(sql`speaker_key, held desc, document_id desc, position`).execute();
      await db.schema.createIndex('interventions_surname_held').on('interventions').expression(sql`speaker_surname, held desc, document_id desc, position`).execute();
    },
  };
}

/**
 * Follow-up read from every committee: a grade may have no letter (CAT assesses in words), a
 * grade says where it was read, and the grade legends reports print are kept, per document.
 */
function followUp(engine: Engine): Migration {
  return {
    async up(db: AnyDb) {
      if (engine === 'sqlite') {
        // SQLite cannot drop a NOT NULL: rebuild the table with the same rows.
        await db.schema
          .createTable('grades_next')
          .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
          .addColumn('document_id', 'integer', (c) => c.notNull().references('documents.id').onDelete('cascade'))
          .addColumn('committee', 'text')
          .addColumn('country', 'text')
          .addColumn('co_symbol', 'text')
          .addColumn('position', 'integer', (c) => c.notNull())
          .addColumn('paragraph', 'integer', (c) => c.notNull())
          .addColumn('subparagraphs', 'text', (c) => c.notNull())
          .addColumn('grade', 'text')
          .addColumn('assessment', 'text')
          .addColumn('stated', 'text', (c) => c.notNull())
          .addColumn('requests', 'text', (c) => c.notNull())
          .addColumn('text', 'text', (c) => c.notNull())
          .addColumn('line_from', 'integer', (c) => c.notNull())
          .addColumn('line_to', 'integer', (c) => c.notNull())
          .addColumn('source', 'text')
          .execute();
        await sql`insert into grades_next (id, document_id, committee, country, co_symbol, position, paragraph, subparagraphs, grade, assessment, stated, requests, text, line_from, line_to)
          select id, document_id, committee, country, co_symbol, position, paragraph, subparagraphs, grade, assessment, stated, requests, text, line_from, line_to from grades`.execute(db);
        await db.schema.dropTable('grades').execute();
        await db.schema.alterTable('grades_next').renameTo('grades').execute();
        await db.schema.createIndex('grades_country').on('grades').columns(['country', 'paragraph']).execute();
        await db.schema.createIndex('grades_document').on('grades').column('document_id').execute();
      } else {
        await db.schema.alterTable('grades').alterColumn('grade', (c) => c.dropNotNull()).execute();
        await db.schema.alterTable('grades').addColumn('source', 'text').execute();
      }
      await db.schema
        .createTable('legends')
        .addColumn('id', idColumn(engine), primaryKey(engine))
        .addColumn('document_id', 'integer', (c) => c.notNull().references('documents.id').onDelete('cascade'))
        .addColumn('committee', 'text')
        .addColumn('issued', 'text')
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('letter', 'text', (c) => c.notNull())
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('meaning', 'text')
        .execute();
      await db.schema.createIndex('legends_committee').on('legends').columns(['committee', 'issued']).execute();
      await db.schema.createIndex('legends_document').on('legends').column('document_id').execute();
    },
  };
}

/** The recommendations table was written on every ingest and never read. */
function dropRecommendations(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.dropTable('recommendations').ifExists().execute();
    },
  };
}

/** What each conversation is about ("and 60?" after a status answer), one row per person and conversation. */
function conversationSubjects(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('conversation_subjects')
        .addColumn('platform', 'text', (c) => c.notNull())
        .addColumn('channel_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('conversation_subjects_key', ['platform', 'channel_id', 'user_id'])
        .execute();
    },
  };
}

/** The language each document is written in, so that search and answers can tell a French record from an English one. */
function documentLanguage(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('documents').addColumn('language', 'text').execute();
    },
  };
}

/** The watch: what it asks the UN's hosts for, and what it has asked of each host. */
function watch(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('watch_items')
        .addColumn('symbol', 'text', (c) => c.primaryKey())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('why', 'text', (c) => c.notNull())
        .addColumn('origin', 'text', (c) => c.notNull())
        .addColumn('added_by', 'text')
        .addColumn('added_at', 'text', (c) => c.notNull())
        .addColumn('every_hours', 'integer', (c) => c.notNull())
        .addColumn('until', 'text')
        .addColumn('last_checked_at', 'text')
        .addColumn('last_outcome', 'text')
        .addColumn('next_check_at', 'text', (c) => c.notNull())
        .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('found_at', 'text')
        .execute();
      await db.schema.createIndex('watch_items_due').on('watch_items').columns(['found_at', 'next_check_at']).execute();
      await db.schema
        .createTable('watch_hosts')
        .addColumn('host', 'text', (c) => c.primaryKey())
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('requests', 'integer', (c) => c.notNull())
        .addColumn('failures', 'integer', (c) => c.notNull())
        .addColumn('paused_until', 'text')
        .addColumn('last_request_at', 'text')
        .addColumn('last_error', 'text')
        .execute();
    },
  };
}

/** Rows read at a time when a migration goes over every document or paragraph. */
const BATCH = 200;

/**
 * Search in each document's language. Documents stored before their language was read are
 * told it now (from their text, as the parser tells it); on PostgreSQL each paragraph keeps
 * the text search configuration that made its vector, and the paragraphs of documents not in
 * English, all indexed in English until now, are indexed again in their own.
 */
function searchLanguages(engine: Engine): Migration {
  return {
    async up(db: AnyDb) {
      for (let after = 0; ; ) {
        const rows: Array<{ id: number; raw_text: string }> = await db.selectFrom('documents').select(['id', 'raw_text']).where('language', 'is', null).where('id', '>', after).orderBy('id').limit(BATCH).execute();
        if (rows.length === 0) break;
        for (const row of rows) {
          const language = detectLanguage(row.raw_text);
          if (language) await db.updateTable('documents').set({ language }).where('id', '=', row.id).execute();
        }
        after = rows.at(-1)!.id;
      }
      if (engine !== 'postgres') return;
      await sql`alter table paragraphs add column ts_config regconfig not null default 'english'`.execute(db);
      await sql`alter table paragraphs alter column ts_config drop default`.execute(db);
      const documents: Array<{ id: number; language: string | null }> = await db
        .selectFrom('documents')
        .select(['id', 'language'])
        .where((eb) => eb.or([eb('language', 'is', null), eb('language', '!=', 'en')]))
        .execute();
      for (const doc of documents) {
        const config = textSearchConfig(doc.language);
        for (let after = 0; ; ) {
          const rows: Array<{ id: number; text: string }> = await db.selectFrom('paragraphs').select(['id', 'text']).where('document_id', '=', doc.id).where('id', '>', after).orderBy('id').limit(BATCH).execute();
          if (rows.length === 0) break;
          const ids = rows.map((r) => r.id);
          const texts = rows.map((r) => foldAccents(r.text));
          await sql`update paragraphs p set tsv = to_tsvector(${sql.lit(config)}::regconfig, u.t), ts_config = ${sql.lit(config)}::regconfig
            from unnest(${ids}::int[], ${texts}::text[]) as u(id, t) where p.id = u.id`.execute(db);
          after = rows.at(-1)!.id;
        }
      }
    },
  };
}

/**
 * When and where the bot speaks unprompted: each conversation's working time and a person's
 * mute (settings), whether it is a direct message (a digest there is one message, not a
 * thread), the digest's thread replies (an outbox message posted under another), and the
 * private calendar feed of a conversation's deadlines (its secret kept only as a hash).
 */
function whenAndWhere(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('channel_settings').addColumn('working_time', 'text').execute();
      await db.schema.alterTable('channel_settings').addColumn('muted_until', 'text').execute();
      await db.schema.alterTable('channel_settings').addColumn('direct', 'integer').execute();
      await db.schema.alterTable('outbox').addColumn('parent_id', 'integer').execute();
      await db.schema
        .createTable('calendar_feeds')
        .addColumn('platform', 'text', (c) => c.notNull())
        .addColumn('channel_id', 'text', (c) => c.notNull())
        .addColumn('feed_id', 'text', (c) => c.notNull().unique())
        .addColumn('secret_hash', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('calendar_feeds_key', ['platform', 'channel_id'])
        .execute();
    },
  };
}

/**
 * When an outbox message was handed to its platform: set just before the one call that posts
 * it, so a crash leaves it "sending" (uncertain) and the next attempt first looks for it.
 */
function outboxSending(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('outbox').addColumn('sending_at', 'text').execute();
    },
  };
}

export function migrations(engine: Engine): MigrationProvider {
  return {
    async getMigrations() {
      return { '0001_initial': initial(engine), '0002_doors': doors(engine), '0003_schedules': schedules(engine), '0004_lookups': lookups(), '0005_follow_up': followUp(engine), '0006_drop_recommendations': dropRecommendations(), '0007_conversation_subjects': conversationSubjects(), '0008_document_language': documentLanguage(), '0009_watch': watch(), '0010_search_languages': searchLanguages(engine), '0011_when_and_where': whenAndWhere(), '0012_outbox_sending': outboxSending(), '0013_slack_workspaces': slackWorkspaces(engine) };
    },
  };
}
