import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../src/documents/parse/index.js';
import { parseParagraphRefs } from '../src/documents/parse/references.js';
import { normalizeSymbol, parseSymbol } from '../src/domain/symbols.js';
import { CORPUS_DIR } from './corpus/score.js';

/**
 * The format families of follow-up evaluations and lists of issues. The short documents here are
 * written for the tests, laid out as the real ones are (test/corpus holds documents modelled on
 * real ones); each checks one rule.
 */

const parse = (text: string) => parseDocument(text, { name: 'doc.txt' });
const corpus = (name: string) => parseDocument(readFileSync(`${CORPUS_DIR}/${name}`, 'utf8').replace(/^SOURCE:.*$/m, ''), { name });
const keys = (doc: ReturnType<typeof parse>) =>
  doc.followUp.evaluations.map((e) => `${e.paragraph}${e.subparagraphs.length ? ` (${e.subparagraphs.join(')(')})` : ''} ${e.grade ?? '-'} ${e.assessment ?? 'none'}${e.country ? ` ${e.country}` : ''}`);

const ADDENDUM = `United Nations

CCPR/C/133/3/Add.2

International Covenant on Civil and Political Rights

Distr.: General

10 December 2021

Original: English

Human Rights Committee

Report on follow-up to the concluding observations of the Human Rights Committee

Addendum

Evaluation of the information on follow-up to the concluding observations on Hungary

Concluding observations (122nd session):

CCPR/C/HUN/CO/6, 28 and 29 March 2018

Follow-up paragraphs:

46, 48 and 56

Information received from State party:

CCPR/C/HUN/FCO/6, 29 April 2020

Committee’s evaluation:

Additional information required on paragraphs 46[C][B], 48[C] and 56[B]

Paragraph 46: Treatment of aliens, including refugees and asylum seekers
`;

describe('CCPR country addenda: grades in the evaluation line', () => {
  it('reads each letter of the line as one evaluation, in order, when the sections are cut off', () => {
    const doc = parse(ADDENDUM);
    expect(doc.kind).toBe('follow-up-evaluation');
    expect(doc.country).toBe('HUN');
    expect(doc.followUp.paragraphs).toEqual([46, 48, 56]);
    expect(keys(doc)).toEqual(['46 C none', '46 B none', '48 C none', '56 B none']);
    expect(doc.followUp.evaluations.every((e) => e.source === 'evaluation-line' && e.subparagraphs.length === 0)).toBe(true);
    expect(doc.evaluation?.evaluated).toEqual({ symbol: 'CCPR/C/HUN/CO/6', session: 122, date: '2018-03-29' });
    expect(doc.warnings).toContain('Follow-up paragraph 48 has no section in the evaluation.');
  });

  it('reads labels run together with their values, and letters with spaces inside the brackets', () => {
    const doc = parse(`Human Rights Committee

Evaluation of the information on follow-up to the concluding observations on Pakistan

Concluding observationsCCPR/C/PAK/CO/1, 25 and 26 July 2017 (120th session):

Follow-up paragraphs:18, 22 and 24

Committee’s evaluation: Additional information required on paragraphs 18[ B ] [ C], 22[C][B]and 24[B][C]
`);
    expect(doc.kind).toBe('follow-up-evaluation');
    expect(doc.evaluation?.evaluated.symbol).toBe('CCPR/C/PAK/CO/1');
    expect(doc.evaluation?.evaluated.session).toBe(120);
    expect(keys(doc)).toEqual(['18 B none', '18 C none', '22 C none', '22 B none', '24 B none', '24 C none']);
  });

  it('knows an addendum by its follow-up paragraphs and graded evaluation line even without the usual title', () => {
    const doc = parse(`Human Rights Committee

Follow-up to the concluding observations on Jordan

Follow-up paragraphs: 7, 17 and 29

Committee’s evaluation: Additional information required on paragraphs 7[B], 17[C] and 29[C]
`);
    expect(doc.kind).toBe('follow-up-evaluation');
    expect(keys(doc)).toEqual(['7 B none', '17 C none', '29 C none']);
  });

  it('keeps the grades of the sections where they exist, and the line only where no section grades', () => {
    const doc = parse(`${ADDENDUM}
Committee’s evaluation

[C]: Paragraph 46

The Committee regrets that no steps were described. The Committee considers that the recommendation has not been implemented.

[B]: Paragraph 46

The Committee notes a new decree. The Committee considers that the recommendation has been partially implemented.
`);
    expect(keys(doc)).toEqual(['46 C not implemented', '46 B partially implemented', '48 C none', '56 B none']);
    expect(doc.followUp.evaluations.map((e) => e.source)).toEqual(['section', 'section', 'evaluation-line', 'evaluation-line']);
  });
});

