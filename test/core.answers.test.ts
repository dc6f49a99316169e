import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Reply } from '../src/core/reply.js';
import { createCore } from '../src/core/core.js';
import { slackTraits } from '../adapters/slack/traits.js';
import { fixturePath } from './support/documents.js';
import { SEEDS, coreWith, type CoreHarness } from './support/core.js';

let h: CoreHarness;
beforeAll(async () => {
  h = await coreWith(SEEDS);
});
afterAll(async () => h.cleanup());

const quotes = (r: Reply) => r.blocks.flatMap((b) => (b.type === 'quote' ? [b] : []));

describe('status', () => {
  it.each(['status of para 36 Azerbaijan', 'status 36 AZE', 'what is the status of paragraph 36 for Azerbaijan?', '§ 36 Azerbaijani'])('%s gives the grades of paragraph 36', async (q) => {
    const r = await h.ask(q);
    expect(() => Reply.parse(r)).not.toThrow();
    expect(r.kind).toBe('answer');
    const groups = quotes(r);
    expect(groups.map((g) => g.text.slice(0, 40))).toEqual([
      expect.stringMatching(/^\[C\] 36 \(a\): not implemented\./),
      expect.stringMatching(/^\[C\] 36 \(b\)–\(e\): not implemented\./),
    ]);
    expect(groups.every((g) => g.cite.source === 'follow-up evaluation of CMW/C/AZE/CO/3 (2 March 2026)')).toBe(true);
    expect(groups[1]!.cite.where).toBe('assessment of para. 36 (b)–(e)');
  });

  it('names the dates information was due and received, and the inconsistency', async () => {
    const r = await h.ask('status of para 36 Azerbaijan');
    expect(r.fallback).toContain('Information due: 8 October 2023 (derived');
    expect(r.fallback).toContain('From the State party: 17 January 2024 (CMW/C/AZE/FCO/3), 101 days late');
    expect(r.fallback).toContain('From stakeholders: Maat for Peace, Development and Human Rights, 10 May 2024');
    expect(r.fallback).toMatch(/Inconsistencies in the document:\n• Paragraph 36 \(b\)–\(e\) is graded \[C\], but its text says both/);
  });

  it('narrows to a sub-paragraph and says what the committee asks next', async () => {
    const r = await h.ask('what is the status of paragraph 60 (d) for Azerbaijan?');
    const [group] = quotes(r);
    expect(quotes(r)).toHaveLength(1);
    expect(group!.text).toMatch(/^\[F\] 60 \(d\): no assessment stated\./);
    expect(group!.text).toContain('requested in the next periodic report');
  });

  it('gives every follow-up paragraph at a glance', async () => {
    const r = await h.ask('status Azerbaijan');
    const list = r.blocks.find((b) => b.type === 'list');
    expect(list?.type === 'list' && list.items.map((i) => i.text)).toEqual([
      '16 Comprehensive policy and strategy: (a) and (b) [C] not implemented; (c) [B] partially implemented',
      '36 Due process, detention and equality before the courts: (a) [C] not implemented; (b)–(e) [C] not implemented',
      '60 Trafficking in persons: (a) [B] partially implemented; (b) and (c) [C] partially implemented; (d) [F] no assessment stated',
      '62 Measures to address migrant workers in an irregular situation: (a) and (b) [B] partially implemented; (c) [F] no assessment stated',
    ]);
  });

  it('says so when a paragraph is not graded, or a State party has no evaluation, instead of inventing', async () => {
    const r = await h.ask('status of para 17 Azerbaijan');
    expect(r.kind).toBe('not-found');
    expect(r.fallback).toContain('does not grade para. 17 of CMW/C/AZE/CO/3. It grades paragraphs 16, 36, 60, 62');
    const none = await h.ask('status of para 5 Bolivia');
    expect(none.kind).toBe('not-found');
    expect(none.fallback).toContain('No follow-up evaluation of Bolivia is in the store');
  });

  it('asks for the State party when it is missing', async () => {
    const r = await h.ask('status of para 36');
    expect(r.kind).toBe('help');
    expect(r.fallback).toContain('I need the State party, as in "status para 36 Azerbaijan"');
  });
});

