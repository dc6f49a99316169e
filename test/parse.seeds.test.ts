import { describe, expect, it } from 'vitest';
import { SEED_463_INTERVENTIONS, interventionSummary, parseFile, seedPath } from './support/documents.js';

describe('the 463rd meeting of CMW (seed summary record)', () => {
  const doc = parseFile(seedPath('cmw-c-sr-463.md'));

  it('derives the symbol the record does not print', () => {
    expect(doc.kind).toBe('summary-record');
    expect(doc.symbol).toBe('CMW/C/SR.463');
    expect(doc.symbolDerived).toBe(true);
  });

  it('reads the header', () => {
    expect(doc).toMatchObject({ committee: 'CMW', session: 33, meeting: 463, issued: '2021-10-06', held: '2021-10-04', chair: 'Mr. Ünver' });
    expect(doc.meetingDetails).toMatchObject({ part: 'partial', place: 'Palais des Nations, Geneva', time: '10:00' });
    expect(doc.meetingDetails!.agenda.map((a) => a.title)).toEqual([
      'Promotion of the Convention',
      'Informal meeting with non-governmental organizations and national human rights institutions',
    ]);
    expect(doc.meetingDetails!.times.map((t) => [t.event, t.time])).toEqual([
      ['called-to-order', '10:10'],
      ['discussion-ended', '11:20'],
    ]);
  });

  it('finds 19 paragraphs and who spoke in each intervention', () => {
    expect(doc.paragraphs.map((p) => p.number)).toEqual(Array.from({ length: 19 }, (_, i) => i + 1));
    expect(interventionSummary(doc)).toEqual(SEED_463_INTERVENTIONS);
  });

  it('keeps roles and the words between name and verb', () => {
    expect(doc.interventions[0]).toMatchObject({
      role: 'Office of the Commissioner for Human Rights (Ombudsman) of Azerbaijan',
      phrase: 'speaking via video link',
    });
    expect(doc.interventions[7]).toMatchObject({ speaker: 'The Chair', role: null, phrase: 'speaking in his capacity as Country Rapporteur' });
  });

  it('joins paragraph 16 across the page break, without mark-up', () => {
    const p16 = doc.paragraphs[15]!;
    expect(p16.text).toContain('Azerbaijani children abroad; and to protect the rights');
    expect(p16.text.startsWith('Ms. Abramenko (Anti-Discrimination Centre Memorial, Azerbaijan)')).toBe(true);
    expect(p16.lines).toEqual([73, 75]);
    expect(doc.paragraphs.some((p) => p.text.startsWith('abroad'))).toBe(false);
  });

  it('gives the corrections deadline a week after the record', () => {
    expect(doc.deadlines).toEqual([
      expect.objectContaining({ kind: 'corrections', due: '2021-10-13', basis: 'within one week of the date of the record (6 October 2021)' }),
    ]);
  });

  it('has no warnings', () => {
    expect(doc.warnings).toEqual([]);
  });
});

describe('the follow-up evaluation of Azerbaijan (seed)', () => {
  const doc = parseFile(seedPath('cmw-follow-up-azerbaijan-2026.md'));
  const groups = doc.followUp.evaluations.map((g) => `${g.paragraph} ${g.subparagraphs.join('')} ${g.grade}`);

  it('reads what is evaluated and who sent information', () => {
    expect(doc).toMatchObject({ kind: 'follow-up-evaluation', committee: 'CMW', country: 'AZE', issued: '2026-03-02', session: 39 });
    expect(doc.evaluation!.evaluated).toEqual({ symbol: 'CMW/C/AZE/CO/3', session: 33, date: '2021-10-08' });
    expect(doc.followUp.paragraphs).toEqual([16, 36, 60, 62]);
    expect(doc.evaluation!.fromStateParty).toEqual([{ name: null, symbol: 'CMW/C/AZE/FCO/3', date: '2024-01-17' }]);
    expect(doc.evaluation!.fromStakeholders).toEqual([
      { name: 'Maat for Peace, Development and Human Rights', symbol: null, date: '2024-05-10' },
    ]);
  });

  it('finds every graded group with its sub-paragraphs', () => {
    expect(groups).toEqual(['16 ab C', '16 c B', '36 a C', '36 bcde C', '60 a B', '60 bc C', '60 d F', '62 ab B', '62 c F']);
  });

  it('maps assessment sentences to meanings and keeps unknown letters', () => {
    const byRef = Object.fromEntries(doc.followUp.evaluations.map((g) => [`${g.paragraph}${g.subparagraphs.join('')}`, g]));
    expect(byRef['16ab']!.assessment).toBe('not implemented');
    expect(byRef['16c']!.assessment).toBe('partially implemented');
    expect(byRef['60bc']!.assessment).toBe('partially implemented');
    expect(byRef['36bcde']!.stated).toEqual(['not implemented', 'partially implemented']);
    expect(byRef['60d']).toMatchObject({ grade: 'F', assessment: null });
    expect(byRef['60d']!.requests[0]).toContain('in its next periodic report');
  });

  it('warns where a grade and its sentences disagree', () => {
    expect(doc.warnings.filter((w) => w.includes('60 (b) and (c)'))).toHaveLength(1);
    expect(doc.warnings.find((w) => w.includes('60 (b) and (c)'))).toMatch(/\[C\].*partially implemented/);
    expect(doc.warnings.find((w) => w.includes('36 (b)–(e)'))).toMatch(/not implemented.*partially implemented/);
    expect(doc.warnings.some((w) => w.includes('16 (a)'))).toBe(false);
  });

  it('derives the follow-up deadline and how late the information came', () => {
    expect(doc.deadlines).toEqual([
      expect.objectContaining({ kind: 'follow-up-reply', due: '2023-10-08', derived: true, met: '2024-01-17', daysLate: 101 }),
    ]);
    expect(doc.deadlines[0]!.basis).toMatch(/^derived: two years from the date of CMW\/C\/AZE\/CO\/3 on 8 October 2021/);
  });

  it('restates each recommendation with its sub-paragraphs', () => {
    const s36 = doc.evaluation!.sections.find((s) => s.paragraph === 36)!;
    expect(s36.subject).toBe('Due process, detention and equality before the courts');
    expect(s36.subparagraphs.map((s) => s.label)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(s36.subparagraphs[2]!.text).toContain('(iii) The measure is reviewed within 24 hours');
    expect(s36.reply).toBe('The reply of the State Party is provided in CMW/C/AZE/FCO/3, paragraphs 13 to 39.');
  });

  it('keeps footnotes out of the assessments', () => {
    expect(doc.footnotes.map((f) => f.text)).toEqual([
      'Adopted by the Committee at its thirty-ninth session (2–13 December 2024).',
      'CMW/C/AZE/CO/2, para. 45.',
    ]);
    expect(doc.followUp.evaluations.some((g) => g.text.includes('para. 45'))).toBe(false);
  });
});