describe('grade legends', () => {
  it('keeps the A–E legend of a cover report as the meaning of letters, never as grades', () => {
    const doc = corpus('follow-up-evaluations/ccpr-c-133-3-cover-2021.txt');
    expect(doc.kind).toBe('follow-up-evaluation');
    expect(doc.followUp.evaluations).toEqual([]);
    expect(doc.evaluation?.legend?.map((e) => [e.letter, e.meaning])).toEqual([
      ['A', 'implemented'],
      ['B', 'partially implemented'],
      ['C', 'not implemented'],
      ['D', 'no information'],
      ['E', 'contrary to the recommendation'],
    ]);
    expect(doc.session).toBe(133);
    expect(doc.paragraphs.map((p) => p.number)).toEqual([1, 2]);
  });

  it('reads the older B1/B2 legend from table cells, category rows aside', () => {
    const doc = corpus('follow-up-evaluations/ccpr-114th-advance-unedited-2015.txt');
    expect(doc.evaluation?.legend?.map((e) => e.letter)).toEqual(['A', 'B1', 'B2', 'C1', 'C2', 'D1', 'D2', 'E']);
    expect(doc.evaluation?.legend?.find((e) => e.letter === 'B2')).toMatchObject({ label: 'Initial action taken, but additional information and measures required', meaning: 'partially implemented' });
    expect(doc.evaluation?.legend?.find((e) => e.letter === 'D1')?.meaning).toBe('no information');
  });

  it('joins CED’s explanations and sub-categories to their letter', () => {
    const doc = corpus('follow-up-evaluations/ced-c-15-2-2018.txt');
    const b = doc.evaluation?.legend?.find((e) => e.letter === 'B');
    expect(b?.label).toBe('Reply/action partially satisfactory; Substantive action taken, but additional information required; Initial action taken, but additional information and measures required');
    expect(doc.country).toBeNull();
    expect(doc.session).toBe(15);
  });

  it('reads legend letters printed with a full stop, as CED did in 2016', () => {
    const doc = corpus('follow-up-evaluations/ced-c-11-2-2016.txt');
    expect(doc.evaluation?.legend?.map((e) => [e.letter, e.meaning])).toEqual([
      ['A', 'implemented'],
      ['B', 'partially implemented'],
      ['C', 'not implemented'],
      ['D', 'no information'],
      ['E', 'contrary to the recommendation'],
    ]);
    expect(doc.followUp.evaluations).toEqual([]);
  });

  it('does not take a lettered section heading for a legend entry', () => {
    const doc = parse(`United Nations

CED/C/11/2

Distr.: General

23 November 2016

Committee on Enforced Disappearances

Report on follow-up to the concluding observations of the Committee on Enforced Disappearances

A. Introduction

B. Positive aspects
`);
    expect(doc.evaluation?.legend ?? []).toEqual([]);
  });

  it('knows CED’s observations on additional information by their symbol and State, as a kind it does not read', () => {
    expect(parseSymbol('CED/C/MEX/FAI/1')).toMatchObject({ committee: 'CED', country: 'MEX', typeCode: 'FAI', report: '1' });
    const doc = corpus('follow-up-evaluations/ced-c-mex-fai-1-2019.txt');
    expect(doc).toMatchObject({ kind: 'unknown', symbol: 'CED/C/MEX/FAI/1', country: 'MEX' });
    expect(doc.warnings).toHaveLength(1);
  });

  it('does not take a Views report for an evaluation of concluding observations', () => {
    expect(corpus('follow-up-evaluations/ccpr-c-130-3-views-2020.txt').kind).toBe('unknown');
  });
});

describe('reports on several States parties', () => {
  it('gives each evaluation its State and the report no single country', () => {
    const doc = parse(`United Nations

CED/C/27/2

Committee on Enforced Disappearances

Report on follow-up to the concluding observations of the Committee on Enforced Disappearances

A.Gabon

Paragraph 12: Definition of enforced disappearance

Committee’s evaluation

[C]: Paragraph 12

No law has been adopted. The Committee considers that the recommendation has not been implemented.

B.Mali

Paragraph 20: Military jurisdiction

Committee’s evaluation

[B]: Paragraph 20 (a)

A bill is before parliament. The Committee considers that the recommendation has been partially implemented.
`);
    expect(doc.kind).toBe('follow-up-evaluation');
    expect(doc.country).toBeNull();
    expect(keys(doc)).toEqual(['12 C not implemented GAB', '20 (a) B partially implemented MLI']);
  });
});

