import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS, renderHome, renderMessages, type SlackMessage } from '../adapters/slack/blockKit.js';
import { clipWords, plainFromSlack, questionFromMention } from '../adapters/slack/mrkdwn.js';
import { reply, type Block, type Reply } from '../src/core/reply.js';
import { SEEDS, coreWith, type CoreHarness } from './support/core.js';

/** Every piece of text a block shows, as Slack would read it. */
function texts(block: unknown): string[] {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) k === 'text' && typeof x === 'string' ? out.push(x) : walk(x);
  };
  walk(block);
  return out;
}

/** Slack's limits, checked the way Slack checks them before accepting a message. */
function expectWithinLimits(message: SlackMessage): void {
  expect(message.blocks.length).toBeLessThanOrEqual(LIMITS.messageBlocks);
  expect(message.text.length).toBeGreaterThan(0);
  expect(message.text.length).toBeLessThanOrEqual(LIMITS.fallbackChars);
  expect(message.blocks.flatMap(texts).join('').length).toBeLessThanOrEqual(LIMITS.messageChars);
  for (const b of message.blocks) {
    if (b.type === 'header') expect(b.text.text.length).toBeLessThanOrEqual(LIMITS.headerText);
    if (b.type === 'section') {
      if (b.text) expect(b.text.text.length).toBeLessThanOrEqual(LIMITS.sectionText);
      expect((b.fields ?? []).length).toBeLessThanOrEqual(LIMITS.fieldsPerSection);
      for (const f of b.fields ?? []) expect(f.text.length).toBeLessThanOrEqual(LIMITS.fieldText);
    }
    if (b.type === 'context') expect(b.elements.length).toBeLessThanOrEqual(LIMITS.contextElements);
    if (b.type === 'actions') {
      expect(b.elements.length).toBeLessThanOrEqual(LIMITS.actionsPerBlock);
      const ids = b.elements.map((e) => ('action_id' in e ? e.action_id : ''));
      expect(new Set(ids).size).toBe(ids.length);
      for (const e of b.elements) if (e.type === 'button') expect((e.value ?? '').length).toBeLessThanOrEqual(LIMITS.buttonValue);
    }
  }
}

const cite = { source: 'CMW/C/SR.463', where: 'para. 16', documentKey: 'CMW/C/SR.463' };

