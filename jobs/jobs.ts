import { Queue, Worker, type Processor, type WorkerOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { App } from '../src/app.js';
import { conversationOf, type Channel, type PersonalReminder, type Platform } from '../src/domain/conversations.js';
import type { Sender } from '../src/delivery.js';
import type { IngestRequest, JobsPort } from '../src/ports.js';
import type { OutboxMessage } from '../src/store/conversations.js';
import type { JobContext } from './context.js';
import { runDigest, scheduleDigest } from './digests.js';
import { queueIngest, runIngest } from './ingestion.js';
import { QUEUES, channelHash, jobIds } from './names.js';
import { createDeliveryAttempt, createOutboxProcessor } from './outbox.js';
import { checkRedis, connectRedis, probeRedis, type RedisStatus } from './redis.js';
import { planChannel, reminderStateChanged, runPersonal, runReminder, schedulePersonal, type ReminderData } from './reminders.js';

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

export class Jobs implements JobsPort {
  readonly queues: Record<keyof typeof QUEUES, Queue>;
  private readonly workers: Worker[] = [];
  private workerConnection: Redis | null = null;
  private readonly attempt: ReturnType<typeof createDeliveryAttempt>;
  private readonly logger: Logger;
  private readonly ctx: JobContext;
  readonly prefix: string;

  private constructor(
    private readonly options: JobsOptions,
    readonly redis: Redis,
    readonly redisStatus: RedisStatus,
  ) {
    this.logger = options.logger ?? options.app.logger.child({ component: 'jobs' });
    this.prefix = options.prefix ?? 'rapporteur';
    this.attempt = createDeliveryAttempt({
      store: options.app.store,
      redis,
      prefix: this.prefix,
      senders: options.senders,
      paceMs: options.paceMs ?? {},
      logger: this.logger,
      enqueue: async (key, destination, content) => {
        const m = await options.app.store.conversations.enqueue(key, destination, content);
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
    this.ctx = { app: options.app, queues: this.queues, clock: options.clock ?? (() => new Date()), deliverNow: (m) => this.deliverNow(m) };
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
    worker<ReminderData | { reminderId: number }>(QUEUES.reminders, (job) => ('reminderId' in job.data ? runPersonal(this.ctx, job.data.reminderId) : runReminder(this.ctx, job.data)));
    worker<Channel>(QUEUES.digests, (job) => runDigest(this.ctx, conversationOf(job.data)));
    worker<IngestRequest>(QUEUES.ingest, (job) => runIngest(this.ctx, job), { concurrency: 1 });
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
    await planChannel(this.ctx, channel);
  }

  async deadlinesChanged(about: { country: string | null; committee: string | null }): Promise<void> {
    for (const channel of await this.options.app.store.conversations.followers(about.country, about.committee)) await planChannel(this.ctx, channel);
  }

  async reminderStateChanged(channel: Channel, deadlineId: number): Promise<void> {
    await reminderStateChanged(this.ctx, channel, deadlineId);
  }

  async personalReminderAdded(r: PersonalReminder): Promise<void> {
    await schedulePersonal(this.ctx, r);
  }

  async digestChanged(channel: Channel): Promise<void> {
    await scheduleDigest(this.ctx, channel);
  }

  async ingestInBackground(request: IngestRequest): Promise<{ jobId: string }> {
    return queueIngest(this.ctx, request);
  }

  /** Rebuilds everything Redis should hold from the store: after a restart, or a Redis that lost it all. */
  async reconcile(): Promise<{ channels: number; digests: number; reminders: number; outbox: number }> {
    const { store } = this.options.app;
    const channels = new Map<string, Channel>();
    for (const s of await store.conversations.subscriptions()) channels.set(channelHash(s), conversationOf(s));
    for (const channel of channels.values()) await this.channelChanged(channel);
    const digests = await store.conversations.channelsWithDigests();
    for (const d of digests) await this.digestChanged(d);
    const pending = await store.conversations.reminders({ status: 'pending' });
    for (const r of pending) await this.personalReminderAdded(r);
    const outbox = await store.conversations.pendingOutbox();
    await this.outboxAdded(outbox.map((m) => m.id));
    const counts = { channels: channels.size, digests: digests.length, reminders: pending.length, outbox: outbox.length };
    this.logger.info(counts, 'schedules rebuilt from the store');
    return counts;
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
