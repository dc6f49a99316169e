import type { ColumnType, Generated, RawBuilder } from 'kysely';

/** The Slack workspace a row belongs to (an installation's team or enterprise id); '' where there is none. */
type Workspace = ColumnType<string, string | undefined, string>;

/**
 * The tables, as Kysely sees them. Dates are ISO text ("2021-10-06"), times ISO
 * timestamps, lists JSON text, flags 0/1: the same on SQLite and PostgreSQL.
 */

export interface DocumentsTable {
  id: Generated<number>;
  /** The symbol, or for documents without one a key built from what they evaluate. */
  key: string;
  symbol: string | null;
  kind: string;
  committee: string | null;
  country: string | null;
  session: number | null;
  meeting: number | null;
  issued: string | null;
  held: string | null;
  title: string | null;
  chair: string | null;
  /** The chair's name compared without title, case or accents. */
  chair_key: string | null;
  /** "en", "fr", "es", "ar", "zh" or "ru"; null when the parser could not tell. */
  language: string | null;
  source: string;
  content_hash: string;
  raw_text: string;
  /** Structure a command renders as a whole: meeting details, observations, evaluation, headings, footnotes. */
  details: string;
  warnings: string;
  version: number;
  ingested_at: string;
}

export interface DocumentVersionsTable {
  id: Generated<number>;
  document_key: string;
  version: number;
  content_hash: string;
  source: string;
  ingested_at: string;
  replaced_at: string;
  /** What changed in the reissue, in words. */
  changes: string;
}

export interface ParagraphsTable {
  id: Generated<number>;
  document_id: number;
  position: number;
  number: number | null;
  speaker: string | null;
  speaker_key: string | null;
  text: string;
  line_from: number;
  line_to: number;
  /** PostgreSQL only: the text's search vector, written on insert, never read back. */
  tsv: ColumnType<never, RawBuilder<unknown> | undefined, never>;
  /** PostgreSQL only: the text search configuration of the paragraph's language, which made its vector. */
  ts_config: ColumnType<never, RawBuilder<unknown> | undefined, never>;
}

export interface InterventionsTable {
  id: Generated<number>;
  document_id: number;
  position: number;
  speaker: string;
  speaker_key: string;
  /** The last word of the key: "sosa" for Mr. Corzo Sosa, so a surname alone finds the speaker. */
  speaker_surname: string;
  role: string | null;
  phrase: string | null;
  /** JSON list of paragraph numbers (positions when unnumbered). */
  paragraphs: string;
  /** The meeting's date, copied from the document for ordering. */
  held: string | null;
}

export interface SpeakersTable {
  key: string;
  name: string;
  interventions: number;
}

export interface GradesTable {
  id: Generated<number>;
  document_id: number;
  committee: string | null;
  country: string | null;
  /** The concluding observations evaluated. */
  co_symbol: string | null;
  position: number;
  paragraph: number;
  subparagraphs: string;
  /** Null when the committee assesses in words with no letter. */
  grade: string | null;
  assessment: string | null;
  stated: string;
  requests: string;
  text: string;
  line_from: number;
  line_to: number;
  /** 'section', 'evaluation-line' or 'words'; null for rows stored before it was kept. */
  source: string | null;
}

/** A grade legend a follow-up report prints: what each letter means in that committee's period. */
export interface LegendsTable {
  id: Generated<number>;
  document_id: number;
  committee: string | null;
  issued: string | null;
  position: number;
  letter: string;
  label: string;
  meaning: string | null;
}

export interface DeadlinesTable {
  id: Generated<number>;
  /** Stable for deadlines that come from documents, so a re-read updates rather than duplicates. */
  key: string | null;
  document_id: number | null;
  symbol: string | null;
  committee: string | null;
  country: string | null;
  kind: string;
  title: string;
  due: string;
  basis: string;
  derived: number;
  met: string | null;
  days_late: number | null;
  source: string;
  created_by: string | null;
  created_at: string;
}

export interface SeenEventsTable {
  /** "slack:Ev0123", "teams:activity-id". */
  key: string;
  seen_at: string;
}

export interface ConversationsTable {
  id: Generated<number>;
  platform: string;
  conversation_id: string;
  name: string | null;
  /** The platform's own reference (JSON), enough to post into the conversation later. */
  reference: string;
  updated_at: string;
}

export interface SubscriptionsTable {
  workspace: Workspace;
  id: Generated<number>;
  platform: string;
  channel_id: string;
  /** 'country' (ISO alpha-3) or 'committee' (CMW, CCPR ...). */
  kind: string;
  value: string;
  created_by: string;
  created_at: string;
}

