import { findDates, type IsoDate } from '../../domain/dates.js';
import type { Paragraph, ParagraphRef } from '../schema.js';
import { refsAfterParagraphWord } from './references.js';

/**
 * The dates concluding observations print: when they were adopted, the follow-up request
 * ("within one year", "by 29 March 2020") and the next periodic report's due date, each read
 * from the clause it belongs to so that other dates in the same paragraph (guidelines "adopted
 * on", resolutions "of 20 December 2012", the meetings that considered the report) are not taken.
 */

const SENTENCE_END = /(?<=[.;])\s+(?=[A-Z(“"])/;
const ORDINAL_MEETING = /(\d{1,5})(?:st|nd|rd|th|d)\s+(?:\(\w+\)\s+)?meetings?\b/gi;
const HELD_ON = /\bheld\s+(?:on|in)\s+([^()]{0,80}?\d{4})/gi;

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
  const para = paragraphs.slice(0, 4).find((p) => /\badopted\b/i.test(p.text) && /\bmeetings?\b/i.test(p.text));
  if (!para) return { meeting: null, date: null };
  const sentence = para.text.split(SENTENCE_END).find((s) => /\badopted\b/i.test(s)) ?? '';
  const at = sentence.search(/\badopted\b/i);
  const after = sentence.slice(at);
  const before = sentence.slice(0, at);
  // The meeting named after "adopted" if there is one, else the last one named before it (same clause).
  const clauseBefore = before.slice(Math.max(before.lastIndexOf(', and '), before.lastIndexOf('. ')) + 1);
  const meetingsAfter = [...after.matchAll(ORDINAL_MEETING)];
  const meetingsBefore = [...clauseBefore.matchAll(ORDINAL_MEETING)];
  if (meetingsAfter.length > 0) {
    return { meeting: Number(meetingsAfter[0]![1]), date: heldDate(after, false) };
  }
  if (meetingsBefore.length > 0) {
    return { meeting: Number(meetingsBefore.at(-1)![1]), date: heldDate(clauseBefore, true) };
  }
  return { meeting: null, date: null };
}

const PERIOD = String.raw`within\s+(?:a\s+(?:period|time\s+frame)\s+of\s+)?(?:\d{1,2}|[a-z-]+)\s+(?:years?|months?)`;
const BY_DATE = String.raw`(?:by|before|no\s+later\s+than|not\s+later\s+than)\s+(?:\d{1,2}\s+[A-Z][a-z]+\s+\d{4}|[A-Z][a-z]+\s+\d{1,2},?\s+\d{4})`;
const REQUEST_PERIOD = new RegExp(
  String.raw`\b(${PERIOD}(?:\s+(?:of|from|after)\s+the\s+adoption\s+of\s+(?:the\s+present|these)\s+concluding\s+observations)?|${BY_DATE})`,
  'i',
);
const PARAGRAPH_WORD = /\b(?:paragraphs?|paras?\.)\s*\d/i;
/** "rule 75, paragraph 1, of the Committee's rules", "article 29, paragraph 3": not the paragraphs asked about. */
const CITED_PROVISION = /\b(?:rules?|articles?)\s+\d{1,3}(?:\s*\(\d{1,2}\))?,?\s+paragraphs?\s+\d{1,2}\b/gi;
/** "(impunity)", "(hate speech)": a topic written after a paragraph number, not a sub-paragraph label. */
const TOPIC_GLOSS = /\s*\((?![a-z]{1,4}\))(?![ivxl]{1,6}\))[^()\d]{2,80}\)/g;

/** "(para. 19)", "(paras. 13 (a) and 25)": a reference in parentheses after each topic. */
const PARENTHESISED_REF = /\((?:see\s+)?paras?\.\s*(?=\d)/gi;

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
    if (!/\b(?:information|follow-up|report(?:s|ing)? back)\b/i.test(text) || !/\b(?:request|invite|should|called?)/i.test(text)) continue;
    const period = REQUEST_PERIOD.exec(text);
    if (!period) continue;
    const sentence = text.split(SENTENCE_END).find((s) => REQUEST_PERIOD.test(s) && PARAGRAPH_WORD.test(s));
    if (!sentence) continue;
    // A request about the next report ("submit its next report by ...") is not a follow-up request.
    if (/\bsubmit\s+its\s+(?:next|\w+\s+periodic)\s+report/i.test(sentence)) continue;
    const refs = requestRefs(sentence.replace(CITED_PROVISION, '').replace(TOPIC_GLOSS, ''));
    if (refs.length === 0) continue;
    const printed = period[1]!;
    const byDate = /^(?:by|before|no|not)\s/i.test(printed) ? (findDates(printed)[0]?.iso ?? null) : null;
    return { paragraph: p.number, period: printed, refs, byDate };
  }
  return null;
}

const REPORT_WORDS = String.raw`(?:next|initial|\w+(?:\s+\w+){0,6}?\s+periodic|\w+|consolidated|combined[\w\s-]{0,60}?)\s+reports?`;
const DUE_PATTERNS: RegExp[] = [
  // "submit its combined fifth and sixth periodic reports by 15 March 2027", "... report, which will be the seventh periodic report, by ..."
  new RegExp(String.raw`\bsubmit(?:ted)?\s+(?:its\s+|their\s+|the\s+)?(${REPORT_WORDS})\b[^.;]{0,160}?\b(?:by|before|on\s+or\s+before|no\s+later\s+than|not\s+later\s+than)\s+(\d{1,2}\s+[A-Z][a-z]+\s+\d{4})`, 'i'),
  // "the State party's next periodic report be submitted by 1 April 2009"
  new RegExp(String.raw`\b(${REPORT_WORDS})\s+(?:should\s+)?be\s+submitted\s+(?:by|before|no\s+later\s+than)\s+(\d{1,2}\s+[A-Z][a-z]+\s+\d{4})`, 'i'),
  // "sets 31 October 2005 as the date for the submission of the fifth periodic report"
  new RegExp(String.raw`\bsets?\s+(\d{1,2}\s+[A-Z][a-z]+\s+\d{4})\s+as\s+the\s+date\s+for\s+(?:the\s+)?submission\s+of\s+(?:its\s+|the\s+)?(${REPORT_WORDS})`, 'i'),
  // "The date for the submission of the fourth periodic report is 1 November 2007"
  new RegExp(String.raw`\bdate\s+for\s+(?:the\s+)?submission\s+of\s+(?:its\s+|the\s+)?(${REPORT_WORDS})\s+(?:is|will\s+be)\s+(\d{1,2}\s+[A-Z][a-z]+\s+\d{4})`, 'i'),
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
    if (!/\breport/i.test(text) || !/\bsubmi(?:t|ssion)|\bdue\b|\bperiodic report\b/i.test(text)) continue;
    for (const sentence of text.split(SENTENCE_END)) {
      for (const re of DUE_PATTERNS) {
        const m = re.exec(sentence);
        if (!m) continue;
        const dateFirst = /^\d/.test(m[1]!);
        const due = findDates(dateFirst ? m[1]! : m[2]!)[0]?.iso ?? null;
        if (due) return { paragraph: p.number, description: (dateFirst ? m[2]! : m[1]!).trim(), due, sentence: sentence.trim() };
      }
    }
  }
  return null;
}
