import { createHash } from 'node:crypto';
import type { Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { addCalendarRoute } from '../adapters/http/calendar.js';
import { close, createHttpApp, listen } from '../adapters/http/server.js';
import type { Request } from '../src/core/request.js';
import { fixturePath } from './support/documents.js';
import { SEEDS, coreWith, saveFiles, type CoreHarness } from './support/core.js';

/** A conversation's deadlines as an iCalendar feed, on the HTTP server, behind a private token. */

let h: CoreHarness;
let server: Server | undefined;
let base = '';
afterEach(async () => {
  if (server) await close(server);
  server = undefined;
  await h.cleanup();
});

async function serve(): Promise<void> {
  const http = createHttpApp(async () => ({ ok: true }));
  addCalendarRoute(http, h.core, () => new Date('2026-11-29T09:00:00Z'));
  const listening = await listen(http, 0, '127.0.0.1');
  server = listening.server;
  base = `http://127.0.0.1:${listening.port}`;
}

const admin: Partial<Request> = { userId: 'UADMIN', userName: 'Ana' };

/** The feed's path, from the answer to "calendar". */
function feedPath(text: string): string {
  const m = /http:\/\/localhost:3000(\/calendar\/[0-9a-f]{80}\.ics)/.exec(text);
  if (!m) throw new Error(`no feed address in: ${text}`);
  return m[1]!;
}

/** RFC 5545's unfolding, then each event's properties by name. */
function events(ics: string): Array<Record<string, string>> {
  const lines = ics.replace(/\r\n[ \t]/g, '').split('\r\n');
  const out: Array<Record<string, string>> = [];
  let current: Record<string, string> | null = null;
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') current = {};
    else if (line === 'END:VEVENT') {
      out.push(current!);
      current = null;
    } else if (current) {
      const colon = line.indexOf(':');
      current[line.slice(0, colon)] = line.slice(colon + 1);
    }
  }
  return out;
}

async function get(path: string): Promise<{ status: number; type: string | null; body: string }> {
  const res = await fetch(`${base}${path}`);
  return { status: res.status, type: res.headers.get('content-type'), body: await res.text() };
}

describe('the calendar feed', () => {
  it('holds one all-day event per open deadline, with its basis and source, and follows the store', async () => {
    h = await coreWith(SEEDS);
    await saveFiles(h.store, [fixturePath('co-bol-2.md')]);
    await serve();
    await h.ask('follow Bolivia');
    await h.ask('follow Azerbaijan');
    const added = await h.ask('deadline add 2027-03-01 Azerbaijan reply; part 1, annex', admin);
    const id = Number(/#(\d+)/.exec(added.fallback)![1]);
    const answer = await h.ask('calendar');
    expect(answer.fallback).toContain('The private calendar feed of this conversation’s deadlines: http://localhost:3000/calendar/');
    expect(answer.fallback).toContain('in Outlook, Add calendar › Subscribe from web; in Google Calendar, Other calendars › From URL; in Apple Calendar, File › New Calendar Subscription');
    const path = feedPath(answer.fallback);

    const feed = await get(path);
    expect(feed.status).toBe(200);
    expect(feed.type).toBe('text/calendar; charset=utf-8');
    expect(feed.body.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:')).toBe(true);
    expect(feed.body.endsWith('END:VCALENDAR\r\n')).toBe(true);
    // Every line within 75 octets, as RFC 5545 asks.
    expect(feed.body.split('\r\n').filter((l) => Buffer.byteLength(l) > 75)).toEqual([]);
    const first = events(feed.body);
    // Bolivia's follow-up information and next report, and the one added here; Azerbaijan's are met or closed.
    expect(first.map((e) => e['DTSTART;VALUE=DATE'])).toEqual(['20270301', '20390416', '20420501']);
    const mine = first[0]!;
    expect(mine).toMatchObject({ 'DTEND;VALUE=DATE': '20270302', SUMMARY: 'reply\\; part 1\\, annex (Azerbaijan)', TRANSP: 'TRANSPARENT' });
    expect(mine.DESCRIPTION).toContain('Basis: added by Ana.\\nSource: added in chat.\\nState party: Azerbaijan.');
    const bolivia = first[1]!;
    expect(bolivia.SUMMARY).toContain('Follow-up information on CMW/C/BOL/CO/2');
    expect(bolivia.DESCRIPTION).toMatch(/^Basis: "within two years of the adoption/);
    expect(bolivia.DESCRIPTION).toContain('Source: CMW/C/BOL/CO/2.');

    // The store changes: a deadline marked done here leaves the feed, a new one joins it, and the others keep their UIDs.
    await h.ask(`done ${id}`);
    await h.ask('deadline add 2027-06-30 Bolivia NGO shadow report', admin);
    const second = events((await get(path)).body);
    expect(second.map((e) => e['DTSTART;VALUE=DATE'])).toEqual(['20270630', '20390416', '20420501']);
    expect(second.slice(1).map((e) => e.UID)).toEqual(first.slice(1).map((e) => e.UID));
    expect(new Set(second.map((e) => e.UID)).size).toBe(3);
  });

  it('answers 404 to a wrong, malformed or revoked token, and never with another conversation’s feed', async () => {
    h = await coreWith(SEEDS);
    await saveFiles(h.store, [fixturePath('co-bol-2.md')]);
    await serve();
    await h.ask('follow Bolivia');
    const ours = feedPath((await h.ask('calendar')).fallback);
    const theirs = feedPath((await h.ask('calendar', { channelId: 'C2' })).fallback);
    expect(events((await get(ours)).body)).toHaveLength(2);
    expect(events((await get(theirs)).body)).toHaveLength(0);

    const token = ours.slice('/calendar/'.length, -'.ics'.length);
    const flipped = `${token.slice(0, -1)}${token.endsWith('0') ? '1' : '0'}`;
    // Their feed's id with our secret: the secret must belong to the feed the id names.
    const crossed = `${theirs.slice('/calendar/'.length, '/calendar/'.length + 16)}${token.slice(16)}`;
    for (const wrong of [`/calendar/${flipped}.ics`, `/calendar/${crossed}.ics`, `/calendar/${token.slice(0, 40)}.ics`, `/calendar/${token}`, '/calendar/../healthz.ics']) {
      const r = await get(wrong);
      expect(r.status, wrong).toBe(404);
      expect(r.body, wrong).not.toContain('BEGIN:VCALENDAR');
    }

    // Asked again, the address is not shown (only its hash is kept); a reset revokes it.
    expect((await h.ask('calendar')).fallback).toContain('I keep only a fingerprint of its address, so I cannot show it again');
    const reset = await h.ask('calendar reset');
    expect(reset.fallback).toContain('The old calendar address no longer works.');
    const renewed = feedPath(reset.fallback);
    expect((await get(ours)).status).toBe(404);
    expect((await get(renewed)).status).toBe(200);
    expect((await h.ask('calendar off')).fallback).toContain('its address no longer works');
    expect((await get(renewed)).status).toBe(404);
  });

  it('keeps only the hash of a feed’s secret', async () => {
    h = await coreWith([]);
    const token = feedPath((await h.ask('calendar')).fallback).slice('/calendar/'.length, -'.ics'.length);
    const stored = await h.store.conversations.calendarFeed({ platform: 'slack', channelId: 'C1' });
    expect(stored).toMatchObject({ feedId: token.slice(0, 16), secretHash: createHash('sha256').update(token.slice(16)).digest('hex') });
    expect(JSON.stringify(stored)).not.toContain(token.slice(16));
  });
});
