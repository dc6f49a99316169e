import { describe, expect, it } from 'vitest';
import { parseDocument } from '../src/documents/parse/index.js';
import { gluedNumber } from '../src/domain/ordinals.js';
import { normalizeSymbol, parseSymbol } from '../src/domain/symbols.js';

/** The format families of real summary records (test/corpus/summary-records), one rule at a time. */

function record(header: string, body = 'The meeting was called to order at 10 a.m.\n\n1.The Chair declared open the session.'): ReturnType<typeof parseDocument> {
  return parseDocument(Buffer.from(`${header}\n\n${body}\n`, 'utf8'), { name: 'record.txt' });
}

const MODERN = (title: string, chairLines: string, session = 'Seventy-fifth session'): string =>
  [
    'United Nations',
    'CRC/C/SR.2194',
    'Distr.: General',
    '17 May 2017',
    'Committee on the Rights of the Child',
    session,
    title,
    'Held at the Palais Wilson, Geneva, on Monday, 15 May 2017, at 10 a.m.',
    chairLines,
    'Contents',
    'Opening of the session',
  ].join('\n\n');

describe('Word-era headers', () => {
  const WORD_ERA = [
    '* No summary record was prepared for the rest of the meeting.This record is subject to correction.Corrections should be submitted in one of the working languages. They should be sent within one week of the date of this document to the Editing Unit.GE.04-43665 (E) 160904 160904 UNITED NATIONS',
    'CRC',
    'Convention on the Rights of the Child',
    'Distr.GENERAL',
    'CRC/C/SR.97216 September 2004',
    'Original: ENGLISH',
    'COMMITTEE ON THE RIGHTS OF THE CHILD',
    'Thirty-seventh session',
    'SUMMARY RECORD (PARTIAL)* OF THE 972nd MEETING',
    'Held at the Palais Wilson, Geneva,',
    'on Monday, 13 September 2004, at 10 a.m.',
    'Chairperson: Mr. DOEK',
    'CONTENTS',
    'OPENING OF THE SESSION',
  ].join('\n\n');
  const doc = record(WORD_ERA, 'The meeting was called to order at 10.05 a.m.\n\nOPENING OF THE SESSION\n\nThe CHAIRPERSON declared open the thirty-seventh session.\n\nMs. IZE-CHARRIN (Representative of the High Commissioner) conveyed the sympathy of the High Commissioner.');

  it('splits a symbol glued to its date, and reads the date after "Distr.GENERAL"', () => {
    expect(doc).toMatchObject({ symbol: 'CRC/C/SR.972', issued: '2004-09-16', meeting: 972, session: 37 });
    expect(doc.deadlines.map((d) => d.due)).toEqual(['2004-09-23']);
  });

  it('takes a one-digit day when two digits cannot be a day, and keeps an addendum', () => {
    const five = record(WORD_ERA.replace('CRC/C/SR.97216 September 2004', 'CAT/SP/SR.135 December 2005'));
    expect(five).toMatchObject({ symbol: 'CAT/SP/SR.13', issued: '2005-12-05' });
    const add = record(WORD_ERA.replace('CRC/C/SR.97216 September 2004', 'CCPR/C/SR.2136/Add.117 November 2003'));
    expect(add).toMatchObject({ symbol: 'CCPR/C/SR.2136/Add.1', issued: '2003-11-17' });
  });

  it('reads "Held at ..." when the date is on the next block', () => {
    expect(doc.held).toBe('2004-09-13');
  });

  it('finds the all-capital speakers, the office and a verb it did not know before', () => {
    expect(doc.interventions.map((i) => [i.speaker, i.paragraphs])).toEqual([
      ['The CHAIRPERSON', [1]],
      ['Ms. IZE-CHARRIN', [2]],
    ]);
    const upper = record(WORD_ERA, 'The meeting was called to order at 10.05 a.m.\n\nTHE CHAIRPERSON declared open the session.');
    expect(upper.interventions.map((i) => i.speaker)).toEqual(['THE CHAIRPERSON']);
  });
});

