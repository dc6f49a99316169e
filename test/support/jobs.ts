import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { Jobs, type JobsOptions } from '../../jobs/jobs.js';
import { openApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { Reply } from '../../src/core/reply.js';
import type { Platform } from '../../src/domain/conversations.js';
import type { Sender, Sent } from '../../src/delivery.js';
import type { Destination } from '../../src/domain/conversations.js';
import { consoleTraits } from '../../adapters/console/traits.js';
import { CHAT_PLATFORMS } from '../../adapters/platforms.js';
import type { PlatformTraits } from '../../src/platform.js';
import { TEST_REDIS_URL, dropPrefix, uniquePrefix } from './redis.js';

/** What a Sender was asked to post, in order. */
export interface Posted {
  destination: Destination;
  reply: Reply;
  at: number;
}

/**
 * A Sender for queue tests (the platform SDKs are tested through their own fakes):
 * it records what it posts and can be told to fail the next calls.
 */
export class RecordingSender implements Sender {
  readonly posted: Posted[] = [];
  readonly attempts: number[] = [];
  private readonly failures: Error[] = [];

  readonly traits: PlatformTraits;

  constructor(readonly platform: Platform) {
    this.traits = platform === 'console' ? consoleTraits : CHAT_PLATFORMS.find((p) => p.traits.name === platform)!.traits;
  }

  failNext(...errors: Error[]): void {
    this.failures.push(...errors);
  }

  async send(destination: Destination, reply: Reply): Promise<Sent> {
    this.attempts.push(Date.now());
    const failure = this.failures.shift();
    if (failure) throw failure;
    this.posted.push({ destination, reply, at: Date.now() });
    return { messageId: `m${this.posted.length}` };
  }
}

export interface JobsHarness {
  app: App;
  jobs: Jobs;
  prefix: string;
  slack: RecordingSender;
  clock: { now: Date };
  startAnother(): Promise<Jobs>;
  cleanup(): Promise<void>;
}

export const silent = pino({ level: 'silent' });

/** An app over a fresh seeded store, with jobs on a prefix of its own and a clock the test sets. */
export interface HarnessOptions extends Partial<Omit<JobsOptions, 'senders'>> {
  env?: Record<string, string>;
  /** The senders jobs post with (default: a RecordingSender for Slack). */
  senders?: (app: App, recording: RecordingSender) => Map<Platform, Sender>;
}

export async function jobsHarness(now: string, options: HarnessOptions = {}): Promise<JobsHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'rapporteur-jobs-'));
  const clock = { now: new Date(now) };
  const { env, senders, ...jobOptions } = options;
  const app = await openApp(loadConfig({ RAPPORTEUR_DATA_DIR: dir, LOG_LEVEL: 'silent', RAPPORTEUR_ADMINS: 'slack:UADMIN', ...env }), { clock: () => clock.now, logger: silent });
  const slack = new RecordingSender('slack');
  const prefix = uniquePrefix('jobs');
  const started: Jobs[] = [];
  const start = async () => {
    const jobs = await Jobs.start({
      app,
      senders: senders ? senders(app, slack) : new Map([['slack', slack]]),
      redisUrl: jobOptions.redisUrl ?? TEST_REDIS_URL,
      prefix,
      clock: () => clock.now,
      logger: silent,
      retryDelayMs: 50,
      paceMs: { slack: 0 },
      ...jobOptions,
    });
    started.push(jobs);
    return jobs;
  };
  const jobs = await start();
  app.setJobs(jobs);
  return {
    app,
    jobs,
    prefix,
    slack,
    clock,
    startAnother: start,
    cleanup: async () => {
      for (const j of started) await j.stop();
      await app.close();
      await dropPrefix(prefix);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
