import { describe, expect, it } from 'vitest';
import { fixturePath, interventionSummary, parseFile } from './support/documents.js';

describe('a summary record as text extracted from a PDF (sr-9001)', () => {
  const doc = parseFile(fixturePath('sr-9001-pdf-text.txt'));

  it('reads the header, "Chair:Ms. Varga" with no space included', () => {
    expect(doc).toMatchObject({
      kind: 'summary-record',
      symbol: 'CMW/C/SR.9001',
      symbolDerived: false,
      committee: 'CMW',
      session: 99,
      meeting: 9001,
      issued: '2037-04-09',
      held: '2037-04-07',
      chair: 'Ms. Varga',
      country: 'BOL',
    });
  });

  it('reads "1.Mr. X" paragraphs and keeps paragraph 7 whole across the page header', () => {
    expect(doc.paragraphs).toHaveLength(12);
    const p7 = doc.paragraphs[6]!;
    expect(p7.text).toBe(
      'Mr. Lindqvist asked whether the State party planned to ratify the International Labour Organization Domestic Workers Convention, 2011 (No. 189), and what measures had been taken to protect migrant domestic workers from abuse by employers.',
    );
    expect(doc.paragraphs.some((p) => /GE\.37|CMW\/C\/SR\.9001/.test(p.text))).toBe(false);
  });

  it('finds the speakers in order, with roles', () => {
    expect(interventionSummary(doc)).toEqual([
      'Mr. Quispe Mamani 2–3',
      'Ms. Duarte 4',
      'Ms. Okafor 5',
      'Mr. Hakobyan 6',
      'Mr. Lindqvist 7',
      'Mr. Quispe Mamani 8–9',
      'The Chair 10',
      'Ms. Duarte 11',
      'Ms. Okafor 12',
    ]);
    expect(doc.paragraphs[0]!.speaker).toBeNull();
    const roles = new Set(doc.interventions.map((i) => i.role));
    expect(roles).toEqual(new Set(['Plurinational State of Bolivia', 'Country Rapporteur', null]));
    expect(doc.interventions.find((i) => i.speaker === 'The Chair')!.phrase).toBe('speaking as a member of the Committee');
  });

  it('records the suspension and the times, and the agenda items as headings', () => {
    expect(doc.meetingDetails!.times.map((t) => `${t.event} ${t.time}`)).toEqual([
      'called-to-order 15:05',
      'suspended 16:10',
      'resumed 16:30',
      'rose 18:00',
    ]);
    expect(doc.meetingDetails!.agenda).toEqual([
      { title: 'Consideration of reports submitted by States parties under article 73 of the Convention', continued: true, symbols: [] },
      { title: 'Second periodic report of the Plurinational State of Bolivia', continued: true, symbols: [] },
    ]);
    expect(doc.headings.map((h) => h.text)).toHaveLength(2);
  });

  it('gives corrections due a week after the record', () => {
    expect(doc.deadlines.map((d) => [d.kind, d.due])).toEqual([['corrections', '2037-04-16']]);
  });
});

describe('concluding observations (co-bol-2)', () => {
  const doc = parseFile(fixturePath('co-bol-2.md'));

  it('reads symbol, country and date', () => {
    expect(doc).toMatchObject({ kind: 'concluding-observations', symbol: 'CMW/C/BOL/CO/2', country: 'BOL', issued: '2037-04-24', session: 99 });
  });

  it('reads the follow-up request, with 5 limited to (a)', () => {
    expect(doc.followUp.paragraphs).toEqual([5, 18, 33]);
    expect(doc.observations!.followUpRequest!.refs).toEqual([
      { paragraph: 5, subparagraphs: ['a'] },
      { paragraph: 18, subparagraphs: [] },
      { paragraph: 33, subparagraphs: [] },
    ]);
  });

  it('counts the follow-up reply from adoption and reads the next report date', () => {
    expect(doc.observations!.adoption).toEqual({ meeting: 9012, date: '2037-04-16' });
    const byKind = Object.fromEntries(doc.deadlines.map((d) => [d.kind, d]));
    expect(byKind['follow-up-reply']).toMatchObject({ due: '2039-04-16', derived: false });
    expect(byKind['follow-up-reply']!.basis).toContain('within two years of the adoption of the present concluding observations');
    expect(byKind['next-periodic-report']).toMatchObject({ due: '2042-05-01' });
  });

  it('keeps recommendations with their sub-paragraphs and subjects', () => {
    expect(doc.observations!.recommendations).toEqual([
      { paragraph: 5, subject: 'Comprehensive policy and strategy', subparagraphs: ['a', 'b'] },
      { paragraph: 18, subject: 'Due process, detention and equality before the courts', subparagraphs: ['a', 'b', 'c'] },
      { paragraph: 29, subject: 'Domestic workers', subparagraphs: [] },
      { paragraph: 33, subject: 'Regularization', subparagraphs: [] },
    ]);
    expect(doc.paragraphs.find((p) => p.number === 5)!.subparagraphs![0]).toEqual({
      label: 'a',
      text: 'Update the national migration policy, with clear time frames and indicators;',
    });
  });
});

describe('a follow-up evaluation with grades A, B, D and E (fu-bol-2039)', () => {
  const doc = parseFile(fixturePath('fu-bol-2039.md'));

  it('reads committee, country and follow-up paragraphs', () => {
    expect(doc).toMatchObject({ kind: 'follow-up-evaluation', committee: 'CMW', country: 'BOL', session: 104 });
    expect(doc.followUp.paragraphs).toEqual([5, 18, 33]);
    expect(doc.evaluation!.fromStakeholders).toEqual([]);
  });

  it('grades each group, a paragraph graded as a whole included', () => {
    expect(doc.followUp.evaluations.map((g) => [g.paragraph, g.subparagraphs, g.grade, g.assessment])).toEqual([
      [5, ['a'], 'A', 'implemented'],
      [5, ['b'], 'E', 'contrary to the recommendation'],
      [18, ['a', 'b'], 'B', 'partially implemented'],
      [18, ['c'], 'D', 'no information'],
      [33, [], 'A', 'implemented'],
    ]);
  });

  it('finds the summary line in agreement and says how late the information came', () => {
    expect(doc.warnings).toEqual([]);
    expect(doc.evaluation!.fromStateParty).toEqual([{ name: null, symbol: 'CMW/C/BOL/FCO/2', date: '2039-06-02' }]);
    expect(doc.deadlines[0]).toMatchObject({ kind: 'follow-up-reply', due: '2039-04-16', met: '2039-06-02', daysLate: 47, derived: true });
  });
});

describe('a file that is not a treaty-body document', () => {
  it('is unknown, with a warning, and keeps its text', () => {
    const doc = parseFile(fixturePath('not-a-document.txt'));
    expect(doc.kind).toBe('unknown');
    expect(doc.warnings).toEqual([expect.stringMatching(/not a treaty-body document/i)]);
    expect(doc.paragraphs.map((p) => p.text).join(' ')).toContain('team lunch has moved to Thursday');
  });
});
