import { sql, type Kysely, type Selectable } from 'kysely';
import type { Channel, Destination, DigestSettings, PersonalReminder, Platform } from '../domain/conversations.js';
import type { StoredDeadline } from './records.js';
import { rowToDeadline } from './rows.js';
import type { ChannelSettingsTable, Database, OutboxTable, RemindersTable, SubscriptionsTable } from './tables.js';

/**
 * What conversations asked of the bot (follows, settings, personal reminders) and what it owes
 * them (the outbox), kept in the store (the source of truth): Redis holds
 * only the queue, and can always be rebuilt from here.
 */

export interface Subscription extends Channel {
  id: number;
  kind: 'country' | 'committee';
  value: string;
  createdBy: string;
  /** When the conversation began following: a deadline already past then is owed one notice, not weekly ones. */
  createdAt: string;
}

export interface ChannelSettings extends Channel {
  timeZone: string | null;
  reminderDays: number[] | null;
  digest: DigestSettings | null;
  lastDigestAt: string | null;
}

export interface ReminderState {
  doneAt: string | null;
  doneBy: string | null;
  snoozedUntil: string | null;
}

export interface OutboxMessage {
  id: number;
  key: string;
  destination: Destination;
  /** What to send, as the job that wrote it gave it: the store keeps it without reading it. */
  payload: unknown;
  status: 'pending' | 'sent' | 'failed';
  messageId: string | null;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

/** The workspace column of a conversation: '' where the platform has none. */
const ws = (channel: Channel): string => channel.workspace ?? '';

/** A row's conversation, with its workspace when it has one. */
function rowChannel(r: { platform: string; channel_id: string; workspace: string }): Channel {
  return { platform: r.platform as Platform, channelId: r.channel_id, ...(r.workspace ? { workspace: r.workspace } : {}) };
}

/**
 * Outbox keys name what a message is ("digest:slack:C1:2026-12-01"); the same message to the
 * same channel id in another workspace is another message.
 */
const outboxKey = (key: string, destination: Destination): string => (destination.workspace ? `${key}@${destination.workspace}` : key);

function toSubscription(r: Selectable<SubscriptionsTable>): Subscription {
  return { id: r.id, ...rowChannel(r), kind: r.kind as Subscription['kind'], value: r.value, createdBy: r.created_by, createdAt: r.created_at };
}

function toReminder(r: Selectable<RemindersTable>): PersonalReminder {
  return { id: r.id, ...rowChannel(r), threadId: r.thread_id, text: r.text, dueAt: r.due_at, status: r.status as PersonalReminder['status'], createdBy: r.created_by };
}

/** A conversation's settings; a conversation with no row has none of its own. */
function toSettings(channel: Channel, r: Selectable<ChannelSettingsTable> | undefined): ChannelSettings {
  return {
    ...channel,
    timeZone: r?.time_zone ?? null,
    reminderDays: r?.reminder_days ? (JSON.parse(r.reminder_days) as number[]) : null,
    digest: r?.digest ? (JSON.parse(r.digest) as DigestSettings) : null,
    lastDigestAt: r?.last_digest_at ?? null,
  };
}

function toOutbox(r: Selectable<OutboxTable>): OutboxMessage {
  return {
    id: r.id,
    key: r.workspace && r.key.endsWith(`@${r.workspace}`) ? r.key.slice(0, -(r.workspace.length + 1)) : r.key,
    destination: { ...rowChannel(r), ...(r.thread_id ? { threadId: r.thread_id } : {}) },
    payload: JSON.parse(r.reply) as unknown,
    status: r.status as OutboxMessage['status'],
    messageId: r.message_id,
    attempts: r.attempts,
    lastError: r.last_error,
    createdAt: r.created_at,
    sentAt: r.sent_at,
  };
}

export class Conversations {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => Date,
  ) {}

  // Subscriptions

