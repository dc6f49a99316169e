import type { Express } from 'express';
import type { Core } from '../../src/core/core.js';
import { toICalendar } from './ics.js';

/**
 * GET /calendar/<token>.ics: a conversation's private feed of its deadlines, read fresh from the
 * store on every request. A wrong, malformed or revoked token gets the same 404, so the answer
 * tells nothing about which feeds exist.
 */
export function addCalendarRoute(http: Express, core: Core, clock: () => Date = () => new Date()): void {
  http.get('/calendar/:file', async (req, res) => {
    const token = /^([0-9a-f]+)\.ics$/.exec(req.params.file ?? '')?.[1];
    const feed = token ? await core.calendarFeed(token).catch(() => undefined) : null;
    if (feed === undefined) {
      res.status(503).type('text/plain').send('The calendar cannot be read just now; your calendar will try again.');
      return;
    }
    if (!feed) {
      res.status(404).type('text/plain').send('No calendar here.');
      return;
    }
    res
      .status(200)
      .set({ 'content-type': 'text/calendar; charset=utf-8', 'cache-control': 'private, no-cache', 'x-robots-tag': 'noindex' })
      .send(toICalendar(feed, clock()));
  });
}
