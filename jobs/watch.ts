import type { Logger } from 'pino';
import type { SymbolCheck, SymbolSource } from '../src/ports.js';
import type { Store } from '../src/store/store.js';
import { afterRequest, freshHost, mayAsk, nextCheck, type HostState, type WatchLimits } from '../src/watch/politeness.js';
import { predict } from '../src/watch/predict.js';

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
  for (const item of await store.watch.due(now, limits.perRound)) {
    const at = clock();
    const hosts = new Map<string, HostState>();
    for (const h of source.hosts()) hosts.set(h, (await store.watch.host(h)) ?? freshHost(h, at));
    const blocked = [...hosts.values()].map((h) => mayAsk(h, at, limits)).find((d) => !d.ok);
    if (blocked && !blocked.ok) {
      round.held = blocked.why;
      break;
    }
    const check = await source.check(item.symbol);
    for (const h of check.asked) {
      const state = hosts.get(h) ?? freshHost(h, at);
      const failed = check.status === 'failed' && check.host === h;
      await store.watch.saveHost(afterRequest(state, clock(), failed ? { ok: false, error: check.error, retryAfterMs: check.retryAfterMs } : { ok: true }));
    }
    const outcome = await settle(deps, item.symbol, item.reason, item.everyHours, item.failures, check);
    round.checked.push({ symbol: item.symbol, outcome });
  }
  return round;
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