describe('the Block Kit renderer', () => {
  it('renders every Reply element', () => {
    const blocks: Block[] = [
      { type: 'heading', text: 'Summary of CMW/C/SR.463' },
      { type: 'text', text: 'The Committee met in Geneva.' },
      { type: 'fields', fields: [{ label: 'Chair', value: 'Mr. Ceriani Cernadas' }] },
      { type: 'quote', text: 'The Committee regrets the lack of data.', cite },
      { type: 'list', title: 'Speakers', items: [{ text: 'Mr. Charef asked about detention', cite }, { text: 'Ms. Dicko' }] },
      { type: 'divider' },
      { type: 'context', text: 'Source: CMW/C/SR.463.' },
      { type: 'actions', actions: [{ id: 'show-source', label: 'Show source', kind: 'command', command: 'source CMW/C/SR.463 para 16', style: 'primary' }, { id: 'share', label: 'Share in channel', kind: 'share' }] },
    ];
    const [message, ...more] = renderMessages(reply('answer', blocks), { share: 'summary 463' });
    expect(more).toEqual([]);
    expect(message!.blocks).toEqual([
      { type: 'header', text: { type: 'plain_text', text: 'Summary of CMW/C/SR.463', emoji: false } },
      { type: 'section', text: { type: 'mrkdwn', text: 'The Committee met in Geneva.' } },
      { type: 'section', fields: [{ type: 'mrkdwn', text: '*Chair*\nMr. Ceriani Cernadas' }] },
      { type: 'section', text: { type: 'mrkdwn', text: '> The Committee regrets the lack of data.' } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'CMW/C/SR.463, para. 16' }] },
      { type: 'section', text: { type: 'mrkdwn', text: '*Speakers*\n• Mr. Charef asked about detention (CMW/C/SR.463, para. 16)\n• Ms. Dicko' } },
      { type: 'divider' },
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'Source: CMW/C/SR.463.' }] },
      {
        type: 'actions',
        elements: [
          { type: 'button', action_id: 'command:show-source', text: { type: 'plain_text', text: 'Show source', emoji: false }, value: 'source CMW/C/SR.463 para 16', style: 'primary' },
          { type: 'button', action_id: 'share:share', text: { type: 'plain_text', text: 'Share in channel', emoji: false }, value: 'summary 463' },
        ],
      },
    ]);
    expect(message!.text).toContain('Summary of CMW/C/SR.463');
  });

  it('escapes &, < and > in document text, so it cannot open links or notify a channel', () => {
    const blocks: Block[] = [
      { type: 'text', text: 'Migrants <!channel> & refugees > 6,300 <https://evil.example|click>' },
      { type: 'quote', text: 'A & B <@U123>', cite: { ...cite, where: 'paras. 9 & 11' } },
      { type: 'fields', fields: [{ label: 'A<b>', value: 'x & y' }] },
      { type: 'list', items: [{ text: '<script>' }] },
      { type: 'context', text: '<!here>' },
    ];
    const [message] = renderMessages(reply('answer', blocks));
    const shown = message!.blocks.flatMap(texts).join('\n');
    expect(shown).toContain('Migrants &lt;!channel&gt; &amp; refugees &gt; 6,300 &lt;https://evil.example|click&gt;');
    expect(shown).toContain('> A &amp; B &lt;@U123&gt;');
    expect(shown).toContain('CMW/C/SR.463, paras. 9 &amp; 11');
    expect(shown).toContain('*A&lt;b&gt;*\nx &amp; y');
    expect(shown).toContain('&lt;!here&gt;');
    expect(shown.replace(/&(amp|lt|gt);/g, '')).not.toMatch(/[<&]/);
    expect(message!.text).not.toMatch(/<|&(?!amp;|lt;|gt;)/);
  });

  it('keeps headers within 150 characters without losing the words', () => {
    const long = `Azerbaijan: ${'follow-up on a very long recommendation title '.repeat(5)}`.trim();
    const [message] = renderMessages(reply('answer', [{ type: 'heading', text: long }]));
    expect(message!.blocks).toEqual([{ type: 'section', text: { type: 'mrkdwn', text: `*${long}*` } }]);
    expectWithinLimits(message!);
  });

  it('splits a long answer into messages within every limit, in order, nothing lost', () => {
    const paragraph = (i: number) => `Paragraph ${i}: ${'the State party shall ensure that migrant workers are informed of their rights & remedies. '.repeat(12)}`;
    const blocks: Block[] = [{ type: 'heading', text: 'Everything said at the 463rd meeting' }];
    for (let i = 1; i <= 80; i++) blocks.push({ type: 'quote', text: paragraph(i), cite: { ...cite, where: `para. ${i}` } });
    blocks.push({ type: 'text', text: 'x'.repeat(7000) });
    blocks.push({ type: 'actions', actions: [{ id: 'share', label: 'Share in channel', kind: 'share' }] });
    const messages = renderMessages(reply('answer', blocks), { share: 'summary 463' });
    expect(messages.length).toBeGreaterThan(3);
    messages.forEach(expectWithinLimits);
    messages.forEach((m, i) => expect(m.blocks.at(-1)).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: `Part ${i + 1} of ${messages.length}` }] }));
    const shown = messages.flatMap((m) => m.blocks.flatMap(texts)).join('\n');
    for (let i = 1; i <= 80; i++) expect(shown).toContain(`CMW/C/SR.463, para. ${i}`);
    expect(shown.indexOf('para. 79')).toBeLessThan(shown.indexOf('para. 80'));
    expect(shown.replace(/\s/g, '')).toContain('x'.repeat(7000));
    expect(messages.at(-1)!.blocks.some((b) => b.type === 'actions')).toBe(true);
    // Each message's fallback is its own part of the answer.
    expect(messages[0]!.text).toContain('Paragraph 1:');
    expect(messages.at(-1)!.text).not.toContain('Paragraph 1:');
  });

  it('splits a section over 3,000 characters at line and word boundaries, and a quote keeps its bar', () => {
    const text = Array.from({ length: 60 }, (_, i) => `Line ${i}: ${'word '.repeat(20)}`).join('\n');
    const [message] = renderMessages(reply('answer', [{ type: 'quote', text, cite }, { type: 'text', text: 'a'.repeat(3500) }]));
    expectWithinLimits(message!);
    const quoteSections = message!.blocks.filter((b) => b.type === 'section' && b.text?.text.startsWith('>'));
    expect(quoteSections.length).toBeGreaterThan(1);
    for (const s of quoteSections) if (s.type === 'section') expect(s.text!.text.split('\n').every((l) => l.startsWith('> '))).toBe(true);
  });

  it('never cuts an escaped character in two', () => {
    const [message] = renderMessages(reply('answer', [{ type: 'text', text: '&'.repeat(2000) }]));
    for (const t of message!.blocks.flatMap(texts)) expect(t).toMatch(/^(&amp;)+$/);
  });

  it('gives buttons stable ids per kind and the command as value; leaves out what cannot work', () => {
    const blocks: Block[] = [
      {
        type: 'actions',
        actions: [
          { id: 'snooze', label: 'Snooze a week', kind: 'command', command: 'snooze 12 1 week' },
          { id: 'snooze', label: 'Snooze a day', kind: 'command', command: 'snooze 12 1 day' },
          { id: 'too-long', label: 'Too long', kind: 'command', command: `search ${'x'.repeat(2000)}` },
          { id: 'no-command', label: 'Nothing', kind: 'command' },
          { id: 'share', label: 'Share in channel', kind: 'share' },
        ],
      },
    ];
    const [withShare] = renderMessages(reply('answer', blocks), { share: 'status 36 AZE' });
    const [publicAnswer] = renderMessages(reply('answer', blocks));
    const buttons = (m: SlackMessage) => m.blocks.flatMap((b) => (b.type === 'actions' ? b.elements : [])).map((e) => ('action_id' in e && e.type === 'button' ? [e.action_id, e.value] : []));
    expect(buttons(withShare!)).toEqual([
      ['command:snooze', 'snooze 12 1 week'],
      ['command:snooze.2', 'snooze 12 1 day'],
      ['share:share', 'status 36 AZE'],
    ]);
    expect(buttons(publicAnswer!)).toEqual([
      ['command:snooze', 'snooze 12 1 week'],
      ['command:snooze.2', 'snooze 12 1 day'],
    ]);
  });

  it('offers Share on every private answer, and only on answers', () => {
    const shareButtons = (r: Reply) => renderMessages(r, { share: 'deadlines' }).flatMap((m) => m.blocks.flatMap((b) => (b.type === 'actions' ? b.elements : [])));
    expect(shareButtons(reply('answer', [{ type: 'text', text: 'Due soon' }]))).toEqual([
      { type: 'button', action_id: 'share:share', text: { type: 'plain_text', text: 'Share in channel', emoji: false }, value: 'deadlines' },
    ]);
    const withActions = reply('answer', [{ type: 'text', text: 'Due soon' }, { type: 'actions', actions: [{ id: 'help', label: 'Help', kind: 'command', command: 'help' }] }]);
    expect(renderMessages(withActions, { share: 'deadlines' })[0]!.blocks.filter((b) => b.type === 'actions')).toHaveLength(1);
    expect(shareButtons(withActions).map((b) => ('action_id' in b ? b.action_id : ''))).toEqual(['command:help', 'share:share']);
    expect(shareButtons(reply('error', [{ type: 'text', text: 'Something went wrong' }]))).toEqual([]);
    expect(shareButtons(reply('help', [{ type: 'text', text: 'Ask me' }]))).toEqual([]);
  });

  it('names who shared an answer', () => {
    const [message] = renderMessages(reply('answer', [{ type: 'text', text: 'Grades' }]), { sharedBy: 'U0ANA' });
    expect(message!.blocks[0]).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: 'Shared by <@U0ANA>' }] });
  });

  it('renders the App Home within 100 blocks, keeping its buttons', () => {
    const many: Block[] = Array.from({ length: 150 }, (_, i) => ({ type: 'text', text: `Deadline ${i}` }));
    many.push({ type: 'actions', actions: [{ id: 'home-help', label: 'Help', kind: 'command', command: 'help' }] });
    const view = renderHome(reply('answer', many));
    expect(view.type).toBe('home');
    expect(view.blocks).toHaveLength(LIMITS.homeBlocks);
    expect(view.blocks.at(-1)!.type).toBe('actions');
    expect(view.blocks.flatMap(texts).join('\n')).toContain('ask me “deadlines”');
  });
});