export interface ChannelSettingsTable {
  workspace: Workspace;
  platform: string;
  channel_id: string;
  time_zone: string | null;
  /** JSON list of days before a due date to remind, e.g. [30, 7, 1, 0]. */
  reminder_days: string | null;
  /** JSON digest settings, or null when off. */
  digest: string | null;
  last_digest_at: string | null;
  /** JSON working days, hours and holidays, or null for the defaults. */
  working_time: string | null;
  /** A person's mute of their direct message: nothing unprompted before this instant. */
  muted_until: string | null;
  /** 1 when the conversation is a direct message, 0 when not, null when not known. */
  direct: number | null;
  updated_at: string;
}

export interface CalendarFeedsTable {
  workspace: Workspace;
  platform: string;
  channel_id: string;
  /** The public half of a feed's token, to find the row. */
  feed_id: string;
  /** SHA-256 of the secret half, hex: the secret itself is never stored. */
  secret_hash: string;
  created_by: string;
  created_at: string;
}

export interface ReminderStatesTable {
  workspace: Workspace;
  platform: string;
  channel_id: string;
  deadline_id: number;
  done_at: string | null;
  done_by: string | null;
  snoozed_until: string | null;
}

export interface RemindersTable {
  workspace: Workspace;
  id: Generated<number>;
  platform: string;
  channel_id: string;
  thread_id: string | null;
  text: string;
  /** ISO instant. */
  due_at: string;
  /** 'pending', 'sent' or 'cancelled'. */
  status: string;
  created_by: string;
  created_at: string;
}

export interface OutboxTable {
  workspace: Workspace;
  id: Generated<number>;
  /** What the message is, so that the same message is never queued twice: "reminder-12-7-slack-C1". */
  key: string;
  platform: string;
  channel_id: string;
  thread_id: string | null;
  /** A reply in the thread of this outbox message (a digest's details under its counts): posted once the parent is, under its message id. */
  parent_id: ColumnType<number | null, number | null | undefined, number | null>;
  /** The Reply, as JSON. */
  reply: string;
  /** 'pending', 'sending' (handed to the platform, outcome unknown), 'sent' or 'failed'. */
  status: string;
  message_id: string | null;
  attempts: number;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
  /** When it was first handed to the platform: where a look-up for it starts. */
  sending_at: string | null;
}

/** What a conversation was last about, so "and 60?" continues it; JSON the core reads. */
export interface ConversationSubjectsTable {
  workspace: Workspace;
  platform: string;
  channel_id: string;
  user_id: string;
  subject: string;
  updated_at: string;
}

/** A symbol the watch asks the UN's hosts for: predicted from the store, or added by an admin. */
export interface WatchItemsTable {
  symbol: string;
  reason: string;
  why: string;
  /** "predicted" items come and go with the predictions; "manual" ones stay until removed or found. */
  origin: string;
  added_by: string | null;
  added_at: string;
  every_hours: number;
  until: string | null;
  last_checked_at: string | null;
  /** "not-published", "found", "unchanged", "updated" or the error's words. */
  last_outcome: string | null;
  next_check_at: string;
  failures: number;
  found_at: string | null;
}

/** What the watch has asked of each host: kept so a restart or a lost Redis keeps to the same limits. */
export interface WatchHostsTable {
  host: string;
  day: string;
  requests: number;
  failures: number;
  paused_until: string | null;
  last_request_at: string | null;
  last_error: string | null;
}

/** A Slack installation as Bolt's InstallationStore gives it (JSON), found by its workspace key. */
export interface SlackInstallationsTable {
  workspace: string;
  team_id: string | null;
  enterprise_id: string | null;
  is_enterprise_install: number;
  bot_user_id: string | null;
  installation: string;
  installed_at: string;
  updated_at: string;
}

/** An OAuth state handed out by /slack/install, consumed by the one redirect it was for. */
export interface SlackOauthStatesTable {
  nonce: string;
  install_options: string;
  issued_at: string;
}

export interface Database {
  documents: DocumentsTable;
  document_versions: DocumentVersionsTable;
  paragraphs: ParagraphsTable;
  interventions: InterventionsTable;
  grades: GradesTable;
  legends: LegendsTable;
  deadlines: DeadlinesTable;
  seen_events: SeenEventsTable;
  conversations: ConversationsTable;
  subscriptions: SubscriptionsTable;
  channel_settings: ChannelSettingsTable;
  reminder_states: ReminderStatesTable;
  reminders: RemindersTable;
  outbox: OutboxTable;
  speakers: SpeakersTable;
  conversation_subjects: ConversationSubjectsTable;
  watch_items: WatchItemsTable;
  watch_hosts: WatchHostsTable;
  calendar_feeds: CalendarFeedsTable;
  slack_installations: SlackInstallationsTable;
  slack_oauth_states: SlackOauthStatesTable;
}

export type Engine = 'sqlite' | 'postgres';
