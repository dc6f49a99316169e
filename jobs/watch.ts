import type { Queue } from 'bullmq';
import type { Logger } from 'pino';
import type { Config } from '../src/config.js';
import type { SymbolCheck, SymbolSource } from '../src/ports.js';
import type { Store } from '../src/store/store.js';
import { afterRequest, freshHost, mayAsk, nextCheck, type HostState, type WatchLimits } from '../src/watch/politeness.js';
import { predict } from '../src/watch/predict.js';
import type { JobContext } from './context.js';

/**
 * One round of the watch: make the list what the store predicts, then ask the hosts for the
 * items due, one at a time, within each host's limits. A document found is ingested by the
 * source, and the ingest announces it and marks what it meets. Everything the round decides is
 * written to the store as it goes, so a restart, or a Redis that lost its jobs, picks up where
 * it stopped.
 */

export interface WatchDeps {
  store: Store;
  source: SymbolSource;
  clock: () => Date;
  limits: WatchLimits & { perRound: number };
  logger?: Logger;
  /** Waits out a host's least interval within a round; without it the round stops there. */
  wait?: (ms: number) => Promise<void>;
}

export interface WatchRound {
  added: number;
  dropped: number;
  checked: Array<{ symbol: string; outcome: string }>;
  /** Why the round stopped before the items due were all checked. */
  held: string | null;
}

/** A failing check is tried again after a quarter of an hour, doubling up to a day. */
const retryAfterFailures = (failures: number): number => Math.min(24 * 3600_000, 15 * 60_000 * 2 ** failures);

export async function watchRound(deps: WatchDeps): Promise<WatchRound> {
  const { store, source, clock, limits } = deps;
  const now = clock();
  const today = now.toISOString().slice(0, 10);
  const predictions = predict(await store.watch.snapshot(today));
  // A new prediction is first checked within the hour, spread by its symbol.
  const { added, dropped } = await store.watch.reconcile(predictions, (p) => nextCheck(p.symbol, 1, now));
  await store.watch.expire(today);
  const round: WatchRound = { added, dropped, checked: [], held: null };
  // Read once per round and kept current as the round asks: one round runs at a time.
  const hosts = new Map<string, HostState>();
  for (const h of source.hosts()) hosts.set(h, (await store.watch.host(h)) ?? freshHost(h, now));
  for (const item of await store.watch.due(now, limits.perRound)) {
    let at = clock();
    let blocked = firstRefusal([...hosts.values()], at, limits);
    // Only the least interval is waited out here: a pause or a spent budget ends the round.
    if (blocked && deps.wait && blocked.from.getTime() - at.getTime() <= limits.minIntervalMs) {
      await deps.wait(blocked.from.getTime() - at.getTime());
      at = clock();
      blocked = firstRefusal([...hosts.values()], at, limits);
    }
    if (blocked) {
      round.held = blocked.why;
      break;
    }
    const check = await source.check(item.symbol);
    for (const h of check.asked) {
      const state = hosts.get(h) ?? freshHost(h, at);
      const failed = check.status === 'failed' && check.host === h;
      const after = afterRequest(state, clock(), failed ? { ok: false, error: check.error, retryAfterMs: check.retryAfterMs } : { ok: true });
      hosts.set(h, after);
      await store.watch.saveHost(after);
    }
    const outcome = await settle(deps, item.symbol, item.reason, item.everyHours, item.failures, check);
    round.checked.push({ symbol: item.symbol, outcome });
  }
  return round;
}

function firstRefusal(hosts: readonly HostState[], at: Date, limits: WatchLimits): { from: Date; why: string } | null {
  for (const h of hosts) {
    const d = mayAsk(h, at, limits);
    if (!d.ok) return d;
  }
  return null;
}

async function settle(deps: WatchDeps, symbol: string, reason: string, everyHours: number, failures: number, check: SymbolCheck): Promise<string> {
  const { store, clock } = deps;
  const at = clock();
  if (check.status === 'failed') {
    deps.logger?.warn({ symbol, host: check.host, error: check.error }, 'watch check failed');
    await store.watch.checked(symbol, at, { found: false, failed: true, words: check.error, next: new Date(at.getTime() + (check.retryAfterMs ?? retryAfterFailures(failures))) });
    return `failed: ${check.error}`;
  }
  if (check.status === 'not-published') {
    await store.watch.checked(symbol, at, { found: false, failed: false, words: 'not published yet', next: nextCheck(symbol, everyHours, at) });
    return 'not published yet';
  }
  const r = check.result;
  if (r.status === 'failed') {
    const words = r.error?.message ?? 'could not be read';
    await store.watch.checked(symbol, at, { found: false, failed: true, words, next: new Date(at.getTime() + retryAfterFailures(failures)) });
    return `failed: ${words}`;
  }
  // The same copy again: a reissue watch goes on; anything else was awaited and is here.
  const found = reason !== 'reissue' || r.status === 'replaced';
  await store.watch.checked(symbol, at, { found, failed: false, words: r.status, next: nextCheck(symbol, everyHours, at) });
  if (r.status === 'replaced' && r.key) {
    deps.logger?.info({ symbol, changes: r.changes }, 'watch found a reissue');
  }
  if (r.status === 'created' && r.key) deps.logger?.info({ symbol, key: r.key }, 'watch found a new document');
  return r.status;
}

/** Turns the watch's rounds on or off as the configuration says; the list itself lives in the store. */
export async function scheduleWatch(queue: Queue, config: Config): Promise<void> {
  if (config.RAPPORTEUR_WATCH === 'off') {
    await queue.removeJobScheduler('watch');
    return;
  }
  const every = config.RAPPORTEUR_WATCH_ROUND_MINUTES * 60_000;
  // The first round a minute after start: a process that restarts in a loop does not hammer the hosts.
  await queue.upsertJobScheduler('watch', { every, startDate: Date.now() + 60_000 }, { name: 'watch', opts: { removeOnComplete: 100, removeOnFail: 100 } });
}

export async function runWatch(ctx: JobContext): Promise<WatchRound> {
  const { app } = ctx;
  const round = await watchRound({
    store: app.store,
    source: app.symbols,
    clock: ctx.clock,
    logger: app.logger,
    wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    limits: { dailyBudget: app.config.RAPPORTEUR_WATCH_DAILY_BUDGET, minIntervalMs: app.config.RAPPORTEUR_WATCH_INTERVAL_S * 1000, perRound: app.config.RAPPORTEUR_WATCH_PER_ROUND },
  });
  if (round.checked.length || round.added || round.dropped) app.logger.info(round, 'watch round');
  return round;
}
