import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseDocument } from '../src/documents/parse/index.js';
import type { ParsedDocument } from '../src/documents/schema.js';
import type { Store } from '../src/store/store.js';
import { fixturePath, seedPath } from './support/documents.js';
import { ENGINES, openTestStore, type TestStore } from './support/stores.js';

function load(path: string): { parsed: ParsedDocument; rawText: string; source: string } {
  const rawText = readFileSync(path, 'utf8');
  return { parsed: parseDocument(rawText, { name: path }), rawText, source: path };
}

describe.each(ENGINES)('the store on %s', (engine) => {
  let t: TestStore;
  let store: Store;
  beforeEach(async () => {
    t = await openTestStore(engine);
    store = t.store;
  });
  afterEach(async () => t.cleanup());

  it("keeps follows once each, and finds a document's followers by State party or committee", async () => {
    const team = { platform: 'slack' as const, channelId: 'C-TEAM' };
    const other = { platform: 'teams' as const, channelId: '19:abc@thread.tacv2' };
    expect(await store.conversations.follow(team, 'country', 'AZE', 'U1')).toBe(true);
    expect(await store.conversations.follow(team, 'country', 'AZE', 'U2')).toBe(false);
    await store.conversations.follow(other, 'committee', 'CMW', 'T1');
    expect((await store.conversations.subscriptions(team)).map((s) => `${s.kind}:${s.value}:${s.createdBy}`)).toEqual(['country:AZE:U1']);
    expect(await store.conversations.followers('AZE', 'CMW')).toEqual(expect.arrayContaining([team, other]));
    expect(await store.conversations.followers('BOL', null)).toEqual([]);
    expect(await store.conversations.follows(other, { country: 'BOL', committee: 'CMW' })).toBe(true);
    expect(await store.conversations.unfollow(team, 'country', 'AZE')).toBe(true);
    expect(await store.conversations.subscriptions(team)).toEqual([]);
  });

  it('writes each outbox message once by its key, and records attempts and the sending', async () => {
    const to = { platform: 'slack' as const, channelId: 'C-TEAM', threadId: '1700000000.000100' };
    const payload = { kind: 'answer', blocks: [], fallback: 'Reminder' };
    const first = await store.conversations.enqueue('reminder:1:b7:slack:C-TEAM', to, payload);
    const again = await store.conversations.enqueue('reminder:1:b7:slack:C-TEAM', to, { ...payload, fallback: 'other' });
    expect(again).toMatchObject({ id: first.id, status: 'pending', destination: to, payload });
    await store.conversations.markAttempt(first.id, 'ratelimited', 'retry');
    expect(await store.conversations.outboxMessage(first.id)).toMatchObject({ status: 'pending', attempts: 1, lastError: 'ratelimited' });
    expect((await store.conversations.pendingOutbox()).map((m) => m.id)).toEqual([first.id]);
    await store.conversations.markSent(first.id, 'ts-1');
    expect(await store.conversations.outboxMessage(first.id)).toMatchObject({ status: 'sent', messageId: 'ts-1' });
    expect(await store.conversations.pendingOutbox()).toEqual([]);
    const doomed = await store.conversations.enqueue('digest:slack:C-GONE:2027-01-01', { platform: 'slack', channelId: 'C-GONE' }, payload);
    await store.conversations.markAttempt(doomed.id, 'channel_not_found', 'failed');
    expect(await store.conversations.outbox({ status: 'failed' })).toEqual([expect.objectContaining({ id: doomed.id, lastError: 'channel_not_found' })]);
  });

  it('writes a burst of one message to many conversations, and records each one’s own message id', async () => {
    const payload = { kind: 'answer', blocks: [], fallback: 'Reminder: due on 1 March 2027' };
    const earlier = await store.conversations.enqueue('reminder:9:d0:slack:C-7', { platform: 'slack', channelId: 'C-7' }, { ...payload, fallback: 'written before' });
    const burst = Array.from({ length: 1200 }, (_, i) => ({ key: `reminder:9:d0:slack:C-${i}`, destination: { platform: 'slack' as const, channelId: `C-${i}` }, payload }));
    const written = await store.conversations.enqueueMany(burst);
    expect(written).toHaveLength(1200);
    // The row already there under its key keeps what it held.
    expect(written[7]).toMatchObject({ id: earlier.id, payload: { fallback: 'written before' } });
    expect(written[8]).toMatchObject({ destination: { channelId: 'C-8' }, payload, status: 'pending' });
    await store.conversations.markSending(written.map((m) => m.id));
    await store.conversations.markSentMany(written.map((m, i) => ({ id: m.id, messageId: i % 2 ? `17000000${i}.000100` : null })));
    const sent = await store.conversations.outbox({ status: 'sent' });
    expect(sent).toHaveLength(1200);
    expect(sent[8]).toMatchObject({ destination: { channelId: 'C-8' }, payload });
    const byId = new Map(sent.map((m) => [m.id, m.messageId]));
    expect(byId.get(written[1]!.id)).toBe('170000001.000100');
    expect(byId.get(written[1199]!.id)).toBe('170000001199.000100');
    expect(byId.get(written[600]!.id)).toBeNull();
  });

  it('claims an incoming event once', async () => {
    expect(await store.claimEvent('slack:Ev01')).toBe(true);
    expect(await store.claimEvent('slack:Ev01')).toBe(false);
    expect(await store.claimEvent('teams:Ev01')).toBe(true);
  });

  it('tells each of many claims and writes made at once the truth, also beside a document being saved', async () => {
    const keys = Array.from({ length: 50 }, (_, i) => `teams:burst-${i % 25}`);
    const doc = load(seedPath('cmw-c-sr-463.md'));
    const [claims, saved] = await Promise.all([
      Promise.all(keys.map((k) => store.claimEvent(k))),
      store.saveDocument(doc),
      Promise.all(keys.map((k, i) => store.saveConversation('teams', `a:${k}`, { n: i }))),
    ]);
    // Each event is answered once: of the two claims of a key made at once, exactly one wins.
    expect(claims.slice(0, 25).map((won, i) => Number(won) + Number(claims[i + 25]))).toEqual(Array(25).fill(1));
    expect(saved).toMatchObject({ status: 'created', key: 'CMW/C/SR.463' });
    expect(await store.conversation('teams', 'a:teams:burst-3')).toMatchObject({ reference: { n: 28 } });
    expect(await store.claimEvent('teams:burst-3')).toBe(false);
  });

  it('stores a document once, however often it is read', async () => {
    const doc = load(seedPath('cmw-c-sr-463.md'));
    expect(await store.isEmpty()).toBe(true);
    const first = await store.saveDocument(doc);
    const second = await store.saveDocument(doc);
    expect(first).toMatchObject({ status: 'created', key: 'CMW/C/SR.463', version: 1 });
    expect(second).toMatchObject({ status: 'unchanged', id: first.id, version: 1 });
    expect(await store.counts()).toEqual({ documents: 1, paragraphs: 19, deadlines: 1 });
  });

  it('replaces a corrected reissue and records what changed', async () => {
    const doc = load(seedPath('cmw-c-sr-463.md'));
    await store.saveDocument(doc);
    const corrected = doc.rawText.replace('more than 6 million people', 'more than 6.2 million people');
    const outcome = await store.saveDocument({ parsed: parseDocument(corrected, { name: 'x.md' }), rawText: corrected, source: 'corrigendum.md' });
    expect(outcome).toMatchObject({ status: 'replaced', version: 2, changes: 'paragraph 15 changed' });
    const versions = await store.versions('CMW/C/SR.463');
    expect(versions).toEqual([expect.objectContaining({ version: 1, changes: 'paragraph 15 changed' })]);
    const stored = await store.document('cmw/c/sr.463');
    expect(stored).toMatchObject({ version: 2, source: 'corrigendum.md' });
    const paragraphs = await store.paragraphs(stored!.id);
    expect(paragraphs).toHaveLength(19);
    expect(paragraphs[14]!.text).toContain('6.2 million');
    expect(await store.counts()).toMatchObject({ documents: 1, paragraphs: 19 });
    // Who spoke is counted once, not once per version.
    expect((await store.speakers()).find((s) => s.key === 'safikhanli')).toEqual({ key: 'safikhanli', name: 'Mr. Safikhanli', interventions: 4 });
  });

  it('leaves the store as it was when a document fails half way', async () => {
    const doc = load(seedPath('cmw-c-sr-463.md'));
    const broken = structuredClone(doc.parsed);
    (broken.paragraphs[10] as { text: unknown }).text = null;
    await expect(store.saveDocument({ ...doc, parsed: broken })).rejects.toThrow();
    expect(await store.counts()).toEqual({ documents: 0, paragraphs: 0, deadlines: 0 });
  });

  it('keeps grades, interventions and the follow-up deadline of an evaluation', async () => {
    const saved = await store.saveDocument(load(seedPath('cmw-follow-up-azerbaijan-2026.md')));
    expect(saved.key).toBe('CMW/C/AZE/CO/3 evaluation 2026-03-02');
    const latest = await store.latest('follow-up-evaluation', 'AZE');
    const grades = await store.grades(latest!.id);
    expect(grades.map((g) => `${g.paragraph}${g.subparagraphs.join('')}${g.grade}`)).toEqual(['16abC', '16cB', '36aC', '36bcdeC', '60aB', '60bcC', '60dF', '62abB', '62cF']);
    expect(latest!.details.evaluation!.evaluated.symbol).toBe('CMW/C/AZE/CO/3');
    const deadlines = await store.deadlines({ country: 'AZE' });
    expect(deadlines).toEqual([expect.objectContaining({ kind: 'follow-up-reply', due: '2023-10-08', derived: true, met: '2024-01-17', daysLate: 101, symbol: 'CMW/C/AZE/CO/3' })]);
  });

  it('takes the printed due date from concluding observations over a derived one, and keeps when the reply came', async () => {
    await store.saveDocument(load(fixturePath('fu-bol-2039.md')));
    await store.saveDocument(load(fixturePath('co-bol-2.md')));
    const [reply] = (await store.deadlines({ country: 'BOL' })).filter((d) => d.kind === 'follow-up-reply');
    expect(reply).toMatchObject({ due: '2039-04-16', derived: false, met: '2039-06-02', daysLate: 47 });
    expect(reply!.basis).toContain('within two years of the adoption');
    expect((await store.deadlines({ country: 'BOL' })).map((d) => d.kind).sort()).toEqual(['follow-up-reply', 'next-periodic-report']);
  });

  it('finds speakers by name or surname, newest meeting first', async () => {
    await store.saveDocument(load(seedPath('cmw-c-sr-463.md')));
    await store.saveDocument(load(fixturePath('sr-9001-pdf-text.txt')));
    const charef = await store.interventionsBy({ keys: ['charef'] }, { limit: 10 });
    expect(charef.map((i) => i.paragraphs)).toEqual([[6], [14]]);
    const sosa = await store.interventionsBy({ surname: 'sosa' }, { limit: 10 });
    expect(sosa.map((i) => i.speaker)).toEqual(['Mr. Corzo Sosa']);
    const quispe = await store.interventionsBy({ surname: 'mamani' }, { limit: 10 });
    expect(quispe[0]!.document.symbol).toBe('CMW/C/SR.9001');
    expect((await store.speakers()).map((s) => s.name)).toEqual(expect.arrayContaining(['Mr. Safikhanli', 'Ms. Varga', 'Mr. Ünver']));
    expect((await store.chairedBy('unver', 5)).map((d) => d.symbol)).toEqual(['CMW/C/SR.463']);
  });

  it('searches the text, accents folded, user syntax taken as words', async () => {
    await store.saveDocument(load(seedPath('cmw-c-sr-463.md')));
    await store.saveDocument(load(seedPath('cmw-follow-up-azerbaijan-2026.md')));
    const hits = await store.search('vaccines migrants', { limit: 5 });
    expect(hits.map((h) => h.paragraph.number)).toEqual(expect.arrayContaining([14, 15]));
    expect(hits[0]!.document.symbol).toBe('CMW/C/SR.463');
    const spoken = await store.search('detention', { limit: 20, spoken: true });
    expect(spoken.every((h) => h.paragraph.speaker !== null)).toBe(true);
    const evaluation = await store.search('detention children', { limit: 20, kind: 'follow-up-evaluation' });
    expect(evaluation.length).toBeGreaterThan(0);
    expect(evaluation.every((h) => h.document.kind === 'follow-up-evaluation')).toBe(true);
    for (const hostile of ['"NEAR" * -children', "'; drop table paragraphs; --", 'NOT OR AND', '***', '(detention']) {
      await expect(store.search(hostile, { limit: 5 })).resolves.toBeInstanceOf(Array);
    }
    expect((await store.search("'; drop table paragraphs; --", { limit: 5 })).length).toBe(0);
    expect(await store.counts()).toMatchObject({ paragraphs: 19 + 38 });
  });

  it('adds and removes deadlines people set, but not those from documents', async () => {
    await store.saveDocument(load(seedPath('cmw-c-sr-463.md')));
    const added = await store.addDeadline({ title: 'next periodic report', due: '2027-03-01', country: 'AZE', committee: null, symbol: null, createdBy: 'slack:U1' });
    expect(added).toMatchObject({ source: 'person', kind: 'custom', due: '2027-03-01', country: 'AZE' });
    const fromDocument = (await store.deadlines()).find((d) => d.source === 'document')!;
    expect(await store.removeDeadline(fromDocument.id)).toBe(false);
    expect(await store.removeDeadline(added.id)).toBe(true);
    expect((await store.deadlines()).map((d) => d.kind)).toEqual(['corrections']);
  });
});

describe.runIf(ENGINES.includes('postgres'))('PostgreSQL beside another deployment', () => {
  it('prepares its own schema when another schema in the database already has one', async () => {
    const first = await openTestStore('postgres');
    const second = await openTestStore('postgres');
    try {
      await second.store.saveDocument(load(seedPath('cmw-c-sr-463.md')));
      expect(await first.store.isEmpty()).toBe(true);
      expect(await second.store.counts()).toMatchObject({ documents: 1, paragraphs: 19 });
    } finally {
      await first.cleanup();
      await second.cleanup();
    }
  });
});
