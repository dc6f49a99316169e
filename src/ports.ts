import type { Channel, Destination, PersonalReminder } from './domain/conversations.js';
import type { IngestResult } from './ingest/ingest.js';

/**
 * What the core asks of the job system, without knowing it: the store already holds every
 * change; these calls only make the queues catch up now rather than at the next
 * reconciliation. Without Redis the core works, and the jobs catch up when they start.
 */
export interface JobsPort {
  /** A channel's follows, reminder days or time zone changed: rebuild its reminders. */
  channelChanged(channel: Channel): Promise<void>;
  /** A channel's digest was set, changed or turned off. */
  digestChanged(channel: Channel): Promise<void>;
  /** Deadlines about a State party or committee were added, removed or moved: rebuild their followers' reminders. */
  deadlinesChanged(about: { country: string | null; committee: string | null }): Promise<void>;
  /** A deadline was snoozed or marked done in a channel. */
  reminderStateChanged(channel: Channel, deadlineId: number): Promise<void>;
  personalReminderAdded(reminder: PersonalReminder): Promise<void>;
  /** Outbox messages written to the store, to send now. */
  outboxAdded(ids: readonly number[]): Promise<void>;
  /** Reads a document from a link or an upload in the background; progress and result go to `replyTo`. */
  ingestInBackground(request: IngestRequest): Promise<{ jobId: string }>;
}

export interface IngestRequest {
  url?: string;
  /** A UN symbol, fetched from the document systems. */
  symbol?: string;
  /** An upload: the platform's file, already downloaded, as base64. */
  file?: { name: string; base64: string; contentType?: string };
  requestedBy: string;
  replyTo: Destination;
}

/** What asking the UN's hosts for one symbol came to. */
export type SymbolCheck =
  /** The document was fetched and ingested (the result says whether it was new, a reissue or the same). */
  | { status: 'found'; result: IngestResult; asked: string[] }
  /** No host has it yet: ODS's empty answer, or no copy on the Treaty Body Database. */
  | { status: 'not-published'; asked: string[] }
  /** A host failed or asked to wait; `host` is the one that did. */
  | { status: 'failed'; asked: string[]; host: string; error: string; retryAfterMs: number | null };

/** Fetches documents by symbol from the UN's hosts, for the watch. */
export interface SymbolSource {
  /** The hosts a check may ask, so that the watch keeps to each one's limits. */
  hosts(): string[];
  /** Asks for one symbol and ingests what comes; never throws. */
  check(symbol: string): Promise<SymbolCheck>;
}