describe('title lines whose spaces a conversion lost or broke', () => {
  it('reads the meeting number through broken and lost spaces', () => {
    for (const [title, meeting] of [
      ['Summary record ( p artial )* of th e 409th meeting**', 409],
      ['Summaryrecord(partial)* ofthe1614thmeeting', 1614],
      ['Summary record of the 3 465th meeting', 3465],
      ['Summary record (partial)* of the 10 th meeting**', 10],
      ['SUMMARY RECORD OF THE TWO HUNDRED AND SECOND MEETING', 202],
    ] as const) {
      expect(record(MODERN(title, 'Chair:Mr. Mezmur')).meeting, title).toBe(meeting);
    }
  });

  it('reads the session through glued and broken number words', () => {
    for (const [line, session] of [
      ['Fiftyfifth session', 55],
      ['Six ty- second session', 62],
      ['Ninety-nin th session', 99],
      ['Fifty-seventhsession', 57],
      ['122th session', 122],
    ] as const) {
      expect(record(MODERN('Summary record of the 2194th meeting', 'Chair:Mr. Mezmur', line)).session, line).toBe(session);
    }
    expect(gluedNumber('Geneva')).toBeNull();
  });
});

describe('chair labels', () => {
  const chairOf = (lines: string): string | null => record(MODERN('Summary record of the 2194th meeting', lines)).chair;

  it('takes the first chair named under every label', () => {
    expect(chairOf('Temporary Chairperson:Mr. Salama (Representative of the High Commissioner)\n\nChairperson:Mr. Pillay')).toBe('Mr. Salama');
    expect(chairOf('Co-Chairperson: Ms. CASALE (Subcommittee on Prevention of Torture)')).toBe('Ms. CASALE');
    expect(chairOf('Chair person: Ms. Lee')).toBe('Ms. Lee');
    expect(chairOf('President: Mr. Kamau (Kenya)')).toBe('Mr. Kamau');
    expect(chairOf('Temporary Chair : Mr. Walker')).toBe('Mr. Walker');
    expect(chairOf('Chair:Ms. Waterval (Rapporteur)')).toBe('Ms. Waterval');
    expect(chairOf('Chairperson : Ms. Overvad ........................ (Denmark)')).toBe('Ms. Overvad');
  });

  it('separates two labels on one line, glued or not', () => {
    expect(chairOf('Temporary Chair: Mr. Walker (Office of the United Nations High Commissioner for Human Rights)Chair: Mr. Abdel-Moneim')).toBe('Mr. Walker');
    const doc = record(MODERN('Summary record of the 2194th meeting', 'Temporary Chair:Mr. Calí Tzay (Vice-Chair) Chair:Mr. Amir'));
    expect(doc.meetingDetails?.chairs).toEqual([
      { name: 'Mr. Calí Tzay', role: 'Vice-Chair', later: false },
      { name: 'Mr. Amir', role: null, later: false },
    ]);
  });

  it('marks "later:" and "Then:" chairs as later', () => {
    const doc = record(MODERN('Summary record of the 2194th meeting', 'Chair:Mr. Mezmur\n\nlater:Ms. Winter\n\nThen: Mr. Kotrane'));
    expect(doc.meetingDetails?.chairs.map((c) => [c.name, c.later])).toEqual([
      ['Mr. Mezmur', false],
      ['Ms. Winter', true],
      ['Mr. Kotrane', true],
    ]);
  });

  it('keeps "In the absence of ..., ... took the Chair." out of the agenda', () => {
    const doc = record(`${MODERN('Summary record of the 2194th meeting', 'Chair:Ms. Waterval (Rapporteur)')}\n\nIn the absence of Mr. Iwasawa, Ms. Waterval (Rapporteur) took the Chair.`);
    expect(doc.meetingDetails?.agenda.map((a) => a.title)).toEqual(['Opening of the session']);
  });
});

