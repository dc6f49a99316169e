import type { Ingestor } from '../ingest/ingest.js';
import type { JobsPort } from '../ports.js';
import { conversationOf, type Channel } from '../domain/conversations.js';
import type { Store } from '../store/store.js';
import type { Request } from './request.js';

/** What a command runs with: the store, the time, who asks and whether they may change things. */
export interface CoreContext {
  store: Store;
  /** Now; injected so that answers about due dates can be tested at any date. */
  clock: () => Date;
  /** The time zone "today" is counted in. */
  timeZone: string;
  request: Request;
  isAdmin: boolean;
  /** Who may change the store, to name in a refusal. */
  admins: readonly string[];
  /** The job system, when Redis is there; the store holds every change either way. */
  jobs: JobsPort | null;
  /** Reads a document right away, where there is no job system. */
  ingestNow: IngestNow | null;
  /** Where the HTTP server is reached from outside, for links such as the calendar feed's. */
  publicUrl: string;
}

export type IngestNow = Pick<Ingestor, 'ingestUrl' | 'ingestBytes' | 'ingestSymbol'>;

/** The conversation a request came from. */
export function channelOf(ctx: CoreContext): Channel {
  return conversationOf(ctx.request);
}

/** Whether the conversation is a direct message, when the door said: kept with its settings, for the jobs. */
export function kindOf(ctx: CoreContext): { direct?: boolean } {
  return ctx.request.direct === undefined ? {} : { direct: ctx.request.direct };
}

/** The conversation's own time zone, or the configured default. */
export async function zoneOf(ctx: CoreContext, channel: Channel = channelOf(ctx)): Promise<string> {
  return (await ctx.store.conversations.settings(channel)).timeZone ?? ctx.timeZone;
}
