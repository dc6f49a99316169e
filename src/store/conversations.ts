import { sql, type Kysely, type Selectable } from 'kysely';
import { WorkingTime, type Channel, type Destination, type DigestSettings, type PersonalReminder, type Platform } from '../domain/conversations.js';
import type { StoredDeadline } from './records.js';
import { PreparedQueries } from './preparedQueries.js';
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
  /** Working days, hours and holidays; null for the defaults. */
  workingTime: WorkingTime | null;
  /** A direct message muted by its person until this instant (ISO), or null. */
  mutedUntil: string | null;
  /** Whether the conversation is a direct message; null when no request from it said. */
  direct: boolean | null;
}

/** A conversation's private calendar feed: found by its public id, checked against the secret's hash. */
export interface CalendarFeed extends Channel {
  feedId: string;
  secretHash: string;
  createdBy: string;
  createdAt: string;
}

export interface ReminderState {
  doneAt: string | null;
  doneBy: string | null;
  snoozedUntil: string | null;
}

/** A conversation that follows a deadline, with what decides its reminders about it. */
export interface Follower {
  channel: Channel;
  settings: ChannelSettings;
  state: ReminderState;
  /** Its earliest follow of the deadline's State party or committee. */
  followedAt: Date | null;
}

export interface OutboxMessage {
  id: number;
  key: string;
  destination: Destination;
  /** What to send, as the job that wrote it gave it: the store keeps it without reading it. */
  payload: unknown;
  /** 'sending': handed to the platform, with no answer recorded: it may have been posted. */
  status: 'pending' | 'sending' | 'sent' | 'failed';
  messageId: string | null;
  /** Posted in the thread of this outbox message, once it is sent. */
  parentId: number | null;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
  /** When it was first handed to the platform. */
  sendingAt: string | null;
}

export interface NewOutboxMessage {
  key: string;
  destination: Destination;
  payload: unknown;
  /** Posted in the thread of this outbox message, once it is sent. */
  parentId?: number;
}

/** What a failed attempt leaves: to try again, maybe posted (look before trying again), or given up for good. */
export type AttemptOutcome = 'retry' | 'uncertain' | 'failed';

/** Rows per statement: well under SQLite's limit of bound parameters. */
const CHUNK = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
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
    workingTime: r?.working_time ? WorkingTime.parse(JSON.parse(r.working_time)) : null,
    mutedUntil: r?.muted_until ?? null,
    direct: r?.direct === null || r?.direct === undefined ? null : r.direct === 1,
  };
}

function toOutbox(r: Selectable<OutboxTable>): OutboxMessage {
  return withPayload(r, JSON.parse(r.reply));
}

/** A row whose payload the caller already holds (it wrote it just now). */
function withPayload(r: Selectable<OutboxTable>, payload: unknown): OutboxMessage {
  return {
    id: r.id,
    key: r.workspace && r.key.endsWith(`@${r.workspace}`) ? r.key.slice(0, -(r.workspace.length + 1)) : r.key,
    destination: { ...rowChannel(r), ...(r.thread_id ? { threadId: r.thread_id } : {}) },
    payload,
    status: r.status as OutboxMessage['status'],
    messageId: r.message_id,
    parentId: r.parent_id ?? null,
    attempts: r.attempts,
    lastError: r.last_error,
    createdAt: r.created_at,
    sentAt: r.sent_at,
    sendingAt: r.sending_at,
  };
}

