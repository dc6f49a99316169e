import { Jobs } from '../jobs/jobs.js';
import { openApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { standaloneSenders } from './senders.js';

/**
 * `rapporteur worker`: the queue workers alone, for deployments that scale them apart from
 * the doors. Several workers on several machines share the work; each job runs once.
 */
export async function worker(): Promise<void> {
  const config = loadConfig();
  const app = await openApp(config);
  const jobs = await Jobs.start({ app, senders: await standaloneSenders(app), redisUrl: config.REDIS_URL, prefix: config.RAPPORTEUR_QUEUE_PREFIX, lockMs: config.RAPPORTEUR_JOB_LOCK_MS, workers: true });
  app.setJobs(jobs);
  app.logger.info({ redis: jobs.redisStatus.version }, 'worker running');
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      app.logger.info({ signal }, 'worker stopping: finishing or handing back the jobs in hand');
      resolve();
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  await jobs.stop();
  await app.close();
}