  async follow(channel: Channel, kind: Subscription['kind'], value: string, by: string): Promise<boolean> {
    const result = await this.db
      .insertInto('subscriptions')
      .values({ platform: channel.platform, workspace: ws(channel), channel_id: channel.channelId, kind, value, created_by: by, created_at: this.now().toISOString() })
      .onConflict((oc) => oc.columns(['platform', 'workspace', 'channel_id', 'kind', 'value']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
  }

  async unfollow(channel: Channel, kind: Subscription['kind'], value: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('subscriptions')
      .where('platform', '=', channel.platform)
      .where('workspace', '=', ws(channel))
      .where('channel_id', '=', channel.channelId)
      .where('kind', '=', kind)
      .where('value', '=', value)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async subscriptions(channel?: Channel): Promise<Subscription[]> {
    let q = this.db.selectFrom('subscriptions').selectAll();
    if (channel) q = q.where('platform', '=', channel.platform).where('workspace', '=', ws(channel)).where('channel_id', '=', channel.channelId);
    const rows = await q.orderBy('platform').orderBy('workspace').orderBy('channel_id').orderBy('kind').orderBy('value').execute();
    return rows.map(toSubscription);
  }

  /** What a person asked to follow, anywhere on their platform (in their workspace, where it has several). */
  async subscriptionsBy(platform: Platform, userId: string, workspace?: string): Promise<Subscription[]> {
    const rows = await this.db
      .selectFrom('subscriptions')
      .selectAll()
      .where('platform', '=', platform)
      .where('workspace', '=', workspace ?? '')
      .where('created_by', '=', userId)
      .orderBy('kind')
      .orderBy('value')
      .execute();
    return rows.map(toSubscription);
  }

  /** Subscriptions to a State party or a committee. */
  private subscribedTo(country: string | null, committee: string | null) {
    return this.db
      .selectFrom('subscriptions')
      .where((eb) => eb.or([eb.and([eb('kind', '=', 'country'), eb('value', '=', country ?? '')]), eb.and([eb('kind', '=', 'committee'), eb('value', '=', committee ?? '')])]));
  }

  /** Channels that follow a State party or a committee. */
  async followers(country: string | null, committee: string | null): Promise<Channel[]> {
    const rows = await this.subscribedTo(country, committee)
      .select(['platform', 'workspace', 'channel_id'])
      .distinct()
      .orderBy('platform')
      .orderBy('workspace')
      .orderBy('channel_id')
      .execute();
    return rows.map(rowChannel);
  }

  /** Whether a channel follows the State party or committee a deadline is about. */
  async follows(channel: Channel, about: { country: string | null; committee: string | null }): Promise<boolean> {
    const row = await this.subscribedTo(about.country, about.committee)
      .select('id')
      .where('platform', '=', channel.platform)
      .where('workspace', '=', ws(channel))
      .where('channel_id', '=', channel.channelId)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Open deadlines about what a channel follows. */
  async deadlinesFollowed(channel: Channel): Promise<StoredDeadline[]> {
    const subs = await this.subscriptions(channel);
    const countries = subs.filter((s) => s.kind === 'country').map((s) => s.value);
    const committees = subs.filter((s) => s.kind === 'committee').map((s) => s.value);
    if (countries.length === 0 && committees.length === 0) return [];
    const rows = await this.db
      .selectFrom('deadlines')
      .selectAll()
      .where('met', 'is', null)
      .where((eb) => eb.or([...(countries.length ? [eb('country', 'in', countries)] : []), ...(committees.length ? [eb('committee', 'in', committees)] : [])]))
      .orderBy('due')
      .execute();
    return rows.map(rowToDeadline);
  }

  // Channel settings

  async settings(channel: Channel): Promise<ChannelSettings> {
    const r = await this.db
      .selectFrom('channel_settings')
      .selectAll()
      .where('platform', '=', channel.platform)
      .where('workspace', '=', ws(channel))
      .where('channel_id', '=', channel.channelId)
      .executeTakeFirst();
    return toSettings(channel, r);
  }

  async updateSettings(channel: Channel, change: Partial<Pick<ChannelSettings, 'timeZone' | 'reminderDays' | 'digest' | 'lastDigestAt'>>): Promise<ChannelSettings> {
    const current = await this.settings(channel);
    const next = { ...current, ...change };
    const row = {
      platform: channel.platform,
      workspace: ws(channel),
      channel_id: channel.channelId,
      time_zone: next.timeZone,
      reminder_days: next.reminderDays ? JSON.stringify(next.reminderDays) : null,
      digest: next.digest ? JSON.stringify(next.digest) : null,
      last_digest_at: next.lastDigestAt,
      updated_at: this.now().toISOString(),
    };
    await this.db
      .insertInto('channel_settings')
      .values(row)
      .onConflict((oc) => oc.columns(['platform', 'workspace', 'channel_id']).doUpdateSet({ time_zone: row.time_zone, reminder_days: row.reminder_days, digest: row.digest, last_digest_at: row.last_digest_at, updated_at: row.updated_at }))
      .execute();
    return next;
  }

  async channelsWithDigests(): Promise<ChannelSettings[]> {
    const rows = await this.db.selectFrom('channel_settings').selectAll().where('digest', 'is not', null).execute();
    return rows.map((r) => toSettings(rowChannel(r), r));
  }

  // What a person's conversation is about, for questions that continue it

  /** The subject saved for this person in this conversation at or after `since`, else null. */
  async subject(channel: Channel, userId: string, since: string): Promise<unknown> {
    const r = await this.db
      .selectFrom('conversation_subjects')
      .select(['subject', 'updated_at'])
      .where('platform', '=', channel.platform)
      .where('workspace', '=', ws(channel))
      .where('channel_id', '=', channel.channelId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return r && r.updated_at >= since ? (JSON.parse(r.subject) as unknown) : null;
  }

  async saveSubject(channel: Channel, userId: string, subject: unknown): Promise<void> {
    const row = { platform: channel.platform, workspace: ws(channel), channel_id: channel.channelId, user_id: userId, subject: JSON.stringify(subject), updated_at: this.now().toISOString() };
    await this.db
      .insertInto('conversation_subjects')
      .values(row)
      .onConflict((oc) => oc.columns(['platform', 'workspace', 'channel_id', 'user_id']).doUpdateSet({ subject: row.subject, updated_at: row.updated_at }))
      .execute();
  }

  // Reminder state per channel and deadline

  async reminderState(channel: Channel, deadlineId: number): Promise<ReminderState> {
    const r = await this.db
      .selectFrom('reminder_states')
      .selectAll()
      .where('platform', '=', channel.platform)
      .where('workspace', '=', ws(channel))
      .where('channel_id', '=', channel.channelId)
      .where('deadline_id', '=', deadlineId)
      .executeTakeFirst();
    return { doneAt: r?.done_at ?? null, doneBy: r?.done_by ?? null, snoozedUntil: r?.snoozed_until ?? null };
  }

  async setReminderState(channel: Channel, deadlineId: number, state: ReminderState): Promise<void> {
    const row = { platform: channel.platform, workspace: ws(channel), channel_id: channel.channelId, deadline_id: deadlineId, done_at: state.doneAt, done_by: state.doneBy, snoozed_until: state.snoozedUntil };
    await this.db
      .insertInto('reminder_states')
      .values(row)
      .onConflict((oc) => oc.columns(['platform', 'workspace', 'channel_id', 'deadline_id']).doUpdateSet({ done_at: row.done_at, done_by: row.done_by, snoozed_until: row.snoozed_until }))
      .execute();
  }

  // Personal reminders ("remind me in 2 weeks ...")

  async addReminder(input: Omit<PersonalReminder, 'id' | 'status'>): Promise<PersonalReminder> {
    const row = await this.db
      .insertInto('reminders')
      .values({ platform: input.platform, workspace: ws(input), channel_id: input.channelId, thread_id: input.threadId, text: input.text, due_at: input.dueAt, status: 'pending', created_by: input.createdBy, created_at: this.now().toISOString() })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { ...input, id: row.id, status: 'pending' };
  }

  async reminders(filter: { status?: PersonalReminder['status']; channel?: Channel } = {}): Promise<PersonalReminder[]> {
    let q = this.db.selectFrom('reminders').selectAll();
    if (filter.status) q = q.where('status', '=', filter.status);
    if (filter.channel) q = q.where('platform', '=', filter.channel.platform).where('workspace', '=', ws(filter.channel)).where('channel_id', '=', filter.channel.channelId);
    const rows = await q.orderBy('due_at').execute();
    return rows.map(toReminder);
  }

  async reminder(id: number): Promise<PersonalReminder | null> {
    const r = await this.db.selectFrom('reminders').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? toReminder(r) : null;
  }

  async setReminderStatus(id: number, status: PersonalReminder['status'], dueAt?: string): Promise<void> {
    await this.db.updateTable('reminders').set({ status, ...(dueAt ? { due_at: dueAt } : {}) }).where('id', '=', id).execute();
  }

  // Outbox: every message the bot sends unprompted, once

  /** Queues a message; a message with the same key already queued or sent is returned as it is. */
  async enqueue(key: string, destination: Destination, payload: unknown): Promise<OutboxMessage> {
    const stored = outboxKey(key, destination);
    await this.db
      .insertInto('outbox')
      .values({
        key: stored,
        platform: destination.platform,
        workspace: ws(destination),
        channel_id: destination.channelId,
        thread_id: destination.threadId ?? null,
        reply: JSON.stringify(payload),
        status: 'pending',
        message_id: null,
        attempts: 0,
        last_error: null,
        created_at: this.now().toISOString(),
        sent_at: null,
      })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    return toOutbox(await this.db.selectFrom('outbox').selectAll().where('key', '=', stored).executeTakeFirstOrThrow());
  }

  async outboxMessage(id: number): Promise<OutboxMessage | null> {
    const r = await this.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? toOutbox(r) : null;
  }

  async pendingOutbox(limit = 1000): Promise<OutboxMessage[]> {
    const rows = await this.db.selectFrom('outbox').selectAll().where('status', '=', 'pending').orderBy('id').limit(limit).execute();
    return rows.map(toOutbox);
  }

  async outbox(filter: { status?: OutboxMessage['status'] } = {}): Promise<OutboxMessage[]> {
    let q = this.db.selectFrom('outbox').selectAll();
    if (filter.status) q = q.where('status', '=', filter.status);
    return (await q.orderBy('id').execute()).map(toOutbox);
  }

  async markSent(id: number, messageId: string | null): Promise<void> {
    await this.db.updateTable('outbox').set({ status: 'sent', message_id: messageId, sent_at: this.now().toISOString(), last_error: null }).where('id', '=', id).execute();
  }

  async markAttempt(id: number, error: string, failed: boolean): Promise<void> {
    await this.db
      .updateTable('outbox')
      .set((eb) => ({ attempts: eb('attempts', '+', 1), last_error: error, ...(failed ? { status: 'failed' } : {}) }))
      .where('id', '=', id)
      .execute();
  }

  // Workspaces (a platform where the bot is installed several times)

  /**
   * A workspace removed the app: what it asked for goes (follows, digests, reminders not yet
   * sent) and what it was owed is not delivered. `forget: false` (tokens revoked, the app still
   * there) keeps what it asked for and only stops what is pending.
   */
  async closeWorkspace(platform: Platform, workspace: string, why: string, options: { forget: boolean }): Promise<{ follows: number; digests: number; reminders: number; messages: number }> {
    return this.db.transaction().execute(async (trx) => {
      const messages = await trx
        .updateTable('outbox')
        .set({ status: 'failed', last_error: why })
        .where('platform', '=', platform)
        .where('workspace', '=', workspace)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      if (!options.forget) return { follows: 0, digests: 0, reminders: 0, messages: Number(messages.numUpdatedRows) };
      const follows = await trx.deleteFrom('subscriptions').where('platform', '=', platform).where('workspace', '=', workspace).executeTakeFirst();
      const digests = await trx
        .updateTable('channel_settings')
        .set({ digest: null, updated_at: this.now().toISOString() })
        .where('platform', '=', platform)
        .where('workspace', '=', workspace)
        .where('digest', 'is not', null)
        .executeTakeFirst();
      const reminders = await trx
        .updateTable('reminders')
        .set({ status: 'cancelled' })
        .where('platform', '=', platform)
        .where('workspace', '=', workspace)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      return { follows: Number(follows.numDeletedRows), digests: Number(digests.numUpdatedRows), reminders: Number(reminders.numUpdatedRows), messages: Number(messages.numUpdatedRows) };
    });
  }

  /**
   * Rows written before the platform had workspaces (no workspace) become the given one's: a
   * single-workspace install keeps its follows, settings and reminders. Where the workspace has
   * a row of its own with the same key, that one stays and the old one is left as it was.
   */
  async adoptWorkspace(platform: Platform, workspace: string): Promise<number> {
    const keys: Record<string, string[]> = {
      subscriptions: ['channel_id', 'kind', 'value'],
      channel_settings: ['channel_id'],
      reminder_states: ['channel_id', 'deadline_id'],
      conversation_subjects: ['channel_id', 'user_id'],
      reminders: [],
      outbox: [],
    };
    let adopted = 0;
    await this.db.transaction().execute(async (trx) => {
      for (const [table, columns] of Object.entries(keys)) {
        const clash = columns.length
          ? sql` and not exists (select 1 from ${sql.table(table)} mine where mine.platform = ${platform} and mine.workspace = ${workspace} and ${sql.join(
              columns.map((c) => sql`mine.${sql.ref(c)} = ${sql.table(table)}.${sql.ref(c)}`),
              sql` and `,
            )})`
          : sql``;
        const result = await sql`update ${sql.table(table)} set workspace = ${workspace} where platform = ${platform} and workspace = ''${clash}`.execute(trx);
        adopted += Number(result.numAffectedRows ?? 0n);
      }
    });
    return adopted;
  }
}