describe('a symbol and a title that disagree', () => {
  it('keeps both as printed and says so', () => {
    const doc = record(MODERN('SUMMARY RECORD OF THE 11th MEETING', 'Chairman: Mr. DEMBRI (Algeria)').replace('CRC/C/SR.2194', 'CAT/SP/SR.12'));
    expect(doc).toMatchObject({ symbol: 'CAT/SP/SR.12', meeting: 11 });
    expect(doc.warnings).toContain('The symbol CAT/SP/SR.12 names meeting 12, but the title the 11th meeting; both are kept as printed.');
  });
});

describe('meetings of the States parties', () => {
  it('parses their symbols and formats them back', () => {
    expect(parseSymbol('CERD/SP/SR.25')).toMatchObject({ committee: 'CERD', series: 'SP', type: 'summary-record', meeting: 25 });
    expect(normalizeSymbol('CRPD/CSP/2019/SR.1')).toBe('CRPD/CSP/2019/SR.1');
    expect(normalizeSymbol('CERD/SP/63')).toBe('CERD/SP/63');
    expect(normalizeSymbol('CERD/SP/AZE/CO/1')).toBeNull();
  });

  it('reads a "Provisional summary record" of a numbered Meeting, the Meeting as its session', () => {
    const doc = record(
      [
        'Distr.',
        'GENERAL',
        'CERD/SP/SR.25',
        '31 January 1996',
        'MEETING OF THE STATES PARTIES TO THE INTERNATIONAL CONVENTION ON THE ELIMINATION OF ALL FORMS OF RACIAL DISCRIMINATION',
        'Sixteenth Meeting',
        'PROVISIONAL SUMMARY RECORD OF THE 25th MEETING',
        'Held at Headquarters, New York,\non Tuesday, 16 January 1996, at 10 a.m.',
        'Temporary Chairman: Mr. CORELL (Under-Secretary-General)',
        'Chairman: Mr. MARTINI HERRERA (Guatemala)',
      ].join('\n\n'),
      'The meeting was called to order at 10.40 a.m.\n\nThe TEMPORARY CHAIRMAN, speaking on behalf of the Secretary-General, declared open the Sixteenth Meeting.',
    );
    expect(doc).toMatchObject({ kind: 'summary-record', symbol: 'CERD/SP/SR.25', committee: 'CERD', session: 16, meeting: 25, held: '1996-01-16', chair: 'Mr. CORELL' });
    expect(doc.interventions.map((i) => i.speaker)).toEqual(['The TEMPORARY CHAIRMAN']);
  });
});

