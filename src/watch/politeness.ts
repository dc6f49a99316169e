import { createHash } from 'node:crypto';

/**
 * How a watch keeps to the UN hosts' good graces: one request at a time per host (the watch
 * runs one check at a time), a least interval between two requests to a host, a daily
 * budget per host, a pause as long as a 429's Retry-After asks, and checks spread over the
 * day. Pure: the host's state and the time in, a decision out.
 */

export interface WatchLimits {
  /** Requests to one host per UTC day. */
  dailyBudget: number;
  /** Least time between two requests to one host. */
  minIntervalMs: number;
}

export interface HostState {
  host: string;
  /** The UTC day `requests` counts. */
  day: string;
  requests: number;
  /** Failures in a row; 0 after a success. */
  failures: number;
  pausedUntil: string | null;
  lastRequestAt: string | null;
  lastError: string | null;
}

export type HostOutcome = { ok: true } | { ok: false; error: string; retryAfterMs: number | null };

const utcDay = (at: Date): string => at.toISOString().slice(0, 10);

export function freshHost(host: string, now: Date): HostState {
  return { host, day: utcDay(now), requests: 0, failures: 0, pausedUntil: null, lastRequestAt: null, lastError: null };
}

/** Whether a host may be asked now, and if not, from when. */
export function mayAsk(state: HostState, now: Date, limits: WatchLimits): { ok: true } | { ok: false; from: Date; why: string } {
  if (state.pausedUntil && new Date(state.pausedUntil) > now) return { ok: false, from: new Date(state.pausedUntil), why: `${state.host} asked to wait` };
  const requests = state.day === utcDay(now) ? state.requests : 0;
  if (requests >= limits.dailyBudget) {
    const tomorrow = new Date(`${utcDay(now)}T00:00:00Z`);
    tomorrow.setUTCDate(tomorrow.getUTCDate() + 1);
    return { ok: false, from: tomorrow, why: `today's ${limits.dailyBudget} requests to ${state.host} are spent` };
  }
  if (state.lastRequestAt) {
    const next = new Date(new Date(state.lastRequestAt).getTime() + limits.minIntervalMs);
    if (next > now) return { ok: false, from: next, why: `${state.host} was asked moments ago` };
  }
  return { ok: true };
}

/** Longest pause a failing host gets between tries. */
const MAX_HOST_BACKOFF_MS = 6 * 60 * 60 * 1000;

/** The host's state after one request to it. */
export function afterRequest(state: HostState, now: Date, outcome: HostOutcome): HostState {
  const day = utcDay(now);
  const requests = (state.day === day ? state.requests : 0) + 1;
  if (outcome.ok) return { ...state, day, requests, failures: 0, pausedUntil: null, lastRequestAt: now.toISOString(), lastError: null };
  const failures = state.failures + 1;
  // Retry-After is the host's own word; otherwise back off doubling from a minute.
  const waitMs = outcome.retryAfterMs ?? Math.min(MAX_HOST_BACKOFF_MS, 60_000 * 2 ** (failures - 1));
  return { ...state, day, requests, failures, pausedUntil: new Date(now.getTime() + waitMs).toISOString(), lastRequestAt: now.toISOString(), lastError: outcome.error };
}

/** A host that has failed this many times in a row is reported by /healthz. */
export const FAILING_AFTER = 5;

/**
 * When an item is next checked: its interval from now, moved by up to a fifth of it by the
 * symbol's own hash, so that items added together do not fall due together.
 */
export function nextCheck(symbol: string, everyHours: number, now: Date): Date {
  const spread = createHash('sha256').update(symbol).digest().readUInt32BE(0) / 0xffffffff;
  const ms = everyHours * 3600_000 * (0.9 + 0.2 * spread);
  return new Date(now.getTime() + ms);
}
