import type { RequestHandler } from 'express';

/** Slack's own window for a request's timestamp. */
const WINDOW_SECONDS = 5 * 60;

/**
 * Bolt refuses a signed request older than five minutes but accepts one stamped in the future,
 * which could then be replayed until that time: refuse both alike (401).
 */
export function refuseFutureTimestamps(now: () => number = Date.now): RequestHandler {
  return (req, res, next) => {
    const stamp = Number(req.headers['x-slack-request-timestamp']);
    if (Number.isFinite(stamp) && stamp > now() / 1000 + WINDOW_SECONDS) {
      res.status(401).send();
      return;
    }
    next();
  };
}