export class Conversations {
  private readonly prepared: PreparedQueries;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => Date,
  ) {
    this.prepared = new PreparedQueries(db);
  }

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

  /** Open deadlines someone follows (about a State party or committee, when given). */
  async deadlinesFollowedByAnyone(about?: { country: string | null; committee: string | null }): Promise<StoredDeadline[]> {
    const followed = (kind: Subscription['kind']) => this.db.selectFrom('subscriptions').select('value').where('kind', '=', kind);
    let q = this.db
      .selectFrom('deadlines')
      .selectAll()
      .where('met', 'is', null)
      .where((eb) => eb.or([eb('country', 'in', followed('country')), eb('committee', 'in', followed('committee'))]));
    if (about) q = q.where((eb) => eb.or([eb('country', '=', about.country ?? ''), eb('committee', '=', about.committee ?? '')]));
    return (await q.orderBy('due').orderBy('id').execute()).map(rowToDeadline);
  }

  /**
   * Every conversation following a deadline, with its settings, its reminder state for the
   * deadline and when it began following: three queries, however many follow it.
   */
  async followersOf(d: { id: number; country: string | null; committee: string | null }): Promise<Follower[]> {
    const subs = await this.subscribedTo(d.country, d.committee)
      .select((eb) => ['platform', 'workspace', 'channel_id', eb.fn.min<string>('created_at').as('followed_at')])
      .groupBy(['platform', 'workspace', 'channel_id'])
      .execute();
    if (subs.length === 0) return [];
    const settings = await this.db
      .selectFrom('channel_settings')
      .selectAll()
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('subscriptions')
            .select('subscriptions.id')
            .whereRef('subscriptions.platform', '=', 'channel_settings.platform')
            .whereRef('subscriptions.workspace', '=', 'channel_settings.workspace')
            .whereRef('subscriptions.channel_id', '=', 'channel_settings.channel_id')
            .where((s) =>
              s.or([
                s.and([s('subscriptions.kind', '=', 'country'), s('subscriptions.value', '=', d.country ?? '')]),
                s.and([s('subscriptions.kind', '=', 'committee'), s('subscriptions.value', '=', d.committee ?? '')]),
              ]),
            ),
        ),
      )
      .execute();
    const states = await this.db.selectFrom('reminder_states').selectAll().where('deadline_id', '=', d.id).execute();
    const key = (r: { platform: string; workspace: string; channel_id: string }) => `${r.platform}\u0000${r.workspace}\u0000${r.channel_id}`;
    const settingsOf = new Map(settings.map((r) => [key(r), r]));
    const stateOf = new Map(states.map((r) => [key(r), r]));
    return subs.map((r) => {
      const channel = rowChannel(r);
      const state = stateOf.get(key(r));
      return {
        channel,
        settings: toSettings(channel, settingsOf.get(key(r))),
        state: { doneAt: state?.done_at ?? null, doneBy: state?.done_by ?? null, snoozedUntil: state?.snoozed_until ?? null },
        followedAt: r.followed_at ? new Date(r.followed_at) : null,
      };
    });
  }

  /** A conversation's reminder state for each deadline it has one for. */
  async reminderStates(channel: Channel): Promise<Map<number, ReminderState>> {
    const rows = await this.db.selectFrom('reminder_states').selectAll().where('platform', '=', channel.platform).where('workspace', '=', ws(channel)).where('channel_id', '=', channel.channelId).execute();
    return new Map(rows.map((r) => [r.deadline_id, { doneAt: r.done_at, doneBy: r.done_by, snoozedUntil: r.snoozed_until }]));
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

  async updateSettings(channel: Channel, change: Partial<Pick<ChannelSettings, 'timeZone' | 'reminderDays' | 'digest' | 'lastDigestAt' | 'workingTime' | 'mutedUntil' | 'direct'>>): Promise<ChannelSettings> {
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
      working_time: next.workingTime ? JSON.stringify(next.workingTime) : null,
      muted_until: next.mutedUntil,
      direct: next.direct === null ? null : next.direct ? 1 : 0,
      updated_at: this.now().toISOString(),
    };
    await this.db
      .insertInto('channel_settings')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['platform', 'workspace', 'channel_id']).doUpdateSet({
          time_zone: row.time_zone,
          reminder_days: row.reminder_days,
          digest: row.digest,
          last_digest_at: row.last_digest_at,
          working_time: row.working_time,
          muted_until: row.muted_until,
          direct: row.direct,
          updated_at: row.updated_at,
        }),
      )
      .execute();
    return next;
  }

  async channelsWithDigests(): Promise<ChannelSettings[]> {
    const rows = await this.db.selectFrom('channel_settings').selectAll().where('digest', 'is not', null).execute();
    return rows.map((r) => toSettings(rowChannel(r), r));
  }

  // A conversation's private calendar feed

  /** Replaces the conversation's feed (a reset revokes the old one: its id no longer exists). */
  async setCalendarFeed(channel: Channel, feedId: string, secretHash: string, by: string): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      await tx.deleteFrom('calendar_feeds').where('platform', '=', channel.platform).where('workspace', '=', ws(channel)).where('channel_id', '=', channel.channelId).execute();
      await tx.insertInto('calendar_feeds').values({ platform: channel.platform, workspace: ws(channel), channel_id: channel.channelId, feed_id: feedId, secret_hash: secretHash, created_by: by, created_at: this.now().toISOString() }).execute();
    });
  }

  async revokeCalendarFeed(channel: Channel): Promise<boolean> {
    const result = await this.db.deleteFrom('calendar_feeds').where('platform', '=', channel.platform).where('workspace', '=', ws(channel)).where('channel_id', '=', channel.channelId).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async calendarFeed(query: { feedId: string } | Channel): Promise<CalendarFeed | null> {
    let q = this.db.selectFrom('calendar_feeds').selectAll();
    q = 'feedId' in query ? q.where('feed_id', '=', query.feedId) : q.where('platform', '=', query.platform).where('workspace', '=', ws(query)).where('channel_id', '=', query.channelId);
    const r = await q.executeTakeFirst();
    return r ? { ...rowChannel(r), feedId: r.feed_id, secretHash: r.secret_hash, createdBy: r.created_by, createdAt: r.created_at } : null;
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
    // Written after most answers: compiled once.
    await this.prepared.run('saveSubject', row, (v) =>
      this.db
        .insertInto('conversation_subjects')
        .values(v)
        .onConflict((oc) => oc.columns(['platform', 'workspace', 'channel_id', 'user_id']).doUpdateSet({ subject: v.subject, updated_at: v.updated_at })),
    );
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

  /**
   * Queues a message; a message with the same key already queued or sent is returned as it is.
   * With `parentId`, it is a reply in the thread of that outbox message.
   */
  async enqueue(key: string, destination: Destination, payload: unknown, options: { parentId?: number } = {}): Promise<OutboxMessage> {
    const [message] = await this.enqueueMany([{ key, destination, payload, ...(options.parentId !== undefined ? { parentId: options.parentId } : {}) }]);
    return message!;
  }

  /** Queues many messages in one transaction per few hundred; each comes back as stored (new, or as it already was). */
  async enqueueMany(messages: readonly NewOutboxMessage[]): Promise<OutboxMessage[]> {
    const created = this.now().toISOString();
    const out: OutboxMessage[] = [];
    // A burst carries one payload to many conversations: serialized once, and the same object handed back.
    const serialized = new Map<unknown, string>();
    const serialize = (payload: unknown) => {
      let text = serialized.get(payload);
      if (text === undefined) serialized.set(payload, (text = JSON.stringify(payload)));
      return text;
    };
    for (const part of chunks(messages)) {
      const rows = await this.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('outbox')
          .values(
            part.map((m) => ({
              key: outboxKey(m.key, m.destination),
              platform: m.destination.platform,
              workspace: ws(m.destination),
              channel_id: m.destination.channelId,
              thread_id: m.destination.threadId ?? null,
              parent_id: m.parentId ?? null,
              reply: serialize(m.payload),
              status: 'pending',
              message_id: null,
              attempts: 0,
              last_error: null,
              created_at: created,
              sent_at: null,
              sending_at: null,
            })),
          )
          .onConflict((oc) => oc.column('key').doNothing())
          .execute();
        return trx.selectFrom('outbox').selectAll().where('key', 'in', part.map((m) => outboxKey(m.key, m.destination))).execute();
      });
      const byKey = new Map(rows.map((r) => [r.key, r]));
      for (const m of part) {
        const row = byKey.get(outboxKey(m.key, m.destination))!;
        // A row already there under the key may hold other content: that one is read back.
        out.push(row.reply === serialize(m.payload) ? withPayload(row, m.payload) : toOutbox(row));
      }
    }
    return out;
  }

  async outboxMessage(id: number): Promise<OutboxMessage | null> {
    const r = await this.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? toOutbox(r) : null;
  }

  /** Messages still owed: never tried, waiting for a retry, or handed over with no answer recorded. */
  async pendingOutbox(limit = 1000): Promise<OutboxMessage[]> {
    const rows = await this.db.selectFrom('outbox').selectAll().where('status', 'in', ['pending', 'sending']).orderBy('id').limit(limit).execute();
    return rows.map(toOutbox);
  }

  async outbox(filter: { status?: OutboxMessage['status'] } = {}): Promise<OutboxMessage[]> {
    let q = this.db.selectFrom('outbox').selectAll();
    if (filter.status) q = q.where('status', '=', filter.status);
    return (await q.orderBy('id').execute()).map(toOutbox);
  }

  /** Those of the messages asked about that are already in the outbox (by key, in their destination's workspace). */
  async queued<T extends { key: string; destination: Channel }>(messages: readonly T[]): Promise<Set<T>> {
    const stored = new Set<string>();
    for (const part of chunks(messages)) {
      for (const r of await this.db.selectFrom('outbox').select('key').where('key', 'in', part.map((m) => outboxKey(m.key, m.destination))).execute()) stored.add(r.key);
    }
    return new Set(messages.filter((m) => stored.has(outboxKey(m.key, m.destination))));
  }

  /** Just before the platform call: from here a crash leaves the message uncertain, not owed. The first time is kept. */
  async markSending(ids: readonly number[]): Promise<void> {
    const at = this.now().toISOString();
    for (const part of chunks(ids)) {
      await this.db
        .updateTable('outbox')
        .set((eb) => ({ status: 'sending', sending_at: eb.fn.coalesce('sending_at', eb.val(at)) }))
        .where('id', 'in', part)
        .where('status', 'in', ['pending', 'sending'])
        .execute();
    }
  }

  async markSent(id: number, messageId: string | null): Promise<void> {
    await this.markSentMany([{ id, messageId }]);
  }

  /** Just after the platform's answers: with their message ids, in one transaction. */
  async markSentMany(sent: ReadonlyArray<{ id: number; messageId: string | null }>): Promise<void> {
    if (sent.length === 0) return;
    const at = this.now().toISOString();
    // One statement per chunk, each row's message id picked by a CASE: a statement per row cost more to build than to run.
    const write = async (db: Kysely<Database>) => {
      for (const part of chunks(sent)) {
        await db
          .updateTable('outbox')
          .set({
            status: 'sent',
            sent_at: at,
            last_error: null,
            message_id: sql<string | null>`case id ${sql.join(
              part.map((s) => sql`when ${s.id} then ${s.messageId}`),
              sql` `,
            )} end`,
          })
          .where('id', 'in', part.map((s) => s.id))
          .execute();
      }
    };
    if (sent.length <= CHUNK) await write(this.db);
    else await this.db.transaction().execute(write);
  }

  /** A failed attempt, counted: `retry` owes it again, `uncertain` keeps it "sending" (it may have been posted), `failed` gives it up. */
  async markAttempt(id: number, error: string, outcome: AttemptOutcome): Promise<void> {
    const status = outcome === 'retry' ? 'pending' : outcome === 'uncertain' ? 'sending' : 'failed';
    await this.db
      .updateTable('outbox')
      .set((eb) => ({ attempts: eb('attempts', '+', 1), last_error: error, status }))
      .where('id', '=', id)
      .where('status', '!=', 'sent')
      .execute();
  }

  // Workspaces (a platform where the bot is installed several times)

  /**
   * A workspace removed the app: what it asked for goes (follows, digests, calendar feeds,
   * reminders not yet sent) and what it was owed is not delivered: neither what is pending nor
   * what is sending (with no token, it can neither be looked for nor posted again).
   * `forget: false` (tokens revoked, the app still there) keeps what it asked for and only
   * stops what is owed.
   */
  async closeWorkspace(platform: Platform, workspace: string, why: string, options: { forget: boolean }): Promise<{ follows: number; digests: number; feeds: number; reminders: number; messages: number }> {
    return this.db.transaction().execute(async (trx) => {
      const messages = await trx
        .updateTable('outbox')
        .set({ status: 'failed', last_error: why })
        .where('platform', '=', platform)
        .where('workspace', '=', workspace)
        .where('status', 'in', ['pending', 'sending'])
        .executeTakeFirst();
      if (!options.forget) return { follows: 0, digests: 0, feeds: 0, reminders: 0, messages: Number(messages.numUpdatedRows) };
      const follows = await trx.deleteFrom('subscriptions').where('platform', '=', platform).where('workspace', '=', workspace).executeTakeFirst();
      const feeds = await trx.deleteFrom('calendar_feeds').where('platform', '=', platform).where('workspace', '=', workspace).executeTakeFirst();
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
      return { follows: Number(follows.numDeletedRows), digests: Number(digests.numUpdatedRows), feeds: Number(feeds.numDeletedRows), reminders: Number(reminders.numUpdatedRows), messages: Number(messages.numUpdatedRows) };
    });
  }

  /**
   * Rows written before the platform had workspaces (no workspace) become the given one's: a
   * single-workspace install keeps its follows, settings and reminders. Where the workspace has
   * a row of its own with the same key, that one stays and the old one is left as it was. An
   * outbox key takes the workspace as `enqueue` writes it, so the same message queued again
   * after the adoption is the same row.
   */
  async adoptWorkspace(platform: Platform, workspace: string): Promise<number> {
    const keys: Record<string, string[]> = {
      subscriptions: ['channel_id', 'kind', 'value'],
      channel_settings: ['channel_id'],
      reminder_states: ['channel_id', 'deadline_id'],
      conversation_subjects: ['channel_id', 'user_id'],
      calendar_feeds: ['channel_id'],
      reminders: [],
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
      const suffix = `@${workspace}`;
      const outbox = await sql`update outbox set workspace = ${workspace}, key = key || ${suffix} where platform = ${platform} and workspace = ''
        and not exists (select 1 from outbox mine where mine.key = outbox.key || ${suffix})`.execute(trx);
      adopted += Number(outbox.numAffectedRows ?? 0n);
    });
    return adopted;
  }
}
