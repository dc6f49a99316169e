import { findDates, type IsoDate } from '../../domain/dates.js';
import type { Paragraph, ParagraphRef } from '../schema.js';
import { periodMonths } from '../../deadlines/rules.js';
import { refsAfterParagraphWord } from './references.js';

/**
 * The dates concluding observations print: when they were adopted, the follow-up request
 * ("within one year", "by 29 March 2020") and the next periodic report's due date, each read
 * from the clause it belongs to so that other dates in the same paragraph (guidelines "adopted
 * on", resolutions "of 20 December 2012", the meetings that considered the report) are not taken.
 */

const SENTENCE_END = /(?<=[.;])\s+(?=[\p{Lu}(“"])/u;
/**
 * "3478th meeting", "3444e séance", "2640e réunions" (and glued: "2629eséances"), "3364ª sesión",
 * "1007a sesión", "sesiones 1312ª y 1314ª": a meeting by its ordinal, the last of a list.
 */
const ORDINAL_MEETING =
  /(\d{1,5})(?:st|nd|rd|th|d)\s+(?:\(\w+\)\s+)?meetings?\b|(\d{1,5})\s?(?:e|ème|re)\s*(?:séances?|réunions?)(?!\p{L})|(\d{1,5})\s?\.?[ªa]\s+sesi(?:ón|ones)(?!\p{L})|\bsesiones\s+(?:\d{1,5}\s?\.?[ªa]\s*(?:,|y)\s*)*(\d{1,5})\s?\.?[ªa](?![\p{L}\d])/giu;
const HELD_ON = /\bheld\s+(?:on|in)\s+([^()]{0,80}?\d{4})/gi;
/** The verb of adoption: "adopted", "a adopté", "adoptées", "aprobó", "aprobadas". */
const ADOPTED = /\badopted\b|\badopt(?:é|ée|és|ées)(?!\p{L})|\baprob(?:ó|ad[oa]s?)(?!\p{L})|\badoptó(?!\p{L})/iu;
/** The word for a meeting, in any of the three languages. */
const MEETING_WORD = /\bmeetings?\b|\bséances?(?!\p{L})|\bréunions?(?!\p{L})|\bsesi(?:ón|ones)(?!\p{L})/iu;

/** The footnote or line on the session that adopted a document: "Adopted by the Committee at its ...", "Adoptées par le Comité à sa ...", "Aprobadas por el Comité en su ...". */
export const ADOPTED_BY_THE_COMMITTEE = /\badopted by the committee at its\b|\badopt(?:é|ée|és|ées) par le comité à sa\s|\baprobad[oa]s? por el comité en su\s/iu;

interface MeetingMention {
  number: number;
  index: number;
  end: number;
}

function meetings(text: string): MeetingMention[] {
  return [...text.matchAll(ORDINAL_MEETING)].map((m) => ({ number: Number(m[1] ?? m[2] ?? m[3] ?? m[4]), index: m.index, end: m.index + m[0].length }));
}

export interface Adoption {
  meeting: number | null;
  date: IsoDate | null;
}

/** The last date of a "held on 28 and 29 March 2018" phrase. */
function heldDate(text: string, last: boolean): IsoDate | null {
  const phrases = [...text.matchAll(HELD_ON)];
  const phrase = last ? phrases.at(-1) : phrases[0];
  return phrase ? (findDates(phrase[1]!).at(-1)?.iso ?? null) : null;
}

/**
 * "At its 3478th and 3480th meetings, held on 28 and 29 March 2018, it adopted ...", "and
 * adopted the following concluding observations at its 1164th meeting, held on 29 May 2013",
 * "adopted at the 1120th meeting held on 27 January 2006": the meeting and day of adoption,
 * from the words around "adopted" in the sentence that says it.
 */
export function readAdoption(paragraphs: readonly Paragraph[]): Adoption {
  const para = paragraphs.slice(0, 4).find((p) => ADOPTED.test(p.text) && MEETING_WORD.test(p.text));
  if (!para) return { meeting: null, date: null };
  const sentence = para.text.replace(/\s+/g, ' ').split(SENTENCE_END).find((s) => ADOPTED.test(s)) ?? '';
  const at = sentence.search(ADOPTED);
  const after = sentence.slice(at);
  const before = sentence.slice(0, at);
  // The meeting named after "adopted" if there is one, else the last one named before it (same clause).
  const clauseStart = Math.max(before.lastIndexOf(', and '), before.lastIndexOf(', et '), before.lastIndexOf(', y '), before.lastIndexOf('. '));
  const clauseBefore = before.slice(clauseStart + 1);
  const meetingsAfter = meetings(after);
  const meetingsBefore = meetings(clauseBefore);
  if (meetingsAfter.length > 0) {
    return { meeting: meetingsAfter[0]!.number, date: heldDate(after, false) ?? dateAfterMeeting(after, meetingsAfter, 0) };
  }
  if (meetingsBefore.length > 0) {
    const last = meetingsBefore.length - 1;
    return { meeting: meetingsBefore[last]!.number, date: heldDate(clauseBefore, true) ?? dateAfterMeeting(clauseBefore, meetingsBefore, last) };
  }
  return { meeting: null, date: null };
}

/**
 * French and Spanish give the day right after the meeting, with no "held on": "à sa 3444e séance,
 * le 6 novembre 2017", "en su 3364ª sesión, celebrada el 23 de marzo de 2017". The last date
 * between the meeting and the next one named.
 */
function dateAfterMeeting(text: string, mentions: readonly MeetingMention[], i: number): IsoDate | null {
  if (/\bheld\b/i.test(text)) return null;
  const from = mentions[i]!.end;
  const to = mentions[i + 1]?.index ?? Math.min(text.length, from + 160);
  return findDates(text.slice(from, to)).at(-1)?.iso ?? null;
}

const PERIOD = [
  String.raw`within\s+(?:a\s+(?:period|time\s+frame)\s+of\s+)?(?:\d{1,2}|[a-z-]+)\s+(?:years?|months?)(?:\s+(?:of|from|after)\s+the\s+adoption\s+of\s+(?:the\s+present|these)\s+concluding\s+observations)?`,
  // "dans un délai d'un an", "dans un délai de deux ans", "dans les douze mois"
  String.raw`dans\s+(?:un\s+délai\s+(?:d['’]\s*|de\s+)|les\s+)(?:\d{1,2}|[\p{L}-]+)\s+(?:ans?|années?|mois)(?!\p{L})(?:\s+(?:à\s+compter\s+de|suivant|après)\s+l['’]\s*adoption\s+des\s+présentes\s+observations\s+finales)?`,
  // "en el plazo de un año", "dentro del plazo de dos años", "en un plazo de 12 meses"
  String.raw`(?:en|dentro\s+del?)\s+(?:(?:el|un)\s+)?plazo\s+de\s+(?:\d{1,2}|[\p{L}-]+)\s+(?:años?|mes(?:es)?)(?!\p{L})(?:\s+(?:a\s+partir|después)\s+de\s+la\s+(?:aprobación|adopción)\s+de\s+las\s+presentes\s+observaciones\s+finales)?`,
].join('|');
const DATE_EN = String.raw`(?:\d{1,2}\s+[A-Z][a-z]+\s+\d{4}|[A-Z][a-z]+\s+\d{1,2},?\s+\d{4})`;
const DATE_FR = String.raw`\d{1,2}(?:er)?\s+\p{L}+\s+\d{4}`;
const DATE_ES = String.raw`\d{1,2}(?:\.?\s?º)?\s+de\s+\p{L}+\s+del?\s+\d{4}`;
const BY_DATE = [
  String.raw`(?:by|before|no\s+later\s+than|not\s+later\s+than)\s+${DATE_EN}`,
  String.raw`(?:d['’]\s*ici\s+au|au\s+plus\s+tard\s+le|avant\s+le)\s+${DATE_FR}`,
  String.raw`(?:a\s+más\s+tardar\s+el|antes\s+del?|para\s+el)\s+${DATE_ES}`,
].join('|');
const REQUEST_PERIOD = new RegExp(String.raw`(?<![\p{L}])(${PERIOD}|${BY_DATE})`, 'iu');
const PARAGRAPH_WORD = /(?<![\p{L}])(?:paragraphs?|paragraphes?|párrafos?|paras?\.|par\.|párrs?\.|parr\.)\s*\d/iu;
/** "rule 75, paragraph 1, of the Committee's rules", "article 29, paragraph 3", "l'article 75 (par. 1) du règlement", "párrafo 1 del artículo 75": not the paragraphs asked about. */
const CITED_PROVISION = new RegExp(
  [
    String.raw`\b(?:rules?|articles?|artículos?)\s+\d{1,3}(?:\s*\(\d{1,2}\))?,?\s+(?:paragraphs?|paragraphes?|párrafos?)\s+\d{1,2}\b`,
    String.raw`\b(?:rules?|articles?|artículos?)\s+\d{1,3}\s*\((?:par|párr)\.\s*\d{1,2}\)`,
    String.raw`\b(?:paragraphe|párrafo)\s+\d{1,2}\s+(?:de\s+l['’]\s*article|del\s+artículo)\s+\d{1,3}`,
  ].join('|'),
  'giu',
);
/** "(impunity)", "(hate speech)": a topic written after a paragraph number, not a sub-paragraph label. */
const TOPIC_GLOSS = /\s*\((?![a-z]{1,4}\))(?![ivxl]{1,6}\))[^()\d]{2,80}\)/g;

/** "(para. 19)", "(paras. 13 (a) and 25)": a reference in parentheses after each topic. */
const PARENTHESISED_REF = /\((?:see\s+|voir\s+|véanse\s+)?(?:paras?\.|par\.|párrs?\.|parr\.)\s*(?=\d)/giu;

/**
 * The paragraphs a request names: one list after "paragraphs" ("paragraphs 10, 18 and 27
 * above"), or one reference in parentheses after each topic ("on: sexual abuse (para. 19);
 * accountability (para. 33)").
 */
function requestRefs(sentence: string): ParagraphRef[] {
  const groups = [...sentence.matchAll(PARENTHESISED_REF)];
  if (groups.length < 2) return refsAfterParagraphWord(sentence);
  const refs: ParagraphRef[] = [];
  for (const g of groups) {
    for (const ref of refsAfterParagraphWord(sentence.slice(g.index + 1, g.index + 120))) {
      if (!refs.some((r) => r.paragraph === ref.paragraph)) refs.push(ref);
    }
  }
  return refs;
}

export interface FollowUpRequest {
  paragraph: number | null;
  /** The period or date as printed: "within one year of the adoption of ...", "by 29 March 2020". */
  period: string;
  refs: ParagraphRef[];
  /** The date itself when the request gives one. */
  byDate: IsoDate | null;
}

/**
 * The paragraph that names the recommendations to report on and when: "the State party is
 * requested to provide, within one year ..., information on ... paragraphs 10, 18 and 27 above",
 * "by 29 March 2020, information on ... paragraphs 14 (non-discrimination) and 22", "(see paras.
 * 13 (a) and 25 above)". Topic glosses in parentheses are skipped; the list ends at "above".
 */
export function readFollowUpRequest(paragraphs: readonly Paragraph[]): FollowUpRequest | null {
  for (const p of [...paragraphs].reverse()) {
    const text = p.text.replace(/\s+/g, ' ');
    if (!/\b(?:information|follow-up|report(?:s|ing)? back|renseignements|informations?|suivi|información|seguimiento)\b/iu.test(text)) continue;
    if (!/\b(?:request|invite|should|called?|demande|prie|invit|devrait|pide|solicita|ruega|deber)/i.test(text)) continue;
    const period = REQUEST_PERIOD.exec(text);
    if (!period) continue;
    const sentence = text.split(SENTENCE_END).find((s) => REQUEST_PERIOD.test(s) && PARAGRAPH_WORD.test(s));
    if (!sentence) continue;
    // A request about the next report ("submit its next report by ...") is not a follow-up request.
    if (/\bsubmit\s+its\s+(?:next|\w+\s+periodic)\s+report|\b(?:soumettre|présenter)\s+son\s+(?:prochain\s+rapport|\p{L}+\s+rapport\s+périodique)|\bpresente\s+su\s+(?:próximo\s+informe|\p{L}+\s+informe\s+periódico)/iu.test(sentence)) continue;
    const refs = requestRefs(sentence.replace(CITED_PROVISION, '').replace(TOPIC_GLOSS, ''));
    if (refs.length === 0) continue;
    const printed = period[1]!;
    const byDate = periodMonths(printed) === null ? (findDates(printed)[0]?.iso ?? null) : null;
    return { paragraph: p.number, period: printed, refs, byDate };
  }
  return null;
}

const REPORT_WORDS = String.raw`(?:next|initial|\w+(?:\s+\w+){0,6}?\s+periodic|\w+|consolidated|combined[\w\s-]{0,60}?)\s+reports?`;
/** "son prochain rapport périodique", "son rapport valant cinquième et sixième rapports périodiques". */
const RAPPORT_WORDS = String.raw`(?:son|ses|le|les)\s+[^.;]{0,100}?\brapports?(?:\s+périodiques?)?`;
/** "su próximo informe periódico", "sus informes periódicos quinto y sexto combinados". */
const INFORME_WORDS = String.raw`(?:su|sus|el|los)\s+[^.;]{0,100}?\binformes?(?:\s+periódicos?(?:\s+[\p{L}\dº]+(?:\s+y\s+[\p{L}\dº]+)?\s+combinados)?)?`;
const SUBMIT_BY = String.raw`(?:by|before|on\s+or\s+before|no\s+later\s+than|not\s+later\s+than)`;

/** A sentence that attaches a date to the next report: where the report's words and the date are in the match. */
const DUE_PATTERNS: Array<{ re: RegExp; report: number; date: number }> = [
  // "submit its combined fifth and sixth periodic reports by 15 March 2027", "... report, which will be the seventh periodic report, by ..."
  { re: new RegExp(String.raw`\bsubmit(?:ted)?\s+(?:its\s+|their\s+|the\s+)?(${REPORT_WORDS})\b[^.;]{0,160}?\b${SUBMIT_BY}\s+(\d{1,2}\s+[A-Z][a-z]+\s+\d{4})`, 'i'), report: 1, date: 2 },
  // "the State party's next periodic report be submitted by 1 April 2009"
  { re: new RegExp(String.raw`\b(${REPORT_WORDS})\s+(?:should\s+)?be\s+submitted\s+(?:by|before|no\s+later\s+than)\s+(\d{1,2}\s+[A-Z][a-z]+\s+\d{4})`, 'i'), report: 1, date: 2 },
  // "sets 31 October 2005 as the date for the submission of the fifth periodic report"
  { re: new RegExp(String.raw`\bsets?\s+(\d{1,2}\s+[A-Z][a-z]+\s+\d{4})\s+as\s+the\s+date\s+for\s+(?:the\s+)?submission\s+of\s+(?:its\s+|the\s+)?(${REPORT_WORDS})`, 'i'), report: 2, date: 1 },
  // "The date for the submission of the fourth periodic report is 1 November 2007"
  { re: new RegExp(String.raw`\bdate\s+for\s+(?:the\s+)?submission\s+of\s+(?:its\s+|the\s+)?(${REPORT_WORDS})\s+(?:is|will\s+be)\s+(\d{1,2}\s+[A-Z][a-z]+\s+\d{4})`, 'i'), report: 1, date: 2 },
  // "soumettre son prochain rapport périodique d'ici au 15 mars 2027", "..., qui sera le quatrième, le 6 novembre 2022 au plus tard"
  { re: new RegExp(String.raw`\b(?:soumettre|présenter)\s+(${RAPPORT_WORDS})[^.;]{0,160}?(?:d['’]\s*ici\s+au|au\s+plus\s+tard\s+le|avant\s+le|\ble)\s+(${DATE_FR})`, 'iu'), report: 1, date: 2 },
  // "fixe au 31 octobre 2010 la date de soumission du sixième rapport périodique"
  { re: new RegExp(String.raw`\bfixe\s+au\s+(${DATE_FR})\s+la\s+date\s+de\s+(?:soumission|présentation)\s+(?:de\s+son|du|des)\s+([^.;]{0,80}?rapports?(?:\s+périodiques?)?)`, 'iu'), report: 2, date: 1 },
  // "presente su próximo informe periódico a más tardar el 15 de marzo de 2027"
  { re: new RegExp(String.raw`\bpresent(?:e|en|ar|ará)\s+(${INFORME_WORDS})[^.;]{0,160}?(?:a\s+más\s+tardar\s+el|antes\s+del?|para\s+el|\bel)\s+(${DATE_ES})`, 'iu'), report: 1, date: 2 },
  // "fija el 31 de octubre de 2010 como fecha de presentación del sexto informe periódico"
  { re: new RegExp(String.raw`\bfija\s+el\s+(${DATE_ES})\s+como\s+(?:la\s+)?fecha\s+(?:de\s+presentación|para\s+la\s+presentación)\s+(?:de\s+su|del|de\s+los)\s+([^.;]{0,80}?informes?(?:\s+periódicos?)?)`, 'iu'), report: 2, date: 1 },
];

export interface NextReport {
  paragraph: number | null;
  description: string | null;
  due: IsoDate | null;
  /** The sentence the date was read from, for the deadline's basis. */
  sentence: string;
}

/**
 * The next periodic report's due date, read from the sentence that attaches a date to the
 * report. A paragraph that names the report without such a date ("will establish and
 * communicate the due date", "will receive in 2026 the list of issues prior to reporting")
 * gives the report with no due date.
 */
export function readNextReport(paragraphs: readonly Paragraph[]): NextReport | null {
  for (const p of [...paragraphs].reverse().slice(0, 12)) {
    const text = p.text.replace(/\s+/g, ' ');
    if (!/\breport|\brapport|\binforme/i.test(text) || !/\bsubmi(?:t|ssion)|\bdue\b|\bperiodic report\b|\bsoum|\bprésent|\bpresent|\bfecha\b|\bfixe\b/i.test(text)) continue;
    for (const sentence of text.split(SENTENCE_END)) {
      for (const { re, report, date } of DUE_PATTERNS) {
        const m = re.exec(sentence);
        if (!m) continue;
        const due = findDates(m[date]!)[0]?.iso ?? null;
        if (due) return { paragraph: p.number, description: m[report]!.trim(), due, sentence: sentence.trim() };
      }
    }
  }
  return null;
}
