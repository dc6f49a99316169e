import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CARD_CONTENT_TYPE } from '../adapters/teams/adaptiveCard.js';
import { GROUP, buttonsOf, extensionSearch, pastedLink, startTeamsHarness, visibleText, type TeamsHarness } from './support/fakeTeams.js';

interface Result {
  contentType: string;
  content: Record<string, unknown>;
  preview: { contentType: string; content: { title: string; text: string } };
}

describe('Teams door: the message extension', () => {
  let h: TeamsHarness;
  beforeAll(async () => {
    h = await startTeamsHarness();
  });
  afterAll(async () => h.close());

  async function results(activity: Parameters<TeamsHarness['send']>[0]): Promise<Result[]> {
    const response = await h.send(activity);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { composeExtension: { type: string; attachmentLayout: string; attachments: Result[] } };
    expect(body.composeExtension).toMatchObject({ type: 'result', attachmentLayout: 'list' });
    for (const r of body.composeExtension.attachments) {
      expect(r.contentType).toBe(CARD_CONTENT_TYPE);
      expect(r.content).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
      expect(r.preview.contentType).toBe('application/vnd.microsoft.card.thumbnail');
    }
    return body.composeExtension.attachments;
  }
  const titles = (found: Result[]) => found.map((r) => r.preview.content.title);

  it('finds the documents and deadlines of a State party typed in the message box, and posts nothing', async () => {
    const found = await results(extensionSearch(h.connector.url, 'Azerbaijan'));
    expect(titles(found)).toEqual([
      'follow-up evaluation of CMW/C/AZE/CO/3 (2 March 2026): Evaluation of the information on follow-up to the concluding observations on Azerbaijan',
      'Deadline #2: Follow-up information on CMW/C/AZE/CO/3 (paragraphs 16, 36, 60, 62) (Azerbaijan)',
    ]);
    expect(found[0]!.preview.content.text).toMatch(/^Follow-up evaluation · CMW, Azerbaijan · issued 2 March 2026 · Follow-up grades: 16 \(a\) and \(b\) \[C\], 16 \(c\) \[B\], 36 \(a\) \[C\]/);
    expect(found[1]!.preview.content.text).toMatch(/^Due 8 October 2023: received 101 days late, on 17 January 2024\. · Basis: derived: two years from/);
    // The card inserted in the message: the document, its grades, and a button that works from any conversation.
    expect(visibleText(found[0]!.content)).toContain('Follow-up grades: 16 (a) and (b) [C]');
    expect(buttonsOf(found[0]!.content).get('Follow-up status')?.data).toEqual({ rapporteur: { kind: 'command', command: 'status AZE' } });
    expect(h.connector.posted).toEqual([]);
    // A message box is not a conversation the bot was added to: nothing is kept for posting later.
    expect(await h.app.store.conversation('teams', GROUP)).toBeNull();
  });

  it('finds by words of a title, and says nothing for words that match nothing', async () => {
    expect(titles(await results(extensionSearch(h.connector.url, 'summary 463')))).toEqual(['CMW/C/SR.463: Summary record (partial) of the 463rd meeting']);
    expect(await results(extensionSearch(h.connector.url, 'xylophone'))).toEqual([]);
  });

  it('shows the newest documents when the box opens', async () => {
    const found = await results(extensionSearch(h.connector.url, null));
    expect(titles(found)).toEqual([
      'follow-up evaluation of CMW/C/AZE/CO/3 (2 March 2026): Evaluation of the information on follow-up to the concluding observations on Azerbaijan',
      'CMW/C/SR.463: Summary record (partial) of the 463rd meeting',
    ]);
  });

  it('pages as Teams asks (skip and count)', async () => {
    const second = await results(extensionSearch(h.connector.url, null, { skip: 1, count: 1 }));
    expect(titles(second)).toEqual(['CMW/C/SR.463: Summary record (partial) of the 463rd meeting']);
  });

  it('answers a symbol with the document, its chair and speakers', async () => {
    const [one, ...more] = await results(extensionSearch(h.connector.url, 'cmw/c/sr.463'));
    expect(more).toEqual([]);
    expect(one!.preview.content.text).toBe('Summary record · CMW · held 4 October 2021 · Chair: Mr. Ünver. Speakers: Mr. Safikhanli, Mr. Kariyawasam, Mr. Corzo Sosa, Mr. Charef, Mr. Oumaria, Mr. Babacar and 1 other.');
    expect(visibleText(one!.content)).toMatch(/Speakers: .*Safikhanli/);
  });

  it('answers a symbol not in the store with the symbol and an offer to fetch it', async () => {
    const [one] = await results(extensionSearch(h.connector.url, 'CMW/C/BOL/CO/2'));
    expect(one!.preview.content).toEqual({ title: 'CMW/C/BOL/CO/2', text: 'CMW/C/BOL/CO/2 is not in Rapporteur’s store yet. An admin can fetch it.' });
    expect(buttonsOf(one!.content).get('Fetch it')?.data).toEqual({ rapporteur: { kind: 'command', command: 'ingest https://undocs.org/CMW/C/BOL/CO/2' } });
  });

  describe('link previews (composeExtension/queryLink)', () => {
    it('previews a Treaty Body Database link by the symbol in it', async () => {
      const [one, ...more] = await results(pastedLink(h.connector.url, 'https://tbinternet.ohchr.org/_layouts/15/treatybodyexternal/Download.aspx?symbolno=CMW%2fC%2fSR.463&Lang=en'));
      expect(more).toEqual([]);
      expect(one!.preview.content.title).toBe('CMW/C/SR.463: Summary record (partial) of the 463rd meeting');
    });

    it('previews undocs.org and documents.un.org links, with what the store knows of a document it does not hold', async () => {
      for (const url of ['https://undocs.org/en/CMW/C/AZE/CO/3', 'https://documents.un.org/api/symbol/access?s=CMW/C/AZE/CO/3&l=en&t=pdf']) {
        const [one] = await results(pastedLink(h.connector.url, url));
        // The concluding observations are not stored, their follow-up evaluation is.
        expect(one!.preview.content.title, url).toBe('CMW/C/AZE/CO/3');
        expect(one!.preview.content.text, url).toMatch(/^CMW\/C\/AZE\/CO\/3 is not in Rapporteur’s store yet\. An admin can fetch it\. · Follow-up evaluated on 2 March 2026: 16 \(a\) and \(b\) \[C\]/);
        expect(buttonsOf(one!.content).get('Fetch it')?.data, url).toEqual({ rapporteur: { kind: 'command', command: `ingest ${url}` } });
      }
    });

    it('says what it can of a docstore link that names no symbol', async () => {
      const [one] = await results(pastedLink(h.connector.url, 'https://docstore.ohchr.org/SelfServices/FilesHandler.ashx?enc=6QkG1d%2FPPRiCAqhKb7yhsrKXxtcGsT'));
      expect(one!.preview.content.title).toBe('A document on docstore.ohchr.org');
      expect(one!.preview.content.text).toContain('paste the symbol');
    });

    it('previews nothing for a link to another host', async () => {
      expect(await results(pastedLink(h.connector.url, 'https://example.org/CMW/C/SR.463'))).toEqual([]);
    });
  });
});