describe('meeting summary', () => {
  it.each(['summary 463', 'summarize CMW/C/SR.463', 'meeting 463'])('%s: chair, agenda, participants, interventions and questions', async (q) => {
    const r = await h.ask(q);
    expect(r.kind).toBe('answer');
    const text = r.fallback;
    expect(text).toContain('Chair: Mr. Ünver');
    expect(text).toContain('Held: 4 October 2021, 10:10–11:20, Palais des Nations, Geneva');
    expect(text).toContain('• Promotion of the Convention');
    expect(text).toContain('Committee members: Mr. Kariyawasam, Mr. Corzo Sosa, Mr. Charef, Mr. Oumaria, Mr. Babacar, Mr. Ünver (Chair)');
    expect(text).toContain('National human rights institution: Mr. Safikhanli (Office of the Commissioner for Human Rights (Ombudsman) of Azerbaijan)');
    expect(text).toContain('Non-governmental organizations: Ms. Abramenko (Anti-Discrimination Centre Memorial, Azerbaijan)');
    const interventions = r.blocks.find((b) => b.type === 'list' && b.title === 'Interventions');
    expect(interventions?.type === 'list' && interventions.items.map((i) => i.cite?.where)).toEqual([
      'paras. 1–3', 'para. 4', 'para. 5', 'para. 6', 'para. 7', 'para. 8', 'paras. 9–11', 'para. 12', 'para. 13', 'para. 14', 'para. 15', 'para. 16', 'para. 17', 'para. 18', 'para. 19',
    ]);
    expect(text).toContain('Mr. Charef: Asked about the availability of COVID-19 vaccines in the State party and in particular to what extent the vaccine was available to migrants. Answered by Mr. Safikhanli (para. 15).');
    expect(text).toMatch(/Mr\. Kariyawasam: Asked what the Anti-Discrimination Centre Memorial .* Answered by Ms\. Abramenko \(para\. 18\)\./);
  });

  it('is the same every time', async () => {
    expect((await h.ask('summary 463')).fallback).toBe((await h.ask('summary 463')).fallback);
  });

  it('says when a meeting is not in the store', async () => {
    const r = await h.ask('summary 464');
    expect(r.kind).toBe('not-found');
    expect(r.fallback).toContain('No summary record of meeting 464 is in the store.');
  });
});

describe('speakers', () => {
  it('what did Mr. Charef ask? gives his questions with paragraphs', async () => {
    const r = await h.ask('what did Mr. Charef ask?');
    const list = r.blocks.find((b) => b.type === 'list');
    expect(list?.type === 'list' && list.items.map((i) => [i.cite?.where, i.text])).toEqual([
      ['para. 6', expect.stringMatching(/^CMW\/C\/SR\.463 \(4 October 2021\): It would be interesting to know whether the various initiatives/)],
      ['para. 14', expect.stringMatching(/^CMW\/C\/SR\.463 \(4 October 2021\): Asked about the availability of COVID-19 vaccines/)],
    ]);
  });

  it.each([
    ['interventions by Safikhanli', 'Mr. Safikhanli', 4],
    ['Abramenko at 463', 'Ms. Abramenko', 2],
    ['what did corzo sosa say', 'Mr. Corzo Sosa', 1],
    ['what did Mr. Charaf say', 'Mr. Charef', 2],
  ])('%s finds %s', async (q, name, count) => {
    const r = await h.ask(q);
    expect(r.kind).toBe('answer');
    expect(r.blocks[0]).toMatchObject({ type: 'heading', text: expect.stringContaining(name) });
    const list = r.blocks.find((b) => b.type === 'list');
    expect(list?.type === 'list' && list.items).toHaveLength(count);
  });

  it('finds a chair by name, diacritics or not, through "The Chair"', async () => {
    const r = await h.ask('what did unver say?');
    expect(r.blocks[0]).toMatchObject({ type: 'heading', text: 'What Mr. Ünver said as Chair' });
    const list = r.blocks.find((b) => b.type === 'list');
    expect(list?.type === 'list' && list.items.map((i) => i.cite?.where)).toEqual(['para. 12', 'para. 19']);
  });

  it('who spoke about vaccines? names speakers with paragraphs', async () => {
    const r = await h.ask('who spoke about vaccines?');
    const list = r.blocks.find((b) => b.type === 'list');
    expect(list?.type === 'list' && list.items.map((i) => [i.text.split(':')[0], i.cite?.where])).toEqual([
      ['Mr. Charef', 'para. 14'],
      ['Mr. Safikhanli', 'para. 15'],
    ]);
  });

  it('says when no one of that name spoke, with the nearest names', async () => {
    const r = await h.ask('what did Ms. Zyxwvut say?');
    expect(r.kind).toBe('not-found');
    expect(r.fallback).toMatch(/No one called Ms\. Zyxwvut speaks in the stored records\.\n+Nearest names: /);
  });
});

