import { describe, expect, it } from 'vitest';
import { committeeFromText } from '../src/domain/committees.js';
import { countryCode, countryName, findCountry } from '../src/domain/countries.js';
import { daysBetween, findDates, parseClockTime, rangeEnd } from '../src/domain/dates.js';
import { ordinalSuffix, trailingOrdinal, wordsToNumber } from '../src/domain/ordinals.js';
import { findSymbols, normalizeSymbol, parseSymbol, summaryRecordSymbol } from '../src/domain/symbols.js';
import { formatRef, parseParagraphRefs } from '../src/documents/parse/references.js';
import { correctionsDeadline, followUpReplyDeadline, latenessInWords, periodMonths } from '../src/deadlines/rules.js';

describe('UN symbols', () => {
  it.each([
    ['CMW/C/SR.463', 'summary-record', { committee: 'CMW', meeting: 463 }],
    ['E/C.12/2021/SR.34', 'summary-record', { committee: 'CESCR', year: 2021, meeting: 34 }],
    ['CMW/C/AZE/CO/3', 'concluding-observations', { country: 'AZE', report: '3' }],
    ['CMW/C/AZE/FCO/3', 'follow-up-reply', { country: 'AZE' }],
    ['CMW/C/AZE/QPR/3', 'list-of-issues', { typeCode: 'QPR' }],
    ['CMW/C/AZE/3', 'periodic-report', { report: '3' }],
    ['CRC/C/AZE/CO/5-6', 'concluding-observations', { report: '5-6' }],
    ['CCPR/C/AZE/CO/4/Add.1', 'concluding-observations', { suffixes: ['Add.1'] }],
    ['CRC/C/OPAC/AZE/CO/1', 'concluding-observations', { protocol: 'OPAC' }],
    ['CMW/C/39/3/Add.1', 'other', { rest: ['39', '3'], suffixes: ['Add.1'] }],
  ])('%s is a %s', (symbol, type, fields) => {
    const parsed = parseSymbol(symbol);
    expect(parsed).toMatchObject({ type, ...fields });
    expect(normalizeSymbol(symbol)).toBe(symbol);
  });

  it('normalizes case and spacing, and rejects what is not a symbol', () => {
    expect(normalizeSymbol(' cmw/c/sr.463 ')).toBe('CMW/C/SR.463');
    expect(normalizeSymbol('cmw/c/aze/co/3/add.1')).toBe('CMW/C/AZE/CO/3/Add.1');
    for (const bad of ['CMW/SR.3', 'XYZ/C/SR.1', 'CMW/C/', 'E/C.12/2021/AZE/CO/1', 'hello', '']) expect(parseSymbol(bad)).toBeNull();
  });

  it('derives summary-record symbols, CESCR with its year', () => {
    expect(summaryRecordSymbol('CMW', 463, null)).toBe('CMW/C/SR.463');
    expect(summaryRecordSymbol('CESCR', 34, 2021)).toBe('E/C.12/2021/SR.34');
    expect(summaryRecordSymbol('CESCR', 34, null)).toBeNull();
  });

  it('finds symbols in running text and Markdown links', () => {
    expect(findSymbols('provided in [CMW/C/AZE/FCO/3](#), see CMW/C/SR.9000 and E/C.12/AZE/CO/4.').map((s) => s.symbol)).toEqual([
      'CMW/C/AZE/FCO/3',
      'CMW/C/SR.9000',
      'E/C.12/AZE/CO/4',
    ]);
  });
});

describe('committees and countries', () => {
  it('names the committee from its full name or treaty', () => {
    expect(committeeFromText('International Convention on the Protection of the Rights of All Migrant Workers and Members of Their Families')).toBe('CMW');
    expect(committeeFromText('Subcommittee on Prevention of Torture and Other Cruel, Inhuman or Degrading Treatment or Punishment')).toBe('SPT');
    expect(committeeFromText('Committee on Economic, Social and Cultural Rights\nSeventieth session')).toBe('CESCR');
    expect(committeeFromText('Committee on the Protection of the Rights of All\nMigrant Workers and Members of Their Families')).toBe('CMW');
    expect(committeeFromText('Team lunch on Thursday')).toBeNull();
  });

  it.each([
    ['Azerbaijan', 'AZE'],
    ['AZE', 'AZE'],
    ['az', 'AZE'],
    ['Azerbaijani', 'AZE'],
    ['Plurinational State of Bolivia', 'BOL'],
    ['Bolivia (Plurinational State of)', 'BOL'],
    ['Türkiye', 'TUR'],
    ['Turkey', 'TUR'],
    ['Côte d’Ivoire', 'CIV'],
    ['Congo', 'COG'],
    ['Democratic Republic of the Congo', 'COD'],
    ['Holy See', 'VAT'],
    ['United Kingdom of Great Britain and Northern Ireland', 'GBR'],
  ])('%s is %s', (name, code) => {
    expect(countryCode(name)).toBe(code);
  });

  it('finds the State party in a title, longest name first', () => {
    expect(findCountry('Concluding observations on the second periodic report of the Plurinational State of Bolivia')).toBe('BOL');
    expect(findCountry('on the initial report of Equatorial Guinea')).toBe('GNQ');
    expect(findCountry('Informal meeting with non-governmental organizations')).toBeNull();
    expect(countryName('AZE')).toBe('Azerbaijan');
  });
});