describe('lists of issues', () => {
  it('recognises the older CCPR symbol and title', () => {
    const doc = corpus('lists-of-issues/ccpr-c-73-l-hun-2001.txt');
    expect(doc).toMatchObject({ kind: 'list-of-issues', symbol: 'CCPR/C/73/L/HUN', country: 'HUN', session: 73 });
    expect(doc.paragraphs.map((p) => p.number)).toEqual([1, 2, 3, 4, 5]);
  });

  it('leaves a working-group report that speaks of lists of issues alone', () => {
    expect(corpus('lists-of-issues/cedaw-pswg-60th-2014.txt').kind).toBe('unknown');
  });

  it('reads CAT’s follow-up assessment in words as evaluations with no letter', () => {
    const doc = parse(`United Nations

CAT/C/ARM/QPR/5

Convention against Torture and Other Cruel, Inhuman or Degrading Treatment or Punishment

Distr.: General

4 January 2016

Committee against Torture

List of issues prior to submission of the fifth periodic report of Armenia

Issues identified for follow-up in the previous concluding observations

1.In its previous concluding observations (para. 30), the Committee requested the State party to send follow-up information on its recommendations (paras. 14, 15 and 27). Having examined the reply received on 27 May 2013, the Committee considers that the recommendations in paragraphs 15 and 27 have been partially implemented and that the recommendation in paragraph 14 a) has not been implemented.

2.Please describe the steps taken since then.
`);
    expect(doc.kind).toBe('list-of-issues');
    expect(doc.country).toBe('ARM');
    expect(doc.followUp.paragraphs).toEqual([14, 15, 27]);
    expect(keys(doc)).toEqual(['15 - partially implemented', '27 - partially implemented', '14 (a) - not implemented']);
    expect(doc.followUp.evaluations.every((e) => e.grade === null && e.source === 'words')).toBe(true);
  });
  it('reads an assessment in the passive ("are considered to have been partially implemented") and a request to "report back"', () => {
    const doc = corpus('lists-of-issues/cat-c-cze-qpr-7-2021.txt');
    expect(doc).toMatchObject({ kind: 'list-of-issues', symbol: 'CAT/C/CZE/QPR/7', country: 'CZE' });
    expect(doc.followUp.paragraphs).toEqual([15, 27, 33]);
    expect(keys(doc)).toEqual(['33 - not implemented', '15 - partially implemented', '27 - partially implemented']);
    expect(doc.warnings).toEqual([]);
  });

  it('reads a list cut off after paragraph 1, and says which asked-for paragraph it found no assessment for', () => {
    const doc = parse(`United Nations

CAT/C/CZE/QPR/7

Distr.: General

10 June 2021

Committee against Torture

List of issues prior to submission of the seventh periodic report of Czechia

1.In its previous concluding observations (para. 40), the Committee asked the State party to report back on the follow-up to its recommendations (see paras. 15, 27 and 33). The recommendations contained in paragraphs 15 and 27 are considered to have been partially implemented.
`);
    expect(doc.followUp.paragraphs).toEqual([15, 27, 33]);
    expect(doc.warnings).toEqual(['Follow-up paragraph 33 is named but its implementation is not assessed in the part read.']);
  });
  it('reads the old CRC symbol with Q before the State from a catalogue copy’s "SYMBOL. (List of Issues)" line', () => {
    expect(parseSymbol('CRC/C/Q/MEX/2')).toMatchObject({ committee: 'CRC', type: 'list-of-issues', country: 'MEX', report: '2' });
    expect(normalizeSymbol('crc/c/q/mex/2')).toBe('CRC/C/Q/MEX/2');
    expect(normalizeSymbol('CRC/C/MEX/Q/2')).toBe('CRC/C/MEX/Q/2');
    const doc = corpus('lists-of-issues/crc-c-q-mex-2-1999.txt');
    expect(doc).toMatchObject({ kind: 'list-of-issues', symbol: 'CRC/C/Q/MEX/2', committee: 'CRC', country: 'MEX', session: 22, issued: null });
  });

  it('takes CERD’s list of themes for its list of issues, and the report’s symbol in the title for no symbol of its own', () => {
    const doc = corpus('lists-of-issues/cerd-themes-lao-2012.txt');
    expect(doc).toMatchObject({ kind: 'list-of-issues', symbol: null, committee: 'CERD', country: 'LAO', issued: '2012-01-18' });
  });

  it('reads a session ordinal a conversion broke apart', () => {
    expect(corpus('lists-of-issues/cerd-themes-lao-2012.txt').session).toBe(80);
    expect(corpus('lists-of-issues/ccpr-c-ken-q-3-2011.txt').session).toBe(103);
  });

  it('takes the date alone at the top of a copy that lost its "Distr." line for the issue date', () => {
    const doc = corpus('lists-of-issues/e-c-12-ken-q-2-5-2015.txt');
    expect(doc).toMatchObject({ kind: 'list-of-issues', symbol: null, committee: 'CESCR', country: 'KEN', issued: '2015-10-16' });
    const dated = parse(`Committee on Economic, Social and Cultural Rights

List of issues in relation to the sixth periodic report of Kenya

1.The State party is requested to reply by 29 March 2024.

2.Please describe the measures taken.
`);
    expect(dated.issued).toBeNull();
  });
  it('prefers a catalogue line’s symbol to a misprinted copy, and keeps an old State code the symbol cannot map', () => {
    expect(parseSymbol('E/C.12/Q/GER/1')).toMatchObject({ committee: 'CESCR', type: 'list-of-issues', country: null, report: '1' });
    expect(normalizeSymbol('E/C.12/Q/GER/1')).toBe('E/C.12/Q/GER/1');
    const doc = corpus('lists-of-issues/e-c-12-q-ger-1-1998.txt');
    expect(doc).toMatchObject({ kind: 'list-of-issues', symbol: 'E/C.12/Q/GER/1', committee: 'CESCR', country: 'DEU', issued: '1998-01-13' });
  });
  it('reads a Word-era symbol that ends in letters glued to its date', () => {
    const doc = corpus('lists-of-issues/ccpr-c-80-l-ltu-2003.txt');
    expect(doc).toMatchObject({ kind: 'list-of-issues', symbol: 'CCPR/C/80/L/LTU', committee: 'CCPR', country: 'LTU', session: 79, issued: '2003-11-28' });
  });

  it('takes "almost fully implemented" for implemented', () => {
    const doc = corpus('lists-of-issues/cat-c-ltu-qpr-5-2023.txt');
    expect(keys(doc)).toEqual(['12 - partially implemented', '18 - partially implemented', '16 - implemented']);
    expect(doc.warnings).toEqual([]);
  });
  it('leaves out the list’s own paragraphs that an assessing sentence cites', () => {
    const doc = corpus('lists-of-issues/cat-c-fin-qpr-8-2019.txt');
    expect(doc.followUp.paragraphs).toEqual([15, 17, 18]);
    expect(keys(doc)).toEqual(['15 - partially implemented', '17 (d) - partially implemented', '18 - partially implemented']);
  });

  it('takes the session from the head and title, not from the introduction, also when words are glued', () => {
    expect(corpus('lists-of-issues/cat-c-est-qpr-6-2015.txt').session).toBeNull();
    expect(corpus('lists-of-issues/ccpr-c-fin-q-6-2012.txt').session).toBe(106);
    expect(corpus('lists-of-issues/ccpr-c-est-q-3-2009.txt')).toMatchObject({ session: 97, issued: '2009-11-23', committee: 'CCPR', country: 'EST' });
  });
  it('applies an assessment of "these recommendations" to every paragraph asked for', () => {
    const doc = corpus('lists-of-issues/cat-c-tjk-q-4-2025.txt');
    expect(doc.followUp.paragraphs).toEqual([10, 18, 46]);
    expect(keys(doc)).toEqual(['10 - partially implemented', '18 - partially implemented', '46 - partially implemented']);
    expect(doc.warnings).toEqual([]);
  });
});

describe('paragraph references', () => {
  it('reads CAT’s single-parenthesis labels', () => {
    expect(parseParagraphRefs('14 a) and b), 18')).toEqual([
      { paragraph: 14, subparagraphs: ['a', 'b'] },
      { paragraph: 18, subparagraphs: [] },
    ]);
  });
});
