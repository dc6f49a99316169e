import { describe, expect, it } from 'vitest';
import { parseDocument } from '../src/documents/parse/index.js';

/** Concluding observations as text extracted from a PDF: the standard header, then the body given. */
function observations(body: string, header = ''): ReturnType<typeof parseDocument> {
  const head =
    header ||
    [
      'United Nations',
      'CCPR/C/HUN/CO/6',
      'International Covenant on Civil and Political R ights',
      'Distr.: General',
      '9 May 2018',
      'Original: English',
      'Human Rights Committee',
      'Concluding observations on the sixth periodic report of Hungary *',
    ].join('\n\n');
  return parseDocument(`${head}\n\n${body}`, { name: 'co.txt' });
}

const ADOPTED_2018 =
  '1.The Committee considered the sixth periodic report of Hungary (CCPR/C/HUN/6) at its 3464th and 3465th meetings (see CCPR/C/SR.3464 and 3465), held on 19 and 20 March 2018. At its 3478th and 3480th meetings, held on 28 and 29 March 2018, it adopted the present concluding observations.';

const dues = (doc: ReturnType<typeof parseDocument>, kind: string): string[] => doc.deadlines.filter((d) => d.kind === kind).map((d) => d.due);

describe('the follow-up request', () => {
  it('counts "within one year of the adoption" from the last day of the meetings that adopted them, after a rule 71 citation', () => {
    const doc = observations(
      `${ADOPTED_2018}\n\n45.In accordance with rule 71, paragraph 5, of the Committee's rules of procedure, the State party is requested to provide, within one year of the adoption of the present concluding observations, information on the implementation of the recommendations made by the Committee in paragraphs 10, 18 and 27 above.`,
    );
    expect(doc.followUp.paragraphs).toEqual([10, 18, 27]);
    expect(dues(doc, 'follow-up-reply')).toEqual(['2019-03-29']);
    expect(doc.observations?.adoption).toEqual({ meeting: 3480, date: '2018-03-29' });
  });

  it('takes the printed date of a rule 75 request and skips the topics written after each paragraph number', () => {
    const doc = observations(
      `${ADOPTED_2018}\n\n56.In accordance with rule 75, paragraph 1, of the Committee's rules of procedure, the State party is requested to provide, by 29 March 2020, information on the implementation of the recommendations made by the Committee in paragraphs 18 (hate speech), 30 (asylum seekers and refugees) and 46 (freedom of assembly) above.`,
    );
    expect(doc.followUp.paragraphs).toEqual([18, 30, 46]);
    expect(dues(doc, 'follow-up-reply')).toEqual(['2020-03-29']);
  });

  it('reads "within 24 months" and lettered sub-paragraphs, and "within a period of one year"', () => {
    const months = observations(
      `${ADOPTED_2018}\n\n70.The Committee requests the State party to provide, within 24 months of the adoption of the present concluding observations, information on the implementation of the recommendations contained in paragraphs 14 (c), 41 (a) and 55 (b) above.`,
    );
    expect(months.followUp.paragraphs).toEqual([14, 41, 55]);
    expect(months.observations?.followUpRequest?.refs[0]).toEqual({ paragraph: 14, subparagraphs: ['c'] });
    expect(dues(months, 'follow-up-reply')).toEqual(['2020-03-29']);
    const period = observations(
      `${ADOPTED_2018}\n\n30.The State party should provide, within a period of one year, relevant information on the implementation of the Committee's recommendations in paragraphs 8 and 12.`,
    );
    expect(period.followUp.paragraphs).toEqual([8, 12]);
    expect(dues(period, 'follow-up-reply')).toEqual(['2019-03-29']);
  });

  it('counts "within a time frame of two years" as 24 months', () => {
    const doc = observations(
      `${ADOPTED_2018}\n\n50.The Committee requests the State party to provide, within a time frame of two years, written information on the steps taken to implement the recommendations contained in paragraphs 12 and 20 above.`,
    );
    expect(dues(doc, 'follow-up-reply')).toEqual(['2020-03-29']);
  });

  it('reads "(see paras. 13 (a), 25 (b) and 39 (c) above)" and a CAT adoption sentence that names the considering meetings first', () => {
    const doc = observations(
      [
        '1.The Committee against Torture considered the second periodic report of Japan (CAT/C/JPN/2) at its 1152nd and 1155th meetings, held on 21 and 22 May 2013 (CAT/C/SR.1152 and 1155), and adopted the following concluding observations at its 1164th meeting, held on 29 May 2013 (CAT/C/SR.1164).',
        '29.The Committee requests the State party to provide, by 31 May 2014, information on follow-up to the Committee\'s recommendations on safeguards and on investigations (see paras. 13 (a), 25 (b) and 39 (c) above).',
      ].join('\n\n'),
      'United Nations\n\nCAT/C/JPN/CO/2\n\nDistr.: General\n\n28 June 2013\n\nCommittee against Torture\n\nConcluding observations on the second periodic report of Japan',
    );
    expect(doc.followUp.paragraphs).toEqual([13, 25, 39]);
    expect(dues(doc, 'follow-up-reply')).toEqual(['2014-05-31']);
    expect(doc.observations?.adoption).toEqual({ meeting: 1164, date: '2013-05-29' });
  });

  it('gathers a reference in parentheses after each topic, on a page that starts with its running header', () => {
    const doc = parseDocument(
      "CAT/C/GBR/CO/6 9. The Committee repeats its recommendation.\n\n66. The Committee requests the State party to provide, by 17 May 2020, information on follow-up to the Committee's recommendations on: sexual abuse of children in detention (para. 19); accountability for abuses in Iraq (para. 33); and conflict-related violations in Northern Ireland (para. 41 a), d), e), and f)).\n\n69. The Committee requests the State party to submit its next periodic report, which will be its seventh, by 17 May 2023.",
      { name: 'co.txt' },
    );
    expect(doc).toMatchObject({ kind: 'concluding-observations', symbol: 'CAT/C/GBR/CO/6', country: 'GBR' });
    expect(doc.followUp.paragraphs).toEqual([19, 33, 41]);
    expect(doc.deadlines.map((d) => `${d.kind} ${d.due}`)).toEqual(['follow-up-reply 2020-05-17', 'next-periodic-report 2023-05-17']);
  });

  it('keeps a paragraph list that a page header cut in two', () => {
    const doc = observations(
      `${ADOPTED_2018}\n\n45.The State party is requested to provide, within one year, information on the implementation of the recommendations made by the Committee in paragraphs 10, 18 and\n\nCCPR/C/HUN/CO/6\n\n8 GE.18-07540\n\n27 above.`,
    );
    expect(doc.followUp.paragraphs).toEqual([10, 18, 27]);
  });

  it('counts from the end of the session in the footnote when no adoption meeting is named, and says so', () => {
    const doc = observations(
      [
        '* Adopted by the Committee at its sixty-eighth session (23 October–17 November 2017).',
        '1.The Committee considered the combined initial and second periodic reports of Nauru (CEDAW/C/NRU/1–2) at its 1538th and 1539th meetings (see CEDAW/C/SR.1538 and CEDAW/C/SR.1539), held on 27 October 2017.',
        '52.The Committee requests the State party to provide, within two years, written information on the steps taken to implement the recommendations contained in paragraphs 15 (a), 23 (c) and 41 (d) above.',
      ].join('\n\n'),
      'Concluding observations on the combined initial and second periodic reports of Nauru *',
    );
    expect(doc.committee).toBe('CEDAW');
    expect(doc.followUp.paragraphs).toEqual([15, 23, 41]);
    expect(dues(doc, 'follow-up-reply')).toEqual(['2019-11-17']);
    expect(doc.warnings.join(' ')).toMatch(/adoption date was not found.*end of the session/);
  });
});

