import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { countryName } from '../domain/countries.js';
import { conversationOf, type Channel } from '../domain/conversations.js';
import { dateIn } from '../domain/dates.js';
import { standing } from '../deadlines/standing.js';
import type { StoredDeadline } from '../store/records.js';
import type { Store } from '../store/store.js';

/**
 * A conversation's deadlines as a calendar: the private feed's token and the events in it,
 * neutral of any calendar format (the HTTP door writes iCalendar).
 *
 * A token is 16 hex digits that find the feed and 64 that prove it is that feed's: only
 * the proof's SHA-256 is stored, compared in constant time, so neither a copy of the store
 * nor the time a wrong guess takes gives a feed away.
 */

const ID_HEX = 16;
const SECRET_HEX = 64;
const TOKEN = new RegExp(`^[0-9a-f]{${ID_HEX + SECRET_HEX}}$`);

const sha256 = (text: string) => createHash('sha256').update(text).digest();

export interface CalendarEvent {
  /** Stable across refreshes and reissues of the document, so calendars update the event in place. */
  uid: string;
  /** The day it is due, ISO: an all-day event. */
  date: string;
  title: string;
  description: string;
}

export interface CalendarFeed {
  name: string;
  events: CalendarEvent[];
}

/** A new token for a conversation's feed, replacing (revoking) any it had. */
export async function issueCalendarToken(store: Store, channel: Channel, by: string): Promise<string> {
  const feedId = randomBytes(ID_HEX / 2).toString('hex');
  const secret = randomBytes(SECRET_HEX / 2).toString('hex');
  await store.conversations.setCalendarFeed(channel, feedId, sha256(secret).toString('hex'), by);
  return `${feedId}${secret}`;
}

/** The conversation a token opens; null for a malformed, unknown or revoked token. */
export async function channelOfToken(store: Store, token: string): Promise<Channel | null> {
  if (!TOKEN.test(token)) return null;
  const feed = await store.conversations.calendarFeed({ feedId: token.slice(0, ID_HEX) });
  if (!feed) return null;
  const stored = Buffer.from(feed.secretHash, 'hex');
  const given = sha256(token.slice(ID_HEX));
  if (stored.length !== given.length || !timingSafeEqual(stored, given)) return null;
  return conversationOf(feed);
}

function uidOf(d: StoredDeadline): string {
  // A document's deadline keeps its key when the document is reissued; one a person added has only its id.
  const stable = d.key ? `key:${d.key}` : `id:${d.id}`;
  return `deadline-${createHash('sha1').update(stable).digest('hex').slice(0, 20)}@rapporteur`;
}

function describe(d: StoredDeadline): string {
  const lines = [
    `Basis: ${d.source === 'person' ? `added by ${d.createdBy ?? 'a person'}` : d.basis}.`,
    `Source: ${d.symbol ?? (d.source === 'person' ? 'added in chat' : 'the documents in the store')}.`,
    ...(d.country ? [`State party: ${countryName(d.country) ?? d.country}.`] : []),
    ...(d.committee ? [`Committee: ${d.committee}.`] : []),
    `Deadline #${d.id} in Rapporteur (“done ${d.id}” in chat marks it done).`,
  ];
  return lines.join('\n');
}

/** The open deadlines a conversation follows (not met, not marked done there, windows not closed), as all-day events. */
export async function calendarFeed(store: Store, channel: Channel, timeZone: string, now: Date): Promise<CalendarFeed> {
  const today = dateIn(now, timeZone);
  const subs = await store.conversations.subscriptions(channel);
  const events: CalendarEvent[] = [];
  for (const d of await store.conversations.deadlinesFollowed(channel)) {
    if (standing(d, today).state === 'closed') continue;
    if ((await store.conversations.reminderState(channel, d.id)).doneAt) continue;
    events.push({ uid: uidOf(d), date: d.due, title: `${d.title}${d.country ? ` (${countryName(d.country) ?? d.country})` : d.committee ? ` (${d.committee})` : ''}`, description: describe(d) });
  }
  const following = subs.map((s) => (s.kind === 'country' ? countryName(s.value) ?? s.value : s.value));
  return { name: `Rapporteur deadlines${following.length ? `: ${following.join(', ')}` : ''}`, events };
}
