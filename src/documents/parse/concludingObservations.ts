import { findDates, rangeEnd } from '../../domain/dates.js';
import { committeeByCode } from '../../domain/committees.js';
import { followUpReplyDeadline, nextReportDeadline, periodMonths } from '../../deadlines/rules.js';
import type { Block } from '../read/blocks.js';
import type { Deadline, ObservationsDetails, Paragraph, ParsedDocument } from '../schema.js';
import { BodyCollector, TERMINAL, isContinuation, joinText, looksLikeHeading, paragraphNumber, sessionIn, subParagraphLabel } from './common.js';
import type { DocumentHeader } from './header.js';
import { refsAfterParagraphWord } from './references.js';

const ROMAN_LABEL = /^(?:i|ii|iii|iv|v|vi|vii|viii|ix|x|xi|xii)$/;

interface Numbered {
  paragraph: Paragraph;
  subject: string | null;
}

/** The numbered paragraphs of a document with lettered sub-paragraphs and headings (concluding observations, replies). */
export function readNumberedBody(blocks: readonly Block[], body: BodyCollector): Numbered[] {
  const out: Numbered[] = [];
  let subject: string | null = null;
  let lastNumber = 0;
  let started = false;
  // The last block text added to the current paragraph, which ends it: testing the paragraph's own growing text made this quadratic.
  let lastAdded = '';
  for (const b of blocks) {
    if (b.footnote) {
      body.footnote(b);
      continue;
    }
    const num = paragraphNumber(b.text);
    if (!started && !num) continue;
    started = true;
    const current = out[out.length - 1]?.paragraph;
    if (num && num.number > lastNumber) {
      lastNumber = num.number;
      out.push({ paragraph: { number: num.number, speaker: null, text: num.rest.trim(), lines: [b.from, b.to], subparagraphs: [] }, subject });
      lastAdded = num.rest.trim();
      continue;
    }
    const subs = current?.subparagraphs;
    const lastSub = subs?.[subs.length - 1];
    if (current && (isContinuation(b.text) || !TERMINAL.test(lastAdded)) && b.headingLevel === 0 && !subParagraphLabel(b.text)) {
      // A page break cut the paragraph (or its last sub-paragraph) in two.
      if (lastSub) lastSub.text = joinText(lastSub.text, b.text);
      current.text = joinText(current.text, b.text);
      current.lines = [current.lines[0], b.to];
      lastAdded = b.text;
      continue;
    }
    if (b.headingLevel > 0 || looksLikeHeading(b) || (b.emphasis === 'bold' && !TERMINAL.test(b.text))) {
      body.heading(b);
      // Lettered section headings ("C. Principal subjects of concern") are not subjects of a recommendation.
      subject = /^[A-Z]\.\s/.test(b.text) ? null : b.text;
      continue;
    }
    if (!current) continue;
    const label = subParagraphLabel(b.text);
    const nestedRoman = label && ROMAN_LABEL.test(label.label) && lastSub && !(label.label === 'i' && lastSub.label === 'h');
    if (label && !nestedRoman) subs!.push(label);
    else if (lastSub) lastSub.text = `${lastSub.text}\n${b.text}`;
    current.text = `${current.text}\n${b.text}`;
    current.lines = [current.lines[0], b.to];
    lastAdded = b.text;
  }
  return out;
}

const RECOMMENDS = /\b(?:recommends|urges|calls upon|encourages)\b/i;