describe('the next periodic report', () => {
  it('takes the date attached to the report, not the guidelines "adopted on" or the resolution\'s date', () => {
    const doc = observations(
      `${ADOPTED_2018}\n\n92.The Committee invites the State party to submit its combined sixth and seventh periodic reports by 14 January 2022 and to include therein information on the follow-up to the present concluding observations. The report should be in compliance with the Committee's harmonized treaty-specific reporting guidelines adopted on 31 January 2014 (CRC/C/58/Rev.3) and should not exceed 21,200 words (see General Assembly resolution 68/268 of 9 April 2014, para. 16).`,
    );
    expect(dues(doc, 'next-periodic-report')).toEqual(['2022-01-14']);
    expect(doc.observations?.nextReport).toMatchObject({ description: 'combined sixth and seventh periodic reports', due: '2022-01-14', paragraph: 92 });
  });

  it('reads "its next report, which will be the third periodic report, by ..." and not the date to agree to the optional procedure', () => {
    const doc = observations(
      `${ADOPTED_2018}\n\n31.The Committee invites the State party to submit its next report, which will be the third periodic report, by 31 May 2017. For that purpose, the Committee invites the State party to agree, by 31 May 2014, to report under its optional reporting procedure.`,
    );
    expect(dues(doc, 'next-periodic-report')).toEqual(['2017-05-31']);
  });

  it('reads the Word-era wordings "sets ... as the date for the submission" and "be submitted by"', () => {
    const sets = observations(`${ADOPTED_2018}\n\n21.The Committee sets 31 October 2005 as the date for the submission of the fifth periodic report of Hungary.`);
    expect(dues(sets, 'next-periodic-report')).toEqual(['2005-10-31']);
    const passive = observations(`${ADOPTED_2018}\n\n19.The Committee requests that the State party's next periodic report be submitted by 1 April 2009.`);
    expect(dues(passive, 'next-periodic-report')).toEqual(['2009-04-01']);
  });

  it('gives no due date under the simplified procedure, where the list of issues comes first and the replies are due "within one year"', () => {
    const doc = observations(
      `${ADOPTED_2018}\n\n48.In the light of the Committee's predictable review cycle, the State party will receive in 2026 the Committee's list of issues prior to reporting and will be expected to submit within one year its replies, which will constitute its seventh periodic report.`,
    );
    expect(doc.deadlines).toEqual([]);
    expect(doc.followUp.paragraphs).toEqual([]);
  });
});