describe('numbers, dates and times as printed', () => {
  it('reads ordinal words', () => {
    expect(wordsToNumber('Thirty-third')).toBe(33);
    expect(wordsToNumber('one hundred and fourth')).toBe(104);
    expect(wordsToNumber('33rd')).toBe(33);
    expect(trailingOrdinal('Adopted by the Committee at its one hundred and fourth')).toBe(104);
    expect(trailingOrdinal('Families Thirty-third')).toBe(33);
    expect(ordinalSuffix(463)).toBe('463rd');
    expect(ordinalSuffix(9011)).toBe('9011th');
  });

  it('reads dates, ranges and clock times', () => {
    expect(findDates('Held on Monday, 4 October 2021, and on October 6, 2021').map((d) => d.iso)).toEqual(['2021-10-04', '2021-10-06']);
    expect(findDates('31 February 2021')).toEqual([]);
    expect(rangeEnd('thirty-ninth session (2–13 December 2024)')).toBe('2024-12-13');
    expect(rangeEnd('(30 March–17 April 2037)')).toBe('2037-04-17');
    expect(parseClockTime('10.10 a.m.')).toBe('10:10');
    expect(parseClockTime('3 p.m.')).toBe('15:00');
    expect(parseClockTime('12.30 p.m.')).toBe('12:30');
    expect(parseClockTime('noon')).toBe('12:00');
    expect(daysBetween('2023-10-08', '2024-01-17')).toBe(101);
  });
});

describe('paragraph references', () => {
  it('expands ranges and attaches labels to their paragraph', () => {
    expect(parseParagraphRefs('5 (a), 18 and 33 above')).toEqual([
      { paragraph: 5, subparagraphs: ['a'] },
      { paragraph: 18, subparagraphs: [] },
      { paragraph: 33, subparagraphs: [] },
    ]);
    expect(parseParagraphRefs('36 (b)–(e)')).toEqual([{ paragraph: 36, subparagraphs: ['b', 'c', 'd', 'e'] }]);
    expect(parseParagraphRefs('16 (a) and (b)')).toEqual([{ paragraph: 16, subparagraphs: ['a', 'b'] }]);
    expect(parseParagraphRefs('12 to 14').map((r) => r.paragraph)).toEqual([12, 13, 14]);
    expect(parseParagraphRefs('36 (i)-(iii)')).toEqual([{ paragraph: 36, subparagraphs: ['i', 'ii', 'iii'] }]);
  });

  it('writes references back as documents do', () => {
    expect(formatRef({ paragraph: 36, subparagraphs: ['b', 'c', 'd', 'e'] })).toBe('36 (b)–(e)');
    expect(formatRef({ paragraph: 60, subparagraphs: ['b', 'c'] })).toBe('60 (b) and (c)');
    expect(formatRef({ paragraph: 33, subparagraphs: [] })).toBe('33');
  });
});

describe('deadline rules', () => {
  it('corrections: one week after the record', () => {
    expect(correctionsDeadline('2021-10-06', 'CMW/C/SR.463', 'within one week of the date of the present record')).toMatchObject({
      due: '2021-10-13',
      basis: 'within one week of the date of the record (6 October 2021)',
      derived: false,
    });
  });

  it('follow-up replies: the period counted from adoption, and how late the reply came', () => {
    expect(periodMonths('within two years of the adoption')).toBe(24);
    expect(periodMonths('within 18 months')).toBe(18);
    expect(periodMonths('by 1 May 2039')).toBeNull();
    const d = followUpReplyDeadline({ symbol: 'CMW/C/AZE/CO/3', from: '2021-10-08', months: 24, request: null, derived: true, received: '2024-01-17', fromWhat: 'date' });
    expect(d).toMatchObject({ due: '2023-10-08', met: '2024-01-17', daysLate: 101, derived: true });
    expect(latenessInWords(101)).toBe('101 days late');
    expect(latenessInWords(-1)).toBe('1 day early');
    // Adoption on 29 February: two years later is the last day of February.
    expect(followUpReplyDeadline({ symbol: null, from: '2024-02-29', months: 24, request: null, derived: true }).due).toBe('2026-02-28');
  });
});

describe('dates and States in French and Spanish', () => {
  it.each([
    ['Tenue au Palais Wilson, à Genève, le lundi 15 mars 2010, à 10 heures', '2010-03-15'],
    ['Celebrada en el Palacio de las Naciones, Ginebra, el miércoles 15 de agosto de 2007', '2007-08-15'],
    ['le 1er février 2021', '2021-02-01'],
    ['le 3 aout 1999 (accents lost in extraction)', '1999-08-03'],
    ['d’ici au 15 mars 2027', '2027-03-15'],
    ['a más tardar el 15 de marzo de 2027', '2027-03-15'],
    ['el 1.º de setiembre de 2019', '2019-09-01'],
  ])('reads the date in “%s”', (text, iso) => {
    expect(findDates(text).map((d) => d.iso)).toEqual([iso]);
  });

  it('refuses a day the month does not have, in any language', () => {
    expect(findDates('le 31 février 2020; el 30 de febrero de 2021')).toEqual([]);
  });

  it.each([
    ['Azerbaïdjan', 'AZE'],
    ['Azerbaiyán', 'AZE'],
    ['Japón', 'JPN'],
    ['Nouvelle-Zélande', 'NZL'],
    ['Koweït', 'KWT'],
    ['Estado Plurinacional de Bolivia', 'BOL'],
    ['l’Azerbaïdjan', 'AZE'],
  ])('names %s by its code', (name, code) => {
    expect(countryCode(name)).toBe(code);
  });

  it('finds a State named in a French or Spanish title', () => {
    expect(findCountry('Observations finales concernant le troisième rapport périodique de l’Azerbaïdjan')).toBe('AZE');
    expect(findCountry('Observaciones finales sobre el informe inicial del Estado Plurinacional de Bolivia')).toBe('BOL');
  });
});
