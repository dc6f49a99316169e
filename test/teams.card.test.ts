import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CARD_CONTENT_TYPE, MAX_MESSAGES, messageBytes, pieces, renderReply } from '../adapters/teams/adaptiveCard.js';
import { EXAMPLES } from '../src/core/commandSchemas.js';
import { reply, type Block } from '../src/core/reply.js';
import { SEEDS, coreWith, type CoreHarness } from './support/core.js';
import { visibleText } from './support/fakeTeams.js';

/** Teams refuses messages over about 28 KB. */
const TEAMS_LIMIT = 28 * 1024;

const cardOf = (activity: ReturnType<typeof renderReply>[number]) => {
  expect(activity.attachments).toHaveLength(1);
  expect(activity.attachments![0]!.contentType).toBe(CARD_CONTENT_TYPE);
  return activity.attachments![0]!.content as { version: string; body: Record<string, unknown>[]; fallbackText: string };
};

describe('Adaptive Card renderer', () => {
  it('renders every kind of block a Reply has', () => {
    const cite = { source: 'CMW/C/AZE/CO/3', where: 'para. 36 (a)', documentKey: 'CMW/C/AZE/CO/3' };
    const blocks: Block[] = [
      { type: 'heading', text: 'Azerbaijan: para. 36' },
      { type: 'text', text: 'Due process and detention' },
      { type: 'fields', fields: [{ label: 'Information due', value: '8 October 2023' }] },
      { type: 'divider' },
      { type: 'quote', text: '[C] 36 (a): not implemented.', cite },
      { type: 'list', title: 'The recommendation:', items: [{ text: '(a) Adopt measures', cite }, { text: '(b) Cease detention of children' }] },
      { type: 'context', text: 'Sources: CMW/C/AZE/CO/3' },
      {
        type: 'actions',
        actions: [
          { id: 'deadlines', label: 'Deadlines', kind: 'command', command: 'deadlines AZE', style: 'primary' },
          { id: 'remove', label: 'Remove', kind: 'command', command: 'deadline remove 12', style: 'danger' },
          { id: 'share', label: 'Share in channel', kind: 'share' },
        ],
      },
    ];
    const [activity, ...more] = renderReply(reply('answer', blocks));
    expect(more).toEqual([]);
    const card = cardOf(activity!);
    expect(card.version).toBe('1.5');
    expect(card.fallbackText).toBe(reply('answer', blocks).fallback);
    expect(activity!.summary).toBe('Azerbaijan: para. 36');
    expect(card.body).toEqual([
      { type: 'TextBlock', text: 'Azerbaijan: para. 36', wrap: true, style: 'heading', size: 'Large', weight: 'Bolder' },
      { type: 'TextBlock', text: 'Due process and detention', wrap: true },
      { type: 'FactSet', facts: [{ title: 'Information due', value: '8 October 2023' }], spacing: 'None' },
      {
        type: 'Container',
        style: 'emphasis',
        separator: true,
        spacing: 'Medium',
        items: [
          { type: 'TextBlock', text: '[C] 36 (a): not implemented.', wrap: true },
          { type: 'TextBlock', text: '— CMW/C/AZE/CO/3, para. 36 (a)', wrap: true, isSubtle: true, size: 'Small', spacing: 'Small' },
        ],
      },
      { type: 'TextBlock', text: 'The recommendation:', wrap: true, weight: 'Bolder' },
      { type: 'RichTextBlock', spacing: 'Small', inlines: [{ type: 'TextRun', text: '• (a) Adopt measures' }, { type: 'TextRun', text: ' (CMW/C/AZE/CO/3, para. 36 (a))', isSubtle: true }] },
      { type: 'RichTextBlock', spacing: 'Small', inlines: [{ type: 'TextRun', text: '• (b) Cease detention of children' }] },
      { type: 'TextBlock', text: 'Sources: CMW/C/AZE/CO/3', wrap: true, isSubtle: true, size: 'Small' },
      {
        type: 'ActionSet',
        actions: [
          { type: 'Action.Execute', title: 'Deadlines', verb: 'command', data: { rapporteur: { kind: 'command', command: 'deadlines AZE' } }, style: 'positive' },
          { type: 'Action.Execute', title: 'Remove', verb: 'command', data: { rapporteur: { kind: 'command', command: 'deadline remove 12' } }, style: 'destructive' },
        ],
      },
    ]);
  });

  it('cuts a long answer into messages under Teams’ limit, in order, nothing lost', () => {
    const items = Array.from({ length: 150 }, (_, i) => ({ text: `Item ${i + 1}: ${'the State party should strengthen its measures '.repeat(5)}` }));
    const long = reply('answer', [{ type: 'heading', text: 'Search: detention' }, { type: 'list', items }, { type: 'context', text: 'Sources: many' }]);
    const messages = renderReply(long);
    expect(messages.length).toBeGreaterThan(1);
    expect(messages.length).toBeLessThanOrEqual(MAX_MESSAGES);
    for (const m of messages) expect(messageBytes(m)).toBeLessThan(TEAMS_LIMIT);

    const texts = messages.map((m) => visibleText(cardOf(m)));
    expect(texts[0]).toMatch(/^Search: detention\n• Item 1:/);
    expect(texts[1]).toMatch(new RegExp(`^Search: detention \\(continued, 2 of ${messages.length}\\)\\n• Item \\d+:`));
    const shown = texts.join('\n').match(/Item \d+(?=:)/g)!;
    expect(shown).toEqual(items.map((_, i) => `Item ${i + 1}`));
    expect(texts.at(-1)).toContain('Sources: many');
    // Each message's fallback is its own part of the answer.
    expect(cardOf(messages[1]!).fallbackText).toMatch(/^• Item \d+:/);
    expect(messages.every((m) => m.summary === 'Search: detention')).toBe(true);
  });

  it('says so when an answer is longer than five messages', () => {
    const items = Array.from({ length: 2000 }, (_, i) => ({ text: `Paragraph ${i + 1}: ${'x'.repeat(200)}` }));
    const messages = renderReply(reply('answer', [{ type: 'list', items }]));
    expect(messages).toHaveLength(MAX_MESSAGES);
    expect(visibleText(cardOf(messages.at(-1)!))).toContain('The answer is longer than Teams shows in 5 messages; the rest is left out. Ask a narrower question to see it.');
  });

  it('cuts one very long text at sentence ends', () => {
    const sentence = 'The Committee notes the information provided by the State party. ';
    const text = sentence.repeat(200).trim();
    const cut = pieces(text, 3000);
    expect(cut.length).toBeGreaterThan(4);
    expect(cut.every((p) => p.length <= 3000 && p.endsWith('party.'))).toBe(true);
    expect(cut.join(' ')).toBe(text);
    for (const m of renderReply(reply('answer', [{ type: 'quote', text, cite: { source: 'CMW/C/SR.463', where: 'para. 1', documentKey: 'CMW/C/SR.463' } }]))) {
      expect(messageBytes(m)).toBeLessThan(TEAMS_LIMIT);
    }
  });

  describe('the core’s own answers', () => {
    let h: CoreHarness;
    beforeAll(async () => {
      h = await coreWith(SEEDS);
    });
    afterAll(async () => h.cleanup());

    it.each(Object.entries(EXAMPLES).flatMap(([, examples]) => examples))('“%s” fits in Teams as Adaptive Cards 1.5', async (question) => {
      const messages = renderReply(await h.ask(question, { platform: 'teams', userId: 'aad-user', channelId: '19:x@thread.tacv2' }));
      expect(messages.length).toBeGreaterThan(0);
      for (const m of messages) {
        expect(cardOf(m).version).toBe('1.5');
        expect(messageBytes(m)).toBeLessThan(TEAMS_LIMIT);
        expect(visibleText(cardOf(m)).length).toBeGreaterThan(0);
      }
    });
  });
});
