import { describe, expect, it } from 'vitest';
import { parseDocument } from '../src/documents/parse/index.js';
import { normalizeCharacters, decodeText } from '../src/documents/read/decode.js';

const header = (chairLine: string): string =>
  [
    'CAT/C/SR.2001',
    'Distr.: General',
    '14 May 2037',
    'Committee against Torture',
    'Eighty-first session',
    'Summary record of the 2001st meeting',
    'Held at the Palais Wilson, Geneva, on Monday, 11 May 2037, at 10 a.m.',
    chairLine,
    'later:Ms. Racu (Vice-Chair)',
    'The meeting was called to order at 10.05 a.m.',
  ].join('\n');

describe('clean-up of extracted text', () => {
  it('reads non-breaking spaces and hyphens as plain ones', () => {
    expect(normalizeCharacters('Mr.\u00a0Tall said\u2011so\u00ad.\r\n')).toBe('Mr. Tall said-so.\n');
  });

  it('reads "Chair:Mr. Tall", a later Vice-Chair, and "1.The Chair" with no spaces', () => {
    const doc = parseDocument(`${header('Chair:Mr.\u00a0Tall')}\n1.The Chair said that the Committee would begin.\n2.Mr. Liu asked a question.\n`, { name: 'x.txt' });
    expect(doc.chair).toBe('Mr. Tall');
    expect(doc.meetingDetails!.chairs).toEqual([
      { name: 'Mr. Tall', role: null, later: false },
      { name: 'Ms. Racu', role: 'Vice-Chair', later: true },
    ]);
    expect(doc.committee).toBe('CAT');
    expect(doc.session).toBe(81);
    expect(doc.paragraphs.map((p) => [p.number, p.speaker])).toEqual([
      [1, 'The Chair'],
      [2, 'Mr. Liu'],
    ]);
  });

  it('removes job numbers and running symbols that land inside a paragraph, and joins it', () => {
    const text = `${header('Chair: Mr. Tall')}\n1.Mr. Liu said that the State party had\nGE.37-07123 (E) 120537 140537\n*3707123*\nCAT/C/SR.2001\n2 GE.37-07123\nadopted a new law in 2036.\n2.Mr. Tall thanked him.\n`;
    const doc = parseDocument(text, { name: 'x.txt' });
    expect(doc.paragraphs[0]!.text).toBe('Mr. Liu said that the State party had adopted a new law in 2036.');
    expect(doc.paragraphs).toHaveLength(2);
    expect(doc.symbol).toBe('CAT/C/SR.2001');
  });

  it('keeps every paragraph\'s line span, so the printed text can be shown', () => {
    const text = `${header('Chair: Mr. Tall')}\n1.Mr. Liu said that the State party had\nCAT/C/SR.2001\nadopted a new law.\n`;
    const doc = parseDocument(text, { name: 'x.txt' });
    expect(doc.paragraphs[0]!.lines).toEqual([11, 13]);
  });

  it('strips Markdown emphasis, links and footnote marks around names and in text', () => {
    const md = [
      '# Committee against Torture',
      '',
      'Distr.: General  ',
      '14 May 2037',
      '',
      '### Summary record (partial)\\* of the 2001st meeting\\*\\*',
      '',
      'Chair: **Mr. Tall**',
      '',
      '*The meeting was called to order at 10.05 a.m.*',
      '',
      '1. __Ms. Ng__ (*Country Rapporteur*), speaking via video link, said that the report [CAT/C/XYZ/1](#)<sup>1</sup> was late.¹',
      '',
      '\\* Public part only.',
      '',
      '2. *__Mr. MARTÍNEZ PÉREZ__* asked why.',
    ].join('\n');
    const doc = parseDocument(md, { name: 'x.md' });
    expect(doc.title).toBe('Summary record (partial) of the 2001st meeting');
    expect(doc.meetingDetails!.part).toBe('partial');
    expect(doc.chair).toBe('Mr. Tall');
    expect(doc.paragraphs[0]!.text).toBe('Ms. Ng (Country Rapporteur), speaking via video link, said that the report CAT/C/XYZ/1 was late.');
    expect(doc.interventions.map((i) => [i.speaker, i.role])).toEqual([
      ['Ms. Ng', 'Country Rapporteur'],
      ['Mr. MARTÍNEZ PÉREZ', null],
    ]);
    expect(doc.footnotes.map((f) => [f.mark, f.text])).toEqual([['*', 'Public part only.']]);
  });

  it('decodes UTF-16 and Windows-1252 files', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Ms. Ünver said', 'utf16le')]);
    expect(decodeText(utf16).text).toBe('Ms. Ünver said');
    const cp1252 = Buffer.from([0x4d, 0x72, 0x2e, 0x20, 0xdc, 0x6e, 0x76, 0x65, 0x72, 0x20, 0x93, 0x71, 0x94]);
    expect(decodeText(cp1252).text).toBe('Mr. Ünver “q”');
  });
});

describe('speakers in the forms records print them', () => {
  const record = (body: string[]): ReturnType<typeof parseDocument> =>
    parseDocument(`${header('Chair: Mr. Tall')}\n${body.map((b, i) => `${i + 1}.${b}`).join('\n')}\n`, { name: 'x.txt' });

  it('titles, offices, representatives, nested parentheses and phrases before the verb', () => {
    const doc = record([
      'The Temporary Chair declared open the session.',
      'Mr. de Frouville (Country Rapporteur (Task Force)), also speaking on behalf of Ms. Racu, asked whether the law applied.',
      'A representative of the International Commission of Jurists said that reprisals continued.',
      "Ms. d'Almeida wondered whether the law applied.",
      'The CHAIRPERSON, replying to questions raised, would welcome a reply.',
      'Mr. Liu was elected Rapporteur by acclamation.',
    ]);
    expect(doc.paragraphs.map((p) => p.speaker)).toEqual([
      'The Temporary Chair',
      'Mr. de Frouville',
      'A representative of the International Commission of Jurists',
      "Ms. d'Almeida",
      'The CHAIRPERSON',
      // No verb of speech: the paragraph carries on the Chairperson's words.
      'The CHAIRPERSON',
    ]);
    expect(doc.interventions[1]).toMatchObject({ role: 'Country Rapporteur (Task Force)', phrase: 'also speaking on behalf of Ms. Racu' });
  });

  it('procedural lines end an intervention', () => {
    const doc = record([
      'Mr. Liu said that the dialogue was over.',
      'The delegation of Azerbaijan withdrew.',
      'The Committee considered its draft programme of work.',
    ]);
    expect(doc.paragraphs.map((p) => p.speaker)).toEqual(['Mr. Liu', null, null]);
  });
});
