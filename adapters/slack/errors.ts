import { webApi } from '@slack/bolt';
import { reply, type Reply } from '../../src/core/reply.js';
import { DeliveryError } from '../../src/delivery.js';
import { ErrorCode } from '../../src/errors.js';

/**
 * A failed call to Slack as Slack names it ("not_in_channel", "ratelimited"), for the outbox
 * (DeliveryError) and for the person who was waiting for an answer (a sentence and a code).
 */
export interface SlackFailure {
  /** Slack's own error name, or "unreachable", "http_503". */
  code: string;
  retryAfterMs: number | null;
  /** For missing_scope: the scope Slack says is needed. */
  needed?: string;
}

/** Failures that retrying cannot mend: the channel, the token or the message itself is wrong. */
const PERMANENT = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'account_inactive',
  'invalid_auth',
  'not_authed',
  'token_revoked',
  'missing_scope',
  'restricted_action',
  'invalid_blocks',
  'msg_blocks_too_long',
]);

function secondsToMs(value: unknown): number | null {
  const n = typeof value === 'number' ? value : Number.parseInt(String(value ?? ''), 10);
  return Number.isFinite(n) && n >= 0 ? n * 1000 : null;
}

export function slackFailure(error: unknown): SlackFailure {
  if (error instanceof webApi.WebAPIRateLimitedError) return { code: 'ratelimited', retryAfterMs: error.retryAfter * 1000 };
  if (error instanceof webApi.WebAPIPlatformError) {
    const data = error.data as { error: string; needed?: unknown; response_metadata?: { retryAfter?: unknown } };
    return {
      code: data.error,
      retryAfterMs: data.error === 'ratelimited' ? secondsToMs(data.response_metadata?.retryAfter) : null,
      ...(typeof data.needed === 'string' ? { needed: data.needed } : {}),
    };
  }
  if (error instanceof webApi.WebAPIHTTPError) {
    return error.statusCode === 429 ? { code: 'ratelimited', retryAfterMs: secondsToMs(error.headers['retry-after']) } : { code: `http_${error.statusCode}`, retryAfterMs: null };
  }
  if (error instanceof webApi.WebAPIRequestError) return { code: 'unreachable', retryAfterMs: null };
  return { code: 'unknown', retryAfterMs: null };
}

export function toDeliveryError(error: unknown): DeliveryError {
  const failure = slackFailure(error);
  // A 5xx or a broken connection may come after Slack posted the message: the next attempt looks first.
  const uncertain = /^http_5/.test(failure.code) || failure.code === 'unreachable';
  return new DeliveryError(`Slack did not take the message: ${failure.code}`, PERMANENT.has(failure.code), failure.retryAfterMs, { cause: error, uncertain });
}

/** The code a person can quote: SLACK_NOT_IN_CHANNEL. */
function errorCode(failure: SlackFailure): string {
  return `SLACK_${failure.code.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`;
}

function sentence(failure: SlackFailure): string {
  switch (failure.code) {
    case 'not_in_channel':
      return 'I’m not a member of this channel, so I can’t post in it. Invite me with /invite @Rapporteur, then try again.';
    case 'channel_not_found':
      return 'I can’t see this conversation: it is private or a direct message I’m not part of. Add me to it (/invite @Rapporteur), or ask me in a direct message.';
    case 'is_archived':
      return 'This channel is archived, so nothing can be posted in it. Unarchive it or ask me somewhere else.';
    case 'missing_scope':
      return `Rapporteur’s Slack app lacks a permission it needs${failure.needed ? ` (${failure.needed})` : ''}. A workspace admin can update the app from its manifest (rapporteur slack-manifest) and reinstall it.`;
    case 'invalid_auth':
    case 'not_authed':
    case 'token_revoked':
    case 'account_inactive':
      return 'Slack no longer accepts Rapporteur’s token: the app may have been removed or reinstalled. A workspace admin needs to reinstall it and update SLACK_BOT_TOKEN.';
    case 'ratelimited':
      return `Slack asked me to slow down. Please try again${failure.retryAfterMs ? ` in ${Math.ceil(failure.retryAfterMs / 1000)} seconds` : ' in a minute'}.`;
    case 'unreachable':
      return 'I couldn’t reach Slack just now. Please try again in a moment.';
    default:
      return 'Slack did not accept my answer. Please try again; if it keeps happening, give an admin the error code below.';
  }
}

/** What a person sees when Slack refused something done for them: a sentence and Slack's own code to quote, never a trace. */
export function explain(error: unknown): Reply {
  const failure = slackFailure(error);
  return reply('error', [{ type: 'text', text: sentence(failure) }, { type: 'context', text: `Error code ${errorCode(failure)}.` }], ErrorCode.DeliveryFailed);
}