describe('the body of a record', () => {
  const header = MODERN('Summary record (partial)* of the 27th meeting', 'Chairperson:Mr. Marchán Romero').replace('\n\nContents\n\nOpening of the session', '');

  it('reads "(a)" agenda sub-items as headings, and a heading ends an intervention', () => {
    const doc = record(
      `${header}\n\nConsideration of reports\n\n(a) Reports submitted by States parties (continued)`,
      [
        'The discussion covered in the summary record began at 12.50 p.m.',
        'Consideration of reports',
        '(a)Reports submitted by States parties (continued) (E/C.12/DZA/CO/4)',
        'The Chairperson said he took it that the Committee wished to adopt the concluding observations.',
        'It was so decided.',
        'The Chairperson added that they would be published.',
        'Closure of the session',
        'The Chairperson thanked the members.',
      ].join('\n\n'),
    );
    expect(doc.headings.map((h) => h.text)).toContain('(a)Reports submitted by States parties (continued) (E/C.12/DZA/CO/4)');
    expect(doc.interventions.map((i) => [i.speaker, i.paragraphs])).toEqual([
      ['The Chairperson', [1]],
      ['The Chairperson', [3]],
      ['The Chairperson', [4]],
    ]);
  });

  it('reads a clock time a conversion broke apart', () => {
    const doc = record(header, 'The meeting was called to order at 12 . 20 p.m.\n\nMs. Neubauer (Rapporteur) presented the draft report.');
    expect(doc.meetingDetails?.times.map((t) => t.time)).toEqual(['12:20']);
    expect(doc.interventions.map((i) => i.speaker)).toEqual(['Ms. Neubauer']);
  });

  it('ends an intervention at a line that records a video or an adoption', () => {
    const doc = record(
      header,
      '1.The Chair said that a video had been made.\n\n2.A video entitled Hear the victims was projected.\n\n3.The Chair invited the Rapporteur to speak.\n\n4.The draft annual report of the Committee (CAT/C/60/R.1), as a whole, was adopted.',
    );
    expect(doc.interventions.map((i) => [i.speaker, i.paragraphs])).toEqual([
      ['The Chair', [1]],
      ['The Chair', [3]],
    ]);
  });

  it('names the State party only from an agenda item about a report', () => {
    const withTribute = record(MODERN('Summary record of the 906th meeting', 'Chairperson:Ms. Gabr').replace('Opening of the session', 'Tribute to the memory of the victims of the recent earthquake in Haiti'));
    expect(withTribute.country).toBeNull();
    const withReport = record(MODERN('Summary record of the 3465th meeting', 'Chair:Ms. Waterval').replace('Opening of the session', 'Sixth periodic report of Hungary (continued)'));
    expect(withReport.country).toBe('HUN');
    const several = record(MODERN('Summary record of the 28th meeting', 'Chairperson: Mr. ALVAREZ VITA').replace('Opening of the session', 'Initial report of Kenya (continued)\n\nSecond periodic report of Panama (continued)'));
    expect(several.country).toBeNull();
  });

  it('names the committee of a record whose header was cut off from its reporting article', () => {
    const doc = record(
      'Seventy-fourth session\n\nSummary record of the 1993rd meeting\n\nHeld at Headquarters, New York, on Friday, 22 March 2002, at 10 a.m.\n\nChairperson:Mr. Bhagwati\n\nContents\n\nConsideration of reports submitted by States parties under article 40 of the Covenant (continued)',
    );
    expect(doc).toMatchObject({ committee: 'CCPR', symbol: 'CCPR/C/SR.1993', symbolDerived: true, issued: null });
  });
});

describe('records cut off before their symbol', () => {
  it('derives the symbol of a meeting of States parties in the SP series', () => {
    const doc = record(
      'Twenty-seventh Meeting\n\nSummary record of the 33rd meeting\n\nHeld at Headquarters, New York, on Thursday, 4 September 2008, at 10 a.m.\n\nChair person: Mr. Cancela (Uruguay)\n\nElection, in accordance with articles 28 to 32 of the International Covenant on Civil and Political Rights, of nine members of the Human Rights Committee',
    );
    expect(doc).toMatchObject({ committee: 'CCPR', symbol: 'CCPR/SP/SR.33', symbolDerived: true, session: 27, chair: 'Mr. Cancela' });
  });

  it('names the State party of an agenda item on additional information', () => {
    const doc = record(MODERN('Summary record of the 522nd meeting', 'Chair:Mr. de Frouville').replace('Opening of the session', 'Additional information submitted by Belgium under article 29 (4) of the Convention'));
    expect(doc.country).toBe('BEL');
  });

  it('reads a time line with a stray dot', () => {
    const doc = record(MODERN('Summary record of the 2117th meeting', 'Chair:Ms. Peláez Narváez'), 'The meeting was called to order at 5.45. p.m.\n\nMs. Bethel (Rapporteur) introduced the draft report.');
    expect(doc.meetingDetails?.times.map((t) => t.time)).toEqual(['17:45']);
    expect(doc.interventions.map((i) => i.speaker)).toEqual(['Ms. Bethel']);
  });
});