describe('every real answer fits Slack', () => {
  let h: CoreHarness;
  beforeAll(async () => {
    h = await coreWith(SEEDS);
  });
  afterAll(async () => h.cleanup());

  it.each(['status of para 36 Azerbaijan', 'status Azerbaijan', 'summary 463', 'what did Mr. Charef ask?', 'search detention of children', 'deadlines', 'documents', 'help', 'who spoke about vaccines?'])('%s', async (q) => {
    const answer: Reply = await h.ask(q);
    const messages = renderMessages(answer, { share: q });
    messages.forEach(expectWithinLimits);
    const shown = messages.flatMap((m) => m.blocks.flatMap(texts)).join('\n');
    for (const b of answer.blocks) if (b.type === 'quote') expect(shown).toContain(`${b.cite.source}${b.cite.where ? `, ${b.cite.where}` : ''}`.replace(/&/g, '&amp;'));
  });
});

describe('Slack text to plain words', () => {
  it('turns mentions, links and entities into what a person sees', () => {
    expect(plainFromSlack('Are children &lt;18 held? See <https://undocs.org/CMW/C/AZE/CO/3|the CO> &amp; ask <@U0BEN|ben> in <#C0CMW|cmw> <!here>')).toBe(
      'Are children <18 held? See the CO & ask @ben in #cmw',
    );
    expect(questionFromMention('<@UBOT> status of para 36 Azerbaijan', 'UBOT')).toBe('status of para 36 Azerbaijan');
    expect(questionFromMention('hey <@UBOT|rapporteur>, summary 463', 'UBOT')).toBe('hey summary 463');
    expect(clipWords('detention of migrant children in Azerbaijan', 20)).toBe('detention of migrant');
  });
});