describe('headers that are not the standard one', () => {
  it('reads a Word-era title and a date under the symbol with no "Distr." label', () => {
    const doc = parseDocument(
      [
        'CCPR/C/GBR/CO/6',
        '30 July 2008',
        'Original: ENGLISH',
        'HUMAN RIGHTS COMMITTEE',
        'Ninety-third session',
        'Concluding observations of the Human Rights Committee',
        'UNITED KINGDOM OF GREAT BRITAIN AND NORTHERN IRELAND',
        '1. The Committee considered the sixth periodic report of the United Kingdom (CCPR/C/GBR/6).',
      ].join('\n\n'),
      { name: 'co.txt' },
    );
    expect(doc).toMatchObject({ kind: 'concluding-observations', symbol: 'CCPR/C/GBR/CO/6', issued: '2008-07-30', session: 93, country: 'GBR' });
  });

  it('finds the symbol and date of a header run together on one line, and the State in a title of the committee\'s series', () => {
    const flat = parseDocument(
      'UNEDITED VERSION CRC/C/GBR/CO/4 3 October 2008 Original: English\n\nCOMMITTEE ON THE RIGHTS OF THE CHILD Forty-ninth session\n\nConcluding observations United Kingdom of Great Britain and Northern Ireland 1. The Committee considered the report.',
      { name: 'co.txt' },
    );
    expect(flat).toMatchObject({ kind: 'concluding-observations', symbol: 'CRC/C/GBR/CO/4', issued: '2008-10-03', country: 'GBR' });
    const series = parseDocument(
      'Distr.\n\nGENERAL\n\nCRC/C/15/Add.120\n\n22 February 2000\n\nCOMMITTEE ON THE RIGHTS OF THE CHILD\n\nConcluding observations of the Committee on the Rights of the Child: Peru\n\nThe Committee considered the second periodic report of Peru.',
      { name: 'co.txt' },
    );
    expect(series).toMatchObject({ kind: 'concluding-observations', symbol: 'CRC/C/15/Add.120', country: 'PER', committee: 'CRC' });
  });

  it('reads a copy that lost its whole header from its adoption paragraph: kind, committee and State', () => {
    const doc = parseDocument(
      '1. The Committee\non Economic, Social and Cultural Rights considered the fourth periodic\nreport of Germany on the implementation of the Covenant (E/C.12/4/Add.3) at its 48th\nand 49th meetings, held on 24 August 2001,\nand adopted, at its 58th meeting (E/C.12/2001/58), held on 31 August\n2001, the following concluding observations.\nA. Introduction\n2. The Committee\nwelcomes the report.',
      { name: 'co.txt' },
    );
    expect(doc).toMatchObject({ kind: 'concluding-observations', committee: 'CESCR', country: 'DEU', symbol: null });
    expect(doc.observations?.adoption).toEqual({ meeting: 58, date: '2001-08-31' });
  });

  it('takes the session of a headerless copy from its adoption sentence, and reads "the following comments" as concluding observations', () => {
    const doc = parseDocument(
      '1. The Committee considered the third periodic report\nof Hungary (CCPR/C/64/Add.2) at its 1240th\nto 1242nd meetings, held on 15 and 16 July 1993, and adopted at\nits 1259th meeting (forty-eighth session), held on 28 July 1993\nthe following comments:\nA. Introduction\n2. The Committee welcomes the report.',
      { name: 'co.txt' },
    );
    expect(doc).toMatchObject({ kind: 'concluding-observations', committee: 'CCPR', country: 'HUN', session: 48 });
    expect(doc.observations?.adoption).toEqual({ meeting: 1259, date: '1993-07-28' });
  });

  it('reads the date of a Spanish or French original under "Distr. general"', () => {
    const es = parseDocument('Naciones Unidas\n\nCED/C/MNG/CO/1\n\nDistr. general\n\n30 de septiembre de 2021\n\nOriginal: inglés\n\n1.El Comité examinó el informe.', { name: 'co.txt' });
    expect(es).toMatchObject({ kind: 'concluding-observations', issued: '2021-09-30' });
    const fr = parseDocument('Nations Unies\n\nCAT/C/FRA/CO/8\n\nDistr. générale\n\n1er mars 2019\n\n1.Le Comité a examiné le rapport.', { name: 'co.txt' });
    expect(fr.issued).toBe('2019-03-01');
  });

  it('finds a symbol glued to the word before it ("United NationsCEDAW/C/PAK/CO/4")', () => {
    const doc = parseDocument('United NationsCEDAW/C/PAK/CO/4\nDistr.: General\n27 March 2013\nConcluding observations on the fourth periodic report of Pakistan\n1.The Committee considered the report.', { name: 'co.txt' });
    expect(doc).toMatchObject({ kind: 'concluding-observations', symbol: 'CEDAW/C/PAK/CO/4', country: 'PAK', issued: '2013-03-27' });
  });

  it('reads the State of a Word-era title from paragraph 1 when the title line names none', () => {
    const doc = parseDocument('Concluding observations of the Human Rights Committee\nSweden\n1. The Committee considered the fifth periodic report of Sweden\n(CCPR/C/SWE/2000/5) at its 1989th meeting, and adopted the following concluding observations at its 2003rd meeting, on 1 April 2002.\nA. Introduction', { name: 'co.txt' });
    expect(doc).toMatchObject({ kind: 'concluding-observations', committee: 'CCPR', country: 'SWE' });
  });

  it('reads the date after "Distr.: General" in a header run together, and the session from a footnote that lost its asterisk', () => {
    const flat = parseDocument('Transcription\n\n1 ADVANCE UNEDITED VERSION Distr.: General 5 April 2018 CCPR/C/HUN/CO/6 Original: English Concluding observations on the sixth periodic report of Hungary 1. The Committee considered the report. At its 3480th meeting, held on 29 March 2018, it adopted the following concluding observations.', { name: 'co.txt' });
    expect(flat).toMatchObject({ kind: 'concluding-observations', symbol: 'CCPR/C/HUN/CO/6', issued: '2018-04-05' });
    const unmarked = observations(`${ADOPTED_2018}\n\nAdopted by the Committee at its one hundred and twenty-second session (12 March–6 April 2018).\n\n2.The Committee welcomes the report.`);
    expect(unmarked.session).toBe(122);
  });

  it('reads concluding observations extracted from an annual report, whose numbered section heading comes first', () => {
    const doc = parseDocument('PERU\n\nCRC A/49/41 (1994)\n\n8. Concluding observations\n\n145. The Committee considered the initial report of Peru (CRC/C/3/Add.7) at its 82nd meeting, and adopted at the 103rd meeting, held on 8 October 1993, the following concluding observations.', { name: 'co.txt' });
    expect(doc).toMatchObject({ kind: 'concluding-observations', committee: 'CRC', country: 'PER', symbol: null });
  });

  it('knows the Cook Islands, a party to treaties that is not a member of the United Nations', () => {
    const doc = parseDocument('Concluding observations on the combined second and third periodic reports of the Cook Islands *\n\n1.The Committee considered the reports (CEDAW/C/COK/2-3).', { name: 'co.txt' });
    expect(doc).toMatchObject({ kind: 'concluding-observations', committee: 'CEDAW', country: 'COK' });
  });

  it('does not take a follow-up report\'s "Concluding observations (CCPR/C/...)" line for the title of concluding observations', () => {
    const doc = parseDocument('Human Rights Committee\n\nConcluding observations (CCPR/C/HUN/CO/6), adopted on 29 March 2018\n\nSome text.', { name: 'x.txt' });
    expect(doc.kind).toBe('unknown');
  });
});

