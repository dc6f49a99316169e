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
import { ErrorCode, RapporteurError } from '../src/errors.js';
import { createDeliveryAttempt, createOutboxProcessor, retryDelay } from './outbox.js';
import { checkRedis, connectRedis, probeRedis, type RedisStatus } from './redis.js';
import { planChannel, planDeadline, reminderStateChanged, runPersonal, runReminder, schedulePersonal, type ReminderData } from './reminders.js';
import { runWatch, scheduleWatch } from './watch.js';

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
  /** First retry delay of a failed delivery; doubled each time, with jitter, up to `retryCapMs`. */
  retryDelayMs?: number;
  /** Longest wait between two attempts at one message: a message the store owes is tried until it is sent. */
  retryCapMs?: number;
  /** BullMQ's own retries of a job that threw (the store failing, not a platform). */
  attempts?: number;
  /** Rebuild schedules from the store this often (and at start). */
  reconcileEveryMs?: number;
  /** How often to check that Redis still holds what this process put there (a marker key); lost, it is rebuilt. */
  watchEveryMs?: number;
  /** How long a worker or a send holds a job or a message: after a crash, that long until another takes it over. */
  lockMs?: number;
  /** How far back a rebuild after a loss looks for reminder slots that fell due and were never sent. */
  catchUpMs?: number;
  /** How long `stop` waits for jobs in flight and a rebuild before it closes anyway (the jobs left are handed back). */
  stopGraceMs?: number;
  clock?: () => Date;
  logger?: Logger;
}

/** A worker that lets `stop` wait for its jobs without BullMQ's graceful close (see `Jobs.shutdown`). */
class TrackedWorker<T> extends Worker<T> {
  constructor(
    private readonly inFlight: Set<Promise<unknown>>,
    ...args: ConstructorParameters<typeof Worker<T>>
  ) {
    super(...args);
  }

  /** The processor and BullMQ's record of how it ended (completed, failed, delayed). */
  override processJob(...args: Parameters<Worker<T>['processJob']>): ReturnType<Worker<T>['processJob']> {
    const run = super.processJob(...args);
    this.inFlight.add(run);
    const done = () => this.inFlight.delete(run);
    run.then(done, done);
    return run;
  }
}

