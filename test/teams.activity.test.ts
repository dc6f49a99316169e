import { describe, expect, it } from 'vitest';
import { cardCommand, conversationName, messageText } from '../adapters/teams/activity.js';
import { deliveryError, retryAfterMs } from '../adapters/teams/post.js';
import { referenceFor } from '../adapters/teams/sender.js';
import { BOT, channelMessage, personalMessage } from './support/fakeTeams.js';

const URL = 'https://smba.trafficmanager.net/emea/';

describe('reading a Teams activity', () => {
  it('takes the bot’s mention out wherever it is, and keeps other people’s as names', () => {
    const a = channelMessage(URL, 'status of para 36 <at>Rapporteur</at> Azerbaijan');
    expect(messageText(a)).toBe('status of para 36 Azerbaijan');
    const other = { ...personalMessage(URL, 'what did <at>Mr. Charef</at> ask?'), entities: [{ type: 'mention', text: '<at>Mr. Charef</at>', mentioned: { id: '29:x', name: 'Mr. Charef' } }] };
    expect(messageText(other)).toBe('what did Mr. Charef ask?');
  });

  it('reads formatted messages, which Teams sends as HTML', () => {
    expect(messageText(personalMessage(URL, '<p>search <strong>detention</strong> &amp; children</p>'))).toBe('search detention & children');
    expect(messageText(personalMessage(URL, 'deadlines&nbsp;Azerbaijan &#8211; overdue'))).toBe('deadlines Azerbaijan – overdue');
  });

  it('takes a command from a card button’s data, and nothing else', () => {
    expect(cardCommand({ value: { rapporteur: { kind: 'command', command: 'deadlines AZE' } } })).toBe('deadlines AZE');
    expect(cardCommand({ value: { rapporteur: { kind: 'share' } } })).toBeNull();
    expect(cardCommand({ value: { action: 'something else' } })).toBeNull();
    expect(cardCommand({})).toBeNull();
  });

  it('names conversations for people reading the store', () => {
    expect(conversationName(channelMessage(URL, 'help'))).toBe('Treaty Bodies › CMW follow-up');
    expect(conversationName(personalMessage(URL, 'help'))).toBe('personal chat with Ana Ruiz');
  });
});

describe('posting into Teams', () => {
  it('posts a new message, or into a channel thread, never as a reply to the last message seen', () => {
    const stored = { activityId: '1764406800001', bot: BOT, conversation: { id: '19:abc@thread.tacv2;messageid=1764406800000', isGroup: true, conversationType: 'channel', name: '' }, serviceUrl: URL };
    expect(referenceFor(stored)).not.toHaveProperty('activityId');
    expect(referenceFor(stored).conversation?.id).toBe('19:abc@thread.tacv2;messageid=1764406800000');
    expect(referenceFor(stored, '1764500000000').conversation?.id).toBe('19:abc@thread.tacv2;messageid=1764500000000');
  });

  it('reads the wait a 429 asks for in seconds, as a date, or in milliseconds', () => {
    const failure = (headers: Record<string, string>) => ({ statusCode: 429, response: { headers: { get: (name: string) => headers[name] } } });
    expect(retryAfterMs(failure({ 'retry-after': '7' }))).toBe(7000);
    expect(retryAfterMs(failure({ 'retry-after': 'Sun, 29 Nov 2026 09:00:30 GMT' }), Date.parse('2026-11-29T09:00:00Z'))).toBe(30_000);
    expect(retryAfterMs(failure({ 'retry-after-ms': '250' }))).toBe(250);
    expect(retryAfterMs(failure({}))).toBeNull();
  });

  it('treats a server error or a lost connection as worth retrying', () => {
    expect(deliveryError(Object.assign(new Error('Bad gateway'), { statusCode: 502 }))).toMatchObject({ permanent: false, message: 'posting to Teams failed (HTTP 502): Bad gateway' });
    expect(deliveryError(new Error('connect ECONNREFUSED 127.0.0.1:9'))).toMatchObject({ permanent: false, retryAfterMs: null });
  });
});