describe('documents of the Subcommittee on Prevention of Torture', () => {
  it('reads the symbol of a page that starts with its running header', () => {
    const doc = parseDocument('CAT/OP/HND/3 I. Introduction 1. Members of the Subcommittee on Prevention of Torture visited Honduras.', { name: 'p3.txt' });
    expect(doc).toMatchObject({ kind: 'unknown', symbol: 'CAT/OP/HND/3', committee: 'SPT', country: 'HND' });
  });

  it('reads the State from the title of a visit report that prints no symbol', () => {
    const doc = parseDocument(
      'United Nations\n\nOptional Protocol to the Convention against Torture\n\n30 May 2011\n\nSubcommittee on Prevention of Torture\n\nReport on the follow-up visit to the Republic of Paraguay from 13 to 15 September 2010',
      { name: 'v.txt' },
    );
    expect(doc).toMatchObject({ kind: 'unknown', symbol: null, committee: 'SPT', country: 'PRY' });
  });
});

describe('pages of the Subcommittee with no header', () => {
  it('knows the Subcommittee by "SPT" and the State by "visit to ..." in running text', () => {
    const doc = parseDocument('visit were appointed. 12.The delegation met the authorities. 13.This report on the first SPT visit to the Maldives sets out its findings.', { name: 'p3.txt' });
    expect(doc).toMatchObject({ kind: 'unknown', committee: 'SPT', country: 'MDV' });
  });
});