/** A promise and the function that settles it: lanes wait on it for the next batch. */
function signal(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** Platform calls in flight at once from one job's burst: what a crash can leave uncertain. */
const DELIVERIES_AT_ONCE = 64;

export class Jobs implements JobsPort {
  readonly queues: Record<keyof typeof QUEUES, Queue>;
  private readonly workers: Worker[] = [];
  private workerConnection: Redis | null = null;
  /** The outbox's own keys (locks, pace, sent records): a connection without BullMQ's scripts, whose every pipeline would copy them all. */
  private readonly outboxConnection: Redis;
  private readonly attempt: ReturnType<typeof createDeliveryAttempt>;
  private readonly logger: Logger;
  private readonly ctx: JobContext;
  readonly prefix: string;
  private watch: NodeJS.Timeout | null = null;
  private readonly checkNow = () => void this.checkForLoss().catch((err: Error) => this.logger.warn({ err: err.message }, 'Redis check failed'));
  private rebuilding: Promise<unknown> | null = null;
  /** The jobs this process's workers are running, until BullMQ has recorded their end: `stop` waits for them, within its grace. */
  private readonly inFlight = new Set<Promise<unknown>>();
  private stopping: Promise<void> | null = null;

  private constructor(
    private readonly options: JobsOptions,
    readonly redis: Redis,
    readonly redisStatus: RedisStatus,
  ) {
    this.logger = options.logger ?? options.app.logger.child({ component: 'jobs' });
    this.prefix = options.prefix ?? 'rapporteur';
    this.outboxConnection = redis.duplicate();
    this.attempt = createDeliveryAttempt({
      store: options.app.store,
      redis: this.outboxConnection,
      prefix: this.prefix,
      senders: options.senders,
      paceMs: options.paceMs ?? {},
      lockMs: options.lockMs ?? 30_000,
      logger: this.logger,
      enqueue: async (key, destination, content) => {
        const m = await options.app.store.conversations.enqueue(key, destination, content);
        await this.queueOutbox([{ id: m.id, attempt: m.attempts }]);
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
      watch: queue(QUEUES.watch),
    };
    this.ctx = { app: options.app, queues: this.queues, clock: options.clock ?? (() => new Date()), deliverNow: (m) => this.deliverNow(m), deliverMany: (ms) => this.deliverMany(ms) };
    // While Redis is down every connection reports each failed reconnect: one line a minute is enough.
    let lastLogged = 0;
    const unreachable = (error: Error) => {
      if (Date.now() - lastLogged < 60_000) return;
      lastLogged = Date.now();
      this.logger.warn({ err: error.message }, 'Redis does not answer: reminders, digests and summaries wait until it is back');
    };
    redis.on('error', unreachable);
    this.outboxConnection.on('error', unreachable);
    for (const q of Object.values(this.queues)) q.on('error', unreachable);
    this.unreachable = unreachable;
  }

  private readonly unreachable: (error: Error) => void;

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
    await redis.set(jobs.markerKey, new Date().toISOString());
    await jobs.reconcile({ catchUp: true });
    await jobs.scheduleReconcile();
    jobs.watchForLoss();
    await scheduleWatch(jobs.queues.watch, options.app.config);
    return jobs;
  }

  /** A key every process of this deployment keeps in Redis: gone, Redis lost its data (FLUSHALL, a restart without persistence). */
  private get markerKey(): string {
    return `${this.prefix}:alive`;
  }

  private async scheduleReconcile(): Promise<void> {
    const every = this.options.reconcileEveryMs ?? 3_600_000;
    // Reconciled just now: the next one is an interval away, not at once.
    await this.queues.maintenance.upsertJobScheduler('reconcile', { every, startDate: Date.now() + every }, { name: 'reconcile', opts: { removeOnComplete: true, removeOnFail: 10 } });
  }

  /** Checks the marker now and then, and as soon as Redis is back after a disconnection. */
  private watchForLoss(): void {
    this.watch = setInterval(this.checkNow, this.options.watchEveryMs ?? 15_000);
    this.watch.unref();
    this.redis.on('ready', this.checkNow);
  }

  /**
   * Whether Redis lost what it held, and if so, everything rebuilt from the store: the one
   * process that puts the marker back rebuilds; reminder slots that fell due meanwhile go out late.
   */
  async checkForLoss(): Promise<boolean> {
    if (this.redis.status !== 'ready' || this.rebuilding || this.stopping) return false;
    const claimed = await this.redis.set(this.markerKey, new Date().toISOString(), 'NX');
    if (claimed !== 'OK') return false;
    this.logger.warn('Redis lost its queues (the marker key is gone): rebuilding every schedule from the store');
    this.rebuilding = (async () => {
      try {
        await this.reconcile({ catchUp: true });
        await this.scheduleReconcile();
        await scheduleWatch(this.queues.watch, this.options.app.config);
      } catch (error) {
        // Half rebuilt: the marker goes again, so the next check starts over.
        await this.redis.del(this.markerKey).catch(() => undefined);
        throw error;
      }
    })().finally(() => (this.rebuilding = null));
    await this.rebuilding;
    return true;
  }

  private startWorkers(): void {
    const connection = this.redis.duplicate();
    connection.on('error', this.unreachable);
    this.workerConnection = connection;
    const worker = <T>(name: string, processor: Processor<T>, extra: Partial<WorkerOptions> = {}) => {
      const lockDuration = this.options.lockMs ?? 30_000;
      const w = new TrackedWorker<T>(this.inFlight, name, processor, { connection, prefix: this.prefix, concurrency: 32, lockDuration, stalledInterval: lockDuration, ...extra });
      w.on('failed', (job, err) => this.logger.warn({ queue: name, job: job?.id, attempts: job?.attemptsMade, err: err.message }, 'job failed'));
      w.on('error', (err) => (this.redis.status === 'ready' ? this.logger.error({ queue: name, err }, 'worker error') : this.unreachable(err)));
      this.workers.push(w as Worker);
    };
    // Sending waits on the platform's API, not on this process: many at once.
    worker(
      QUEUES.outbox,
      createOutboxProcessor(this.attempt, (id, attempts) => this.retryLater(id, attempts)),
      { concurrency: 64 },
    );
    worker<ReminderData | { reminderId: number }>(QUEUES.reminders, (job) => ('reminderId' in job.data ? runPersonal(this.ctx, job.data.reminderId) : runReminder(this.ctx, job.data)));
    worker<Channel>(QUEUES.digests, (job) => runDigest(this.ctx, conversationOf(job.data)));
    worker<IngestRequest>(QUEUES.ingest, (job) => runIngest(this.ctx, job), { concurrency: 1 });
    worker(QUEUES.maintenance, () => this.reconcile(), { concurrency: 1 });
    // One round at a time: the hosts get one request at a time from this deployment.
    worker(QUEUES.watch, () => runWatch(this.ctx), { concurrency: 1 });
  }

  // The port the core calls

  /** Queues stored messages for the outbox worker; `delay` holds them back (pacing, Retry-After). */
  async outboxAdded(ids: readonly number[], delayMs = 0): Promise<void> {
    await this.available(() => this.queueOutbox(ids.map((id) => ({ id, attempt: 0 })), delayMs));
  }

  /** One job per message and attempt; `fresh` gives a message a job id never used, for one whose job may be stuck in a dead worker. */
  private async queueOutbox(entries: ReadonlyArray<{ id: number; attempt: number; fresh?: boolean }>, delayMs = 0): Promise<void> {
    const stamp = Date.now().toString(36);
    await this.queues.outbox.addBulk(
      entries.map(({ id, attempt, fresh }) => ({
        name: 'send',
        data: { id },
        opts: {
          jobId: fresh ? `${jobIds.outbox(id, attempt)}-${stamp}` : jobIds.outbox(id, attempt),
          delay: delayMs,
          attempts: this.options.attempts ?? 8,
          backoff: { type: 'exponential', delay: this.options.retryDelayMs ?? 2000, jitter: 0.5 },
          removeOnComplete: true,
          removeOnFail: { age: 7 * 24 * 3600 },
        },
      })),
    );
  }

  /** A failed attempt: the next one under its own job id, after a backoff that stops growing at the cap. */
  private async retryLater(id: number, attempts: number): Promise<void> {
    const delay = retryDelay(attempts, this.options.retryDelayMs ?? 2000, this.options.retryCapMs ?? 5 * 60_000);
    await this.queueOutbox([{ id, attempt: attempts }], delay);
  }

  /**
   * Sends a new stored message now, from the job that made it; only a message that must
   * wait or be retried goes through the outbox queue (with the queue's backoff from then on).
   */
  private async deliverNow(message: OutboxMessage): Promise<void> {
    const id = message.id;
    if (this.options.workers === false) return this.queueOutbox([{ id, attempt: message.attempts }]);
    const result = await this.attempt(id, message);
    if ('retryAt' in result) await this.queueOutbox([{ id, attempt: message.attempts }], Math.max(0, result.retryAt - Date.now()));
    else if ('error' in result) await this.retryLater(id, result.attempts);
    else if (result.done === 'busy') await this.queueOutbox([{ id, attempt: message.attempts, fresh: true }], 1000);
  }

  /**
   * Many new messages, sent as their batches are written: one set of lanes for the whole burst,
   * so no more than DELIVERIES_AT_ONCE calls are in flight however many batches there are, and
   * one conversation's pace holds back only its own.
   */
  private async deliverMany(batches: AsyncIterable<readonly OutboxMessage[]>): Promise<void> {
    const messages: OutboxMessage[] = [];
    let next = 0;
    let written = false;
    let arrived = signal();
    const lane = async () => {
      for (;;) {
        if (next < messages.length) await this.deliverNow(messages[next++]!);
        else if (written) return;
        else await arrived.promise;
      }
    };
    const lanes = Promise.all(Array.from({ length: DELIVERIES_AT_ONCE }, lane));
    try {
      for await (const batch of batches) {
        messages.push(...batch);
        const woken = arrived;
        arrived = signal();
        woken.resolve();
      }
    } catch (error) {
      // A batch that could not be written: what was written is still sent, then the job fails (and is retried).
      written = true;
      arrived.resolve();
      await lanes.catch(() => undefined);
      throw error;
    }
    written = true;
    arrived.resolve();
    await lanes;
  }

  /**
   * What the core asks runs only while Redis answers: a command never waits on a Redis that is
   * down (its change is in the store, and the queues catch up when Redis is back).
   */
  private async available<T>(work: () => Promise<T>): Promise<T> {
    const unavailable = () =>
      new RapporteurError(ErrorCode.RemindersUnavailable, 'Reminders are unavailable right now: the job queue (Redis) does not answer. The change is saved, and reminders follow it once the queue is back');
    if (this.redis.status !== 'ready') throw unavailable();
    // Redis dropping mid-way: commands would wait in ioredis's queue until it is back. Slow work on a live Redis is waited for.
    let timer: NodeJS.Timeout | undefined;
    const dropped = new Promise<never>((_, reject) => (timer = setInterval(() => this.redis.status !== 'ready' && reject(unavailable()), 250)));
    try {
      return await Promise.race([work(), dropped]);
    } finally {
      clearInterval(timer);
    }
  }

  async channelChanged(channel: Channel): Promise<void> {
    await this.available(() => planChannel(this.ctx, channel));
  }

  async deadlinesChanged(about: { country: string | null; committee: string | null }): Promise<void> {
    await this.available(async () => {
      for (const d of await this.options.app.store.conversations.deadlinesFollowedByAnyone(about)) await planDeadline(this.ctx, d);
    });
  }

  async reminderStateChanged(channel: Channel, deadlineId: number): Promise<void> {
    await this.available(() => reminderStateChanged(this.ctx, channel, deadlineId));
  }

  async personalReminderAdded(r: PersonalReminder): Promise<void> {
    await this.available(() => schedulePersonal(this.ctx, r));
  }

  async digestChanged(channel: Channel): Promise<void> {
    await this.available(() => scheduleDigest(this.ctx, channel));
  }

  async ingestInBackground(request: IngestRequest): Promise<{ jobId: string }> {
    return this.available(() => queueIngest(this.ctx, request));
  }

  /**
   * Rebuilds everything Redis should hold from the store: after a restart, or a Redis that
   * lost it all (`catchUp`: reminder slots that fell due in the gap are sent late).
   */
  async reconcile(options: { catchUp?: boolean } = {}): Promise<{ channels: number; digests: number; reminders: number; outbox: number }> {
    const { store } = this.options.app;
    const catchUpSince = options.catchUp ? new Date(this.ctx.clock().getTime() - (this.options.catchUpMs ?? 2 * 86_400_000)) : undefined;
    const channels = new Set<string>();
    for (const s of await store.conversations.subscriptions()) channels.add(channelHash(s));
    for (const d of await store.conversations.deadlinesFollowedByAnyone()) await planDeadline(this.ctx, d, catchUpSince ? { catchUpSince } : {});
    const digests = await store.conversations.channelsWithDigests();
    for (const d of digests) await scheduleDigest(this.ctx, d);
    const pending = await store.conversations.reminders({ status: 'pending' });
    for (const r of pending) await schedulePersonal(this.ctx, r);
    // A message left "sending" may have its job stuck in a worker that died: it gets a job id of its own.
    const outbox = await store.conversations.pendingOutbox();
    await this.queueOutbox(outbox.map((m) => ({ id: m.id, attempt: m.attempts, fresh: m.status === 'sending' })));
    const counts = { channels: channels.size, digests: digests.length, reminders: pending.length, outbox: outbox.length };
    this.logger.info(counts, 'schedules rebuilt from the store');
    return counts;
  }

  /** Redis's state for /healthz, at once: a Redis that is down or slow is reported, never waited for. */
  async health(timeoutMs = 1000): Promise<Record<string, unknown>> {
    const base = { version: this.redisStatus.version, warnings: this.redisStatus.warnings };
    if (this.redis.status !== 'ready') return { ok: false, ...base, error: `Redis is not connected (${this.redis.status}): reminders, digests and summaries wait until it is back` };
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), timeoutMs)));
    try {
      const answer = await Promise.race([Promise.all([this.redis.ping(), this.redis.exists(this.markerKey), this.queues.outbox.getJobCounts('waiting', 'delayed', 'failed')]), late]);
      if (answer === 'late') return { ok: false, ...base, error: `Redis did not answer within ${timeoutMs} ms` };
      const [, marker, outbox] = answer;
      if (marker) return { ok: true, ...base, outbox };
      void this.checkForLoss().catch(() => undefined);
      return { ok: false, ...base, outbox, error: 'Redis lost its queues (FLUSHALL, or a restart without persistence): they are being rebuilt from the store' };
    } catch (error) {
      return { ok: false, ...base, error: (error as Error).message };
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Finishes or hands back jobs in flight, then closes every connection; promptly, whatever
   * state Redis is in (up, down, or reconnecting).
   */
  stop(): Promise<void> {
    return (this.stopping ??= this.shutdown());
  }

  private async shutdown(): Promise<void> {
    // First the watcher: Redis coming back during a stop must not start a rebuild.
    if (this.watch) clearInterval(this.watch);
    this.redis.off('ready', this.checkNow);
    // No new jobs; those in flight and a rebuild get a bounded time to finish.
    await Promise.all(this.workers.map((w) => w.pause(true)));
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, this.options.stopGraceMs ?? 10_000)));
    await Promise.race([Promise.allSettled([...this.inFlight, this.rebuilding]), grace]);
    clearTimeout(timer);
    // By force: BullMQ's graceful close waits for its blocking connection's 'end', which ioredis
    // never emits for a connection between two reconnect attempts (Redis down or just back), so
    // it would wait for ever. A job still running keeps its lock until it expires, then another worker takes it.
    await Promise.all(this.workers.map((w) => w.close(true)));
    await Promise.all(Object.values(this.queues).map((q) => q.close()));
    this.workerConnection?.disconnect();
    this.outboxConnection.disconnect();
    this.redis.disconnect();
  }
}
