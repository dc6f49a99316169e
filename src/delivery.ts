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

export interface SendOptions {
  /** The outbox row the message comes from: kept with the message where the platform allows (Slack's metadata). */
  outboxId?: number;
  /**
   * An earlier attempt may have posted it (a crash or an unclear answer mid-call): a sender
   * that can find its own messages looks first and posts only what is not there.
   */
  uncertain?: boolean;
}

export interface Sender {
  /** The platform posted to, its pacing and what it can do. */
  readonly traits: PlatformTraits;
  /** Whether `uncertain` is answered by a look-up; without one an uncertain message is posted again. */
  readonly findsOwnMessages?: boolean;
  send(destination: Destination, reply: Reply, options?: SendOptions): Promise<Sent>;
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
    options?: { cause?: unknown; uncertain?: boolean },
  ) {
    super(ErrorCode.DeliveryFailed, message, options);
    this.name = 'DeliveryError';
    this.uncertain = options?.uncertain ?? false;
  }

  /** The platform may have posted it before failing (a 5xx, a dropped connection): look before posting again. */
  readonly uncertain: boolean;
}