export function parseConcludingObservations(blocks: readonly Block[], header: DocumentHeader): Partial<ParsedDocument> {
  const body = new BodyCollector();
  const numbered = readNumberedBody(blocks, body);
  const paragraphs = numbered.map((n) => n.paragraph);
  const warnings: string[] = [];

  // The gaps in these patterns are bounded: unbounded, each retried from every "adopted", "within" or "submit" to the sentence's end.
  const adoptionText = paragraphs.find((p) => /\badopted\b[^.]{0,300}\bconcluding observations\b/i.test(p.text))?.text ?? '';
  const adoptionMatch = /\bat\s+its\s+(\d{1,5})(?:st|nd|rd|th)\s+meeting,?\s+held\s+on\s+([^,]{1,60}?\d{4})[^.]{0,300}?\badopted\b/i.exec(adoptionText);
  const adoptionDate = adoptionMatch ? (findDates(adoptionMatch[2]!)[0]?.iso ?? null) : null;
  const adoptedNote = body.footnotes.find((f) => /adopted by the committee at its/i.test(f.text))?.text ?? '';
  const session = sessionIn(adoptedNote);

  const recommendations: ObservationsDetails['recommendations'] = numbered
    .filter((n) => RECOMMENDS.test(n.paragraph.text.split('\n')[0]!))
    .map((n) => ({ paragraph: n.paragraph.number!, subject: n.subject, subparagraphs: (n.paragraph.subparagraphs ?? []).map((s) => s.label) }));

  const deadlines: Deadline[] = [];
  let followUpRequest: ObservationsDetails['followUpRequest'] = null;
  const request = paragraphs.find(
    (p) => /\b(?:within\s+\S+\s+(?:years?|months?)|by\s+\d{1,2}\s+\w+\s+\d{4})\b/i.test(p.text) && /\bparagraphs?\s+\d/i.test(p.text) && /information|follow-up/i.test(p.text),
  );
  if (request) {
    const refs = refsAfterParagraphWord(request.text);
    const period = /\b(within\s+[^,.;]{0,80}?(?:years?|months?)(?:\s+(?:of|from|after)\s+the\s+adoption\s+of\s+the\s+present\s+concluding\s+observations)?|by\s+\d{1,2}\s+\w+\s+\d{4})/i.exec(request.text)?.[1] ?? '';
    followUpRequest = { period, paragraph: request.number, refs };
    const months = periodMonths(period);
    const byDate = /^by\s/i.test(period) ? findDates(period)[0]?.iso : undefined;
    const sessionEnd = rangeEnd(adoptedNote);
    const from = adoptionDate ?? sessionEnd ?? header.issued;
    if (byDate) {
      deadlines.push({ kind: 'follow-up-reply', due: byDate, basis: `"${period}" (paragraph ${request.number})`, derived: false, symbol: header.symbol, met: null, daysLate: null });
    } else if (months && from) {
      deadlines.push(
        followUpReplyDeadline({
          symbol: header.symbol,
          from,
          months,
          request: period,
          derived: false,
          fromWhat: adoptionDate ? 'adoption' : sessionEnd ? 'end of the session that adopted' : 'date',
        }),
      );
      if (!adoptionDate) warnings.push(`The adoption date was not found; the follow-up deadline is counted from ${sessionEnd ? 'the end of the session' : 'the date of the document'}.`);
    }
  } else {
    const committee = header.committee ? committeeByCode(header.committee) : null;
    if (committee?.followUpMonths) warnings.push('No follow-up request was found (a paragraph naming the paragraphs to report on "within two years").');
  }

  let nextReport: ObservationsDetails['nextReport'] = null;
  const reportPara = [...paragraphs].reverse().find((p) => /\bsubmit\b[^.]{0,300}\breport/i.test(p.text) && findDates(p.text).length > 0);
  if (reportPara) {
    const m = /\bsubmit\s+its\s+(.{1,300}?report)s?\b[^.]{0,300}?\bby\s+(\d{1,2}\s+\w+\s+\d{4})/i.exec(reportPara.text);
    const due = m ? (findDates(m[2]!)[0]?.iso ?? null) : (findDates(reportPara.text).at(-1)?.iso ?? null);
    const sentence = reportPara.text.split(/(?<=\.)\s+/).find((s) => /\breport/i.test(s) && findDates(s).length > 0) ?? reportPara.text;
    nextReport = { description: m ? m[1]!.trim() : null, due, paragraph: reportPara.number };
    if (due) deadlines.push(nextReportDeadline(due, header.symbol, sentence.replace(/^The Committee requests the State party to /i, '').replace(/\.$/, '')));
  }

  return {
    session,
    paragraphs,
    headings: body.headings,
    footnotes: body.footnotes,
    followUp: { paragraphs: followUpRequest?.refs.map((r) => r.paragraph) ?? [], evaluations: [] },
    deadlines,
    warnings,
    observations: {
      adoption: { meeting: adoptionMatch ? Number(adoptionMatch[1]) : null, date: adoptionDate },
      recommendations,
      followUpRequest,
      nextReport,
    },
  };
}
