import { Queue, Worker, type Job, type Processor, type WorkerOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { dateIn } from '../src/domain/dates.js';
import type { Logger } from 'pino';
import type { App } from '../src/app.js';
import { reply } from '../src/core/reply.js';
import { deadlineReminder, digest, emptyDigest, personalReminder } from '../src/core/notices.js';
import type { Channel, PersonalReminder, Platform } from '../src/domain/conversations.js';
import type { Sender } from '../src/delivery.js';
import type { IngestRequest, JobsPort } from '../src/ports.js';
import { DEFAULT_REMINDER_DAYS, digestPattern, overdueAfter, upcomingSlots } from '../src/schedule/rules.js';
import type { ChannelSettings, OutboxMessage } from '../src/store/schedules.js';
import { checkRedis, connectRedis, probeRedis, type RedisStatus } from './redis.js';
import { QUEUES, channelHash, jobIds, slotName } from './names.js';
import { createDeliveryAttempt, createOutboxProcessor } from './outbox.js';

/**
 * Reminders, digests, meeting summaries and uploads on BullMQ. The store is the source
 * of truth: every job can be rebuilt from it (reconcile), and job ids are deterministic,
 * so rebuilding is idempotent.
 */

export interface JobsOptions {
  app: App;
  /** How to post on each platform; jobs know nothing else of the platforms. */
  senders: ReadonlyMap<Platform, Sender>;
  redisUrl: string;
  /** Namespaces every queue: tests give each run its own. */
  prefix?: string;
  /** Run workers in this process (false: only schedule, another process works). */
  workers?: boolean;
  /** Least time between two messages to one conversation, instead of each sender's own pace. */
  paceMs?: Partial<Record<Platform, number>>;
  /** First retry delay of a failed delivery; doubled each time, with jitter. */
  retryDelayMs?: number;
  attempts?: number;
  /** Rebuild schedules from the store this often (and at start). */
  reconcileEveryMs?: number;
  clock?: () => Date;
  logger?: Logger;
}

interface ReminderData {
  platform: Platform;
  channelId: string;
  deadlineId: number;
  slot: string;
  at: string;
  /** The channel's time zone and reminder days when scheduled: a slot from other settings is stale. */
  settings?: string;
}

const settingsKey = (zone: string, days: readonly number[]): string => `${zone}|${[...days].sort((a, b) => b - a).join(',')}`;

/** The time zone and reminder days a conversation follows: its own, or the defaults. */
function rulesOf(settings: ChannelSettings, defaultZone: string): { zone: string; days: readonly number[] } {
  return { zone: settings.timeZone ?? defaultZone, days: settings.reminderDays ?? DEFAULT_REMINDER_DAYS };
}

export class Jobs implements JobsPort {
  readonly queues: Record<keyof typeof QUEUES, Queue>;
  private readonly workers: Worker[] = [];
  private workerConnection: Redis | null = null;
  private readonly attempt: ReturnType<typeof createDeliveryAttempt>;
  private readonly clock: () => Date;
  private readonly logger: Logger;
  readonly prefix: string;

  private constructor(
    private readonly options: JobsOptions,
    readonly redis: Redis,
    readonly redisStatus: RedisStatus,
  ) {
    this.clock = options.clock ?? (() => new Date());
    this.logger = options.logger ?? options.app.logger.child({ component: 'jobs' });
    this.prefix = options.prefix ?? 'rapporteur';
    this.attempt = createDeliveryAttempt({
      store: options.app.store,
      redis,
      prefix: this.prefix,
      senders: options.senders,
      paceMs: options.paceMs ?? {},
      logger: this.logger,
      enqueue: async (key, platform, channelId, text) => {
        const m = await options.app.store.schedules.enqueue(key, { platform, channelId }, reply('error', [{ type: 'text', text }], 'DELIVERY_FAILED'));
        await this.outboxAdded([m.id]);
      },
    });
    const connection = redis;
    const queue = (name: string) => new Queue(name, { connection, prefix: this.prefix });
    this.queues = {
      outbox: queue(QUEUES.outbox),
      reminders: queue(QUEUES.reminders),
      digests: queue(QUEUES.digests),
      ingest: queue(QUEUES.ingest),
      maintenance: queue(QUEUES.maintenance),
    };
  }

  /** Connects, checks Redis, starts the workers and rebuilds every schedule from the store. */
  static async start(options: JobsOptions): Promise<Jobs> {
    await probeRedis(options.redisUrl);
    const redis = connectRedis(options.redisUrl);
    let status: RedisStatus;
    try {
      status = await checkRedis(redis, options.logger ?? options.app.logger);
    } catch (error) {
      redis.disconnect();
      throw error;
    }
    const jobs = new Jobs(options, redis, status);
    if (options.workers !== false) jobs.startWorkers();
    await jobs.reconcile();
    const every = options.reconcileEveryMs ?? 3_600_000;
    // Reconciled just now: the next one is an interval away, not at once.
    await jobs.queues.maintenance.upsertJobScheduler('reconcile', { every, startDate: Date.now() + every }, { name: 'reconcile', opts: { removeOnComplete: true, removeOnFail: 10 } });
    return jobs;
  }

  private startWorkers(): void {
    const connection = this.redis.duplicate();
    this.workerConnection = connection;
    const worker = <T>(name: string, processor: Processor<T>, extra: Partial<WorkerOptions> = {}) => {
      const w = new Worker<T>(name, processor, { connection, prefix: this.prefix, concurrency: 32, ...extra });
      w.on('failed', (job, err) => this.logger.warn({ queue: name, job: job?.id, attempts: job?.attemptsMade, err: err.message }, 'job failed'));
      w.on('error', (err) => this.logger.error({ queue: name, err }, 'worker error'));
      this.workers.push(w as Worker);
    };
    // Sending waits on the platform's API, not on this process: many at once.
    worker(QUEUES.outbox, createOutboxProcessor(this.attempt), { concurrency: 64 });
    worker<ReminderData | { reminderId: number }>(QUEUES.reminders, (job) => ('reminderId' in job.data ? this.runPersonal(job.data.reminderId) : this.runReminder(job.data)));
    worker<Channel & { now?: boolean }>(QUEUES.digests, (job) => this.runDigest(job));
    worker<IngestRequest>(QUEUES.ingest, (job) => this.runIngest(job), { concurrency: 1 });
    worker(QUEUES.maintenance, () => this.reconcile(), { concurrency: 1 });
  }

  // The port the core calls

  /** Queues stored messages for the outbox worker; `delay` holds them back (pacing, Retry-After). */
  async outboxAdded(ids: readonly number[], delayMs = 0): Promise<void> {
    await this.queues.outbox.addBulk(
      ids.map((id) => ({
        name: 'send',
        data: { id },
        opts: {
          jobId: jobIds.outbox(id),
          delay: delayMs,
          attempts: this.options.attempts ?? 8,
          backoff: { type: 'exponential', delay: this.options.retryDelayMs ?? 2000, jitter: 0.5 },
          removeOnComplete: { age: 24 * 3600 },
          removeOnFail: { age: 7 * 24 * 3600 },
        },
      })),
    );
  }

  /**
   * Sends a new stored message now, from the job that made it; only a message that must
   * wait or be retried goes through the outbox queue (with the queue's backoff from then on).
   */
  private async deliverNow(message: OutboxMessage): Promise<void> {
    const id = message.id;
    if (this.options.workers === false) return this.outboxAdded([id]);
    const result = await this.attempt(id, message);
    if ('retryAt' in result) await this.outboxAdded([id], Math.max(0, result.retryAt - Date.now()));
    else if ('error' in result || result.done === 'busy') await this.outboxAdded([id], 'error' in result ? this.options.retryDelayMs ?? 2000 : 1000);
  }

  async channelChanged(channel: Channel): Promise<void> {
    const { store } = this.options.app;
    const settings = await store.schedules.settings(channel);
    const { zone, days } = rulesOf(settings, this.options.app.config.TZ_DEFAULT);
    const now = this.clock();
    for (const d of await store.schedules.deadlinesFollowed(channel)) {
      const state = await store.schedules.reminderState(channel, d.id);
      if (state.doneAt) continue;
      const snoozed = state.snoozedUntil ? new Date(state.snoozedUntil) : null;
      let slots = upcomingSlots(d.due, days, zone, now);
      const key = settingsKey(zone, days);
      if (snoozed && snoozed > now) {
        slots = slots.filter((s) => s.at >= snoozed);
        await this.addReminder(channel, d.id, `s${snoozed.getTime()}`, snoozed, key);
      }
      for (const s of slots) await this.addReminder(channel, d.id, slotName(s.daysBefore), s.at, key);
    }
  }

  async deadlinesChanged(about: { country: string | null; committee: string | null }): Promise<void> {
    for (const channel of await this.options.app.store.schedules.followers(about.country, about.committee)) await this.channelChanged(channel);
  }

  async reminderStateChanged(channel: Channel, deadlineId: number): Promise<void> {
    const state = await this.options.app.store.schedules.reminderState(channel, deadlineId);
    if (state.doneAt) {
      // Done: the remaining reminders of this deadline here go.
      const prefix = jobIds.reminderPrefix(deadlineId, channel);
      for (const job of await this.queues.reminders.getDelayed()) if (job.id?.startsWith(prefix)) await job.remove();
      return;
    }
    await this.channelChanged(channel);
  }

  async personalReminderAdded(r: PersonalReminder): Promise<void> {
    await this.queues.reminders.add('personal', { reminderId: r.id }, { jobId: jobIds.personal(r.id), delay: Math.max(0, Date.parse(r.dueAt) - this.clock().getTime()), removeOnComplete: true });
  }

  async digestChanged(channel: Channel): Promise<void> {
    const { store, config } = this.options.app;
    const settings = await store.schedules.settings(channel);
    const id = jobIds.digest(channel);
    if (!settings.digest) {
      await this.queues.digests.removeJobScheduler(id);
      return;
    }
    await this.queues.digests.upsertJobScheduler(
      id,
      { pattern: digestPattern(settings.digest), tz: rulesOf(settings, config.TZ_DEFAULT).zone },
      { name: 'digest', data: channel, opts: { removeOnComplete: true, removeOnFail: 100 } },
    );
  }

  async digestNow(channel: Channel): Promise<void> {
    await this.queues.digests.add('digest', { ...channel, now: true }, { removeOnComplete: true });
  }

  async ingest(request: IngestRequest): Promise<{ jobId: string }> {
    const job = await this.queues.ingest.add('ingest', request, { attempts: 1, removeOnComplete: { age: 3600 }, removeOnFail: { age: 24 * 3600 } });
    return { jobId: job.id! };
  }

  /** Rebuilds everything Redis should hold from the store: after a restart, or a Redis that lost it all. */
  async reconcile(): Promise<{ channels: number; digests: number; reminders: number; outbox: number }> {
    const { store } = this.options.app;
    const channels = new Map<string, Channel>();
    for (const s of await store.schedules.subscriptions()) channels.set(channelHash(s), { platform: s.platform, channelId: s.channelId });
    for (const channel of channels.values()) await this.channelChanged(channel);
    const digests = await store.schedules.channelsWithDigests();
    for (const d of digests) await this.digestChanged(d);
    const pending = await store.schedules.reminders({ status: 'pending' });
    for (const r of pending) await this.personalReminderAdded(r);
    const outbox = await store.schedules.pendingOutbox();
    await this.outboxAdded(outbox.map((m) => m.id));
    const counts = { channels: channels.size, digests: digests.length, reminders: pending.length, outbox: outbox.length };
    this.logger.info(counts, 'schedules rebuilt from the store');
    return counts;
  }

  // Processors

  private async addReminder(channel: Channel, deadlineId: number, slot: string, at: Date, settings: string): Promise<void> {
    const data: ReminderData = { ...channel, deadlineId, slot, at: at.toISOString(), settings };
    await this.queues.reminders.add('reminder', data, {
      jobId: jobIds.reminder(deadlineId, slot, channel, at),
      delay: Math.max(0, at.getTime() - this.clock().getTime()),
      removeOnComplete: true,
      removeOnFail: 100,
    });
  }

  private async runReminder(data: ReminderData): Promise<string> {
    const { store, config } = this.options.app;
    const channel: Channel = { platform: data.platform, channelId: data.channelId };
    const deadline = await store.deadline(data.deadlineId);
    if (!deadline || deadline.met) return 'no longer due';
    if (!(await store.schedules.follows(channel, deadline))) return 'no longer followed';
    const state = await store.schedules.reminderState(channel, deadline.id);
    if (state.doneAt) return 'done';
    const at = new Date(data.at);
    if (state.snoozedUntil && new Date(state.snoozedUntil) > at) return 'snoozed';
    const settings = await store.schedules.settings(channel);
    const { zone, days } = rulesOf(settings, config.TZ_DEFAULT);
    // A slot from settings since changed is stale: a fresh one was scheduled instead.
    if (data.settings !== settingsKey(zone, days)) return 'stale';
    const today = dateIn(this.clock(), zone);
    const message = await store.schedules.enqueue(`reminder:${deadline.id}:${data.slot}:${data.platform}:${data.channelId}`, channel, deadlineReminder(deadline, today));
    if (message.status === 'pending') await this.deliverNow(message);
    // Overdue: the next weekly reminder until someone marks it done.
    if (!data.slot.startsWith('b') || data.slot === 'b0') {
      const [next] = overdueAfter(deadline.due, zone, at);
      if (next) await this.addReminder(channel, deadline.id, slotName(next.daysBefore), next.at, data.settings);
    }
    return 'queued';
  }

  private async runPersonal(id: number): Promise<string> {
    const { store, core } = this.options.app;
    const r = await store.schedules.reminder(id);
    if (!r || r.status !== 'pending') return 'not pending';
    const understood = (await core.understand(r.text)).name !== 'unknown';
    const message = await store.schedules.enqueue(`personal:${r.id}`, { platform: r.platform, channelId: r.channelId, ...(r.threadId ? { threadId: r.threadId } : {}) }, personalReminder(r, understood));
    await store.schedules.setReminderStatus(r.id, 'sent');
    if (message.status === 'pending') await this.deliverNow(message);
    return 'queued';
  }

  private async runDigest(job: Job<Channel & { now?: boolean }>): Promise<string> {
    const { store, config } = this.options.app;
    const channel: Channel = { platform: job.data.platform, channelId: job.data.channelId };
    const settings = await store.schedules.settings(channel);
    if (!settings.digest && !job.data.now) return 'off';
    const { zone } = rulesOf(settings, config.TZ_DEFAULT);
    const now = this.clock();
    const today = dateIn(now, zone);
    const built = await digest(store, channel, today, settings.lastDigestAt);
    await store.schedules.updateSettings(channel, { lastDigestAt: now.toISOString() });
    const always = job.data.now || settings.digest?.always;
    if (!built && !always) return 'nothing to say';
    const content = built ?? emptyDigest(today, (await store.schedules.subscriptions(channel)).length);
    const key = job.data.now ? `digest:${channel.platform}:${channel.channelId}:now:${job.id}` : `digest:${channel.platform}:${channel.channelId}:${today}`;
    const message = await store.schedules.enqueue(key, channel, content);
    if (message.status === 'pending') await this.deliverNow(message);
    return 'queued';
  }

  private async runIngest(job: Job<IngestRequest>): Promise<string> {
    const { ingestor, store } = this.options.app;
    const r = job.data;
    await job.updateProgress(10);
    const result = r.url
      ? await ingestor.ingestUrl(r.url)
      : await ingestor.ingestBytes(Buffer.from(r.file!.base64, 'base64'), r.file!.name, `upload:${r.file!.name}`, r.file!.contentType);
    await job.updateProgress(90);
    const what = r.url ?? r.file?.name ?? 'the document';
    const text =
      result.status === 'failed'
        ? `Could not read ${what}: ${result.error?.message} [${result.error?.code}]`
        : `${result.status === 'unchanged' ? 'Already in the store' : result.status === 'replaced' ? `Replaced with version ${result.version}${result.changes ? ` (${result.changes})` : ''}` : 'Stored'}: ${result.key}, requested by ${r.requestedBy}.${result.warnings.length ? ` ${result.warnings.length} warning(s) from reading it; “doc ${result.key}” lists them.` : ''}`;
    const message = await store.schedules.enqueue(`ingest:${job.id}`, r.replyTo, reply(result.status === 'failed' ? 'error' : 'answer', [{ type: 'text', text }], result.status === 'failed' ? result.error?.code : undefined));
    if (message.status === 'pending') await this.deliverNow(message);
    await job.updateProgress(100);
    return result.status;
  }

  async health(): Promise<Record<string, unknown>> {
    const pong = await this.redis.ping().catch((e: Error) => e.message);
    const waiting = await this.queues.outbox.getJobCounts('waiting', 'delayed', 'failed').catch(() => null);
    return { ok: pong === 'PONG', version: this.redisStatus.version, warnings: this.redisStatus.warnings, outbox: waiting };
  }

  /** Finishes or hands back jobs in flight, then closes every connection. */
  async stop(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
    await Promise.all(Object.values(this.queues).map((q) => q.close()));
    this.workerConnection?.disconnect();
    this.redis.disconnect();
  }
}
