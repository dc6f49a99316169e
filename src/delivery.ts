import { ErrorCode, RapporteurError } from './errors.js';
import type { Reply } from './core/reply.js';
import type { Destination } from './domain/conversations.js';
import type { PlatformTraits } from './platform.js';

/**
 * How the bot speaks first (reminders, digests, meeting summaries): jobs hand a Reply and a
 * Destination to the Sender of the destination's platform. Adapters implement it; jobs
 * know nothing else of them.
 */

export interface Sent {
  /** The platform's id of the message posted. */
  messageId: string | null;
}

export interface Sender {
  /** The platform posted to, its pacing and what it can do. */
  readonly traits: PlatformTraits;
  send(destination: Destination, reply: Reply): Promise<Sent>;
}

/**
 * A delivery that failed. Permanent failures (the channel is gone, the app was removed)
 * are not retried; `retryAfterMs` is the platform's own request to wait (HTTP 429).
 */
export class DeliveryError extends RapporteurError {
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly retryAfterMs: number | null = null,
    options?: { cause?: unknown },
  ) {
    super(ErrorCode.DeliveryFailed, message, options);
    this.name = 'DeliveryError';
  }
}