describe('follow-up replies of States parties', () => {
  it('reads a ".../FCO/n" reply and the day it was received', () => {
    const doc = parseDocument(
      [
        'United Nations',
        'CMW/C/AZE/FCO/3',
        'International Convention on the Protection of the Rights of All Migrant Workers and Members of Their Families',
        'Committee on the Protection of the Rights of All Migrant Workers and Members of Their Families',
        'Information received from Azerbaijan on follow-up to the concluding observations on its third periodic report *',
        '[Date received: 17 January 2024]',
        '1.Reply to paragraph 16 of the concluding observations.',
      ].join('\n\n'),
      { name: 'fco.txt' },
    );
    expect(doc).toMatchObject({ kind: 'follow-up-reply', symbol: 'CMW/C/AZE/FCO/3', country: 'AZE', committee: 'CMW', issued: '2024-01-17' });
    expect(doc.warnings).toEqual([]);
  });

  it('reads an addendum to concluding observations titled "Comments by the Government of ..." as the reply, with a bracketed date', () => {
    const doc = parseDocument(
      [
        'United Nations',
        'CCPR/C/HUN/CO/5/Add.1',
        'International Covenant on Civil and Political Rights',
        'Human Rights Committee',
        'Concluding observations of the Human Rights Committee',
        'Addendum',
        'Comments by the Government of Hungary on the concluding observations of the Human Rights Committee',
        '[14 December 2011]',
        '1.The Government wishes to inform the Committee of the following.',
      ].join('\n\n'),
      { name: 'add.txt' },
    );
    expect(doc).toMatchObject({ kind: 'follow-up-reply', symbol: 'CCPR/C/HUN/CO/5/Add.1', country: 'HUN', issued: '2011-12-14' });
  });

  it('says when a reply prints no date of receipt', () => {
    const doc = parseDocument('CAT/C/JPN/FCO/2\n\nDistr.: General\n\n3 June 2014\n\n1.Reply.', { name: 'fco.txt' });
    expect(doc.kind).toBe('follow-up-reply');
    expect(doc.warnings.join(' ')).toMatch(/Date received/);
  });
});
