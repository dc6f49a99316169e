import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { ErrorCode, RapporteurError } from '../src/errors.js';

/** BullMQ's own floor, and the version it recommends. */
const MINIMUM = [5, 0, 0];
const RECOMMENDED = [6, 2, 0];

/** A connection for queues and workers: BullMQ's blocking commands need no retry limit per request. */
export function connectRedis(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, lazyConnect: false });
}

/**
 * Whether Redis answers at all, within a few seconds: the queue connection retries for
 * ever, which is right once running but would hang a start against a Redis that is down.
 */
export async function probeRedis(url: string, timeoutMs = 3000): Promise<void> {
  const probe = new Redis(url, { lazyConnect: true, connectTimeout: timeoutMs, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
  let cause: Error | null = null;
  probe.on('error', (error: Error) => (cause ??= error));
  try {
    await probe.connect();
    await probe.ping();
  } catch (error) {
    const where = url.replace(/\/\/[^@/]*@/, '//');
    const why = (cause ?? (error as Error)).message;
    throw new RapporteurError(ErrorCode.InvalidConfig, `Redis at REDIS_URL (${where}) does not answer: ${why}`, { cause: cause ?? error });
  } finally {
    probe.disconnect();
  }
}

function lower(version: number[], than: number[]): boolean {
  for (let i = 0; i < than.length; i++) {
    if ((version[i] ?? 0) !== than[i]) return (version[i] ?? 0) < than[i]!;
  }
  return false;
}

export interface RedisStatus {
  version: string;
  maxmemoryPolicy: string;
  warnings: string[];
}

/** Checks Redis before any queue uses it: too old refuses to start; settings that lose jobs are warned about. */
export async function checkRedis(redis: Redis, logger?: Logger): Promise<RedisStatus> {
  const info = await redis.info('server');
  const version = /redis_version:([\d.]+)/.exec(info)?.[1] ?? '0.0.0';
  const parts = version.split('.').map(Number);
  if (lower(parts, MINIMUM)) {
    throw new RapporteurError(ErrorCode.InvalidConfig, `Redis ${version} at REDIS_URL is too old: queues need Redis ${MINIMUM.join('.')} or newer`);
  }
  const warnings: string[] = [];
  if (lower(parts, RECOMMENDED)) warnings.push(`Redis ${version} works, but ${RECOMMENDED.join('.')} or newer is recommended for the queues`);
  const policy = ((await redis.config('GET', 'maxmemory-policy')) as string[])[1] ?? 'unknown';
  if (policy !== 'noeviction') {
    warnings.push(`Redis maxmemory-policy is "${policy}": under memory pressure Redis may evict queued reminders. Set "maxmemory-policy noeviction".`);
  }
  for (const w of warnings) logger?.warn(w);
  return { version, maxmemoryPolicy: policy, warnings };
}
