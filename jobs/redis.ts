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