describe('search and documents', () => {
  it('search detention of children cites each passage', async () => {
    const r = await h.ask('search detention of children');
    expect(r.kind).toBe('answer');
    const found = quotes(r);
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((q) => q.cite.source && q.text.toLowerCase().includes('detention'))).toBe(true);
  });

  it('takes search syntax in the question as plain words', async () => {
    for (const q of ['search "NEAR" * -children', 'search detention*', "search '; drop table documents; --"]) {
      const r = await h.ask(q);
      expect(['answer', 'not-found']).toContain(r.kind);
    }
    expect((await h.ask('documents')).fallback).toContain('CMW/C/SR.463');
  });

  it('lists documents about a State party and describes one', async () => {
    const r = await h.ask('documents Azerbaijan');
    expect(r.fallback).toContain('Follow-up evaluation, 2 March 2026');
    const doc = await h.ask('doc CMW/C/SR.463');
    expect(doc.fallback).toContain('Kind: Summary record');
    expect(doc.fallback).toContain('Paragraphs: 19');
    const missing = await h.ask('doc CMW/C/AZE/CO/3');
    expect(missing).toMatchObject({ kind: 'not-found', fallback: 'CMW/C/AZE/CO/3 is not in the store. An admin can fetch it from the UN’s document systems (“fetch CMW/C/AZE/CO/3”).' });
  });

  it('shows the source as printed', async () => {
    const r = await h.ask('source CMW/C/SR.463 para 16');
    expect(quotes(r)[0]!.text).toContain('**Ms. Abramenko** (Anti-Discrimination Centre Memorial, Azerbaijan)');
    expect(quotes(r)[0]!.text).toContain('Azerbaijani children\n\nabroad;');
  });
});

describe('help, limits and errors', () => {
  it('help lists the commands', async () => {
    const r = await h.ask('help');
    expect(r.kind).toBe('help');
    for (const example of ['status of para 36 Azerbaijan', 'summary 463', 'what did Mr. Charef ask?', 'deadlines Azerbaijan', 'search detention of children']) {
      expect(r.fallback).toContain(example);
    }
  });

  it('an unknown question gets the nearest commands', async () => {
    const r = await h.ask('satus of paragraf 36');
    expect(r.kind).toBe('help');
    expect(r.fallback).toContain('status of para 36 Azerbaijan');
    const weather = await h.ask('what is the weather in Geneva?');
    expect(weather.fallback).toMatch(/I did not understand/);
  });

  it('refuses a question over 4,000 characters politely', async () => {
    const r = await h.ask('search '.concat('detention '.repeat(500)));
    expect(r).toMatchObject({ kind: 'refusal', code: 'QUESTION_TOO_LONG' });
    expect(r.fallback).toContain('please ask in under 4,000');
  });
});

describe('with fixtures beside the seeds', () => {
  it('a State party known only by its concluding observations gets its follow-up request, not grades', async () => {
    const b = await coreWith([fixturePath('co-bol-2.md')]);
    try {
      const r = await b.ask('status Plurinational State of Bolivia');
      expect(r.kind).toBe('not-found');
      expect(r.fallback).toContain('Follow-up requested on paragraphs 5 (a), 18, 33, within two years of the adoption of the present concluding observations: due 16 April 2039.');
    } finally {
      await b.cleanup();
    }
  });
});

describe('searching with a whole sentence', () => {
  it('falls back to passages with some of the telling words, and says so', async () => {
    const h2 = await coreWith(SEEDS);
    try {
      const r = await h2.ask('search what about vaccines for irregular migrants and shelters?');
      expect(r.kind).toBe('answer');
      expect(r.fallback).toContain('No passage has all of these words; these have some of them (vaccines, irregular, migrants, shelters).');
      expect(r.blocks.some((b) => b.type === 'quote' && b.cite.where === 'para. 15')).toBe(true);
    } finally {
      await h2.cleanup();
    }
  });
});

describe('the conversation’s subject', () => {
  it('is kept in the store: a second process answers the follow-up once the first has settled', async () => {
    const first = await h.ask('status of para 36 Azerbaijan', { channelId: 'C-subject' });
    expect(first.kind).toBe('answer');
    await h.core.settle();
    const other = createCore({ store: h.store, clock: () => new Date('2026-11-29T09:05:00Z'), timeZone: 'Europe/Zurich', admins: [] });
    const next = await other.handle({ platform: 'slack', capabilities: slackTraits.capabilities, userId: 'U1', channelId: 'C-subject', text: 'and 60?' });
    expect(next.kind).toBe('answer');
    expect(next.fallback).toContain('para. 60');
    expect(next.fallback).toContain('CMW/C/AZE/CO/3');
  });

  it('is not needed for a question that stands alone, and a follow-up in another conversation has none', async () => {
    await h.ask('status of para 36 Azerbaijan', { channelId: 'C-one' });
    const elsewhere = await h.ask('and 60?', { channelId: 'C-two' });
    expect(elsewhere.kind).not.toBe('answer');
    expect(elsewhere.fallback).toContain('I did not understand “and 60?”');
  });
});
