import { rangeEnd } from '../../domain/dates.js';
import { committeeByCode, committeeFromText } from '../../domain/committees.js';
import { countryCode, findCountry } from '../../domain/countries.js';
import { followUpReplyDeadline, nextReportDeadline, periodMonths } from '../../deadlines/rules.js';
import type { Block } from '../read/blocks.js';
import type { Deadline } from '../../deadlines/model.js';
import type { ObservationsDetails, Paragraph, ParsedDocument } from '../schema.js';
import { BodyCollector, TERMINAL, isContinuation, joinText, looksLikeHeading, paragraphNumber, sessionIn, subParagraphLabel } from './common.js';
import type { DocumentHeader } from './header.js';
import { committeeOfCitedSymbols, headFallbacks } from './headFallbacks.js';
import { ADOPTED_BY_THE_COMMITTEE, readAdoption, readFollowUpRequest, readNextReport } from './observationsDates.js';

/** The footnote's words on a line of their own, where an extraction lost the asterisk. */
const ADOPTED_LINE = new RegExp(String.raw`^\W{0,3}(?:${ADOPTED_BY_THE_COMMITTEE.source})`, 'iu');

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

/** The State whose report paragraph 1 says was considered ("the fourth periodic report of Germany", "le troisième rapport périodique du Kenya"), for copies with no header. */
function reportingState(opening: string): string | null {
  const m = /\breports?\s+(?:submitted\s+by|of)\s+|\brapports?\s+(?:initial\s+|périodiques?\s+)?(?:soumis\s+par|présentés?\s+par|d['’]|de\s+la|du|des|de)\s*|\binformes?\s+(?:inicial\s+|periódicos?\s+)?(?:presentados?\s+por|del?)\s+/iu.exec(opening);
  return m ? findCountry(opening.slice(m.index + m[0].length, m.index + m[0].length + 100)) : null;
}

/** "The Committee requests the State party to", "Le Comité demande à l'État partie de", "El Comité pide al Estado parte que": left out of a deadline's basis. */
const REQUEST_OPENING =
  /^(?:The Committee (?:requests|invites) the State party to |Le Comité (?:demande|invite) à l['’]État partie (?:de |d['’]|à )|El Comité (?:pide|solicita|invita) al Estado parte (?:que |a que ))/iu;

/** The State named alone on the line under the title ("Observations finales du Comité ...", then "Kirghizistan"), in a copy with no symbol. */
function stateUnderTitle(blocks: readonly Block[], title: string | null): string | null {
  if (!title) return null;
  const at = blocks.slice(0, 30).findIndex((b) => b.text.startsWith(title));
  const next = at >= 0 ? blocks[at + 1] : undefined;
  return next && next.text.length <= 80 ? countryCode(next.text.trim()) : null;
}

/** Word-era headers run words together ("L’HOMMEQuatre-vingt-treizième sessionGenève"): a capital that follows a word starts a new one. */
function unglued(text: string): string {
  return text.replace(/(\p{Lu}{2})(?=\p{Lu}\p{Ll})|(\p{Ll})(?=\p{Lu})/gu, '$1$2 ');
}

/** "recommends", and the French and Spanish verbs with the State they address ("engage l'État partie", "insta al Estado parte"): "engage" alone is English too. */
const RECOMMENDS =
  /\b(?:recommends|urges|calls upon|encourages)\b|\b(?:recommande|engage|exhorte|encourage|invite instamment|prie instamment)\s+(?:vivement\s+)?(?:à\s+)?l['’]\s*État|\b(?:recomienda|insta|exhorta|alienta|alentar)\s+(?:encarecidamente\s+)?al\s+Estado|\brecomienda\s+que\b/iu;

export function parseConcludingObservations(blocks: readonly Block[], header: DocumentHeader): Partial<ParsedDocument> {
  const body = new BodyCollector();
  const numbered = readNumberedBody(blocks, body);
  const paragraphs = numbered.map((n) => n.paragraph);
  const warnings: string[] = [];

  const adoption = readAdoption(paragraphs);
  // The title's footnote, or the same line where an extraction lost its asterisk.
  const adoptedNote =
    body.footnotes.find((f) => ADOPTED_BY_THE_COMMITTEE.test(f.text))?.text ??
    blocks.find((b) => ADOPTED_LINE.test(b.text) && b.text.length < 200)?.text ??
    '';
  // The footnote, else the header, else the adoption sentence of old copies ("at its 1259th meeting (forty-eighth session)").
  const session = sessionIn(adoptedNote) ?? sessionIn(header.text) ?? sessionIn(unglued(header.text)) ?? sessionIn(paragraphs[0]?.text.slice(0, 600) ?? '');

  const recommendations: ObservationsDetails['recommendations'] = numbered
    .filter((n) => RECOMMENDS.test(n.paragraph.text.split('\n')[0]!))
    .map((n) => ({ paragraph: n.paragraph.number!, subject: n.subject, subparagraphs: (n.paragraph.subparagraphs ?? []).map((s) => s.label) }));

  const deadlines: Deadline[] = [];
  const request = readFollowUpRequest(paragraphs);
  const followUpRequest: ObservationsDetails['followUpRequest'] = request ? { period: request.period, paragraph: request.paragraph, refs: request.refs } : null;
  if (request) {
    const months = periodMonths(request.period);
    const sessionEnd = rangeEnd(adoptedNote) ?? rangeEnd(header.title ?? '');
    const from = adoption.date ?? sessionEnd ?? header.issued;
    const where = request.paragraph === null ? '' : ` (paragraph ${request.paragraph})`;
    if (request.byDate) {
      deadlines.push({ kind: 'follow-up-reply', due: request.byDate, basis: `"${request.period}"${where}`, derived: false, symbol: header.symbol, met: null, daysLate: null });
    } else if (months && from) {
      deadlines.push(
        followUpReplyDeadline({
          symbol: header.symbol,
          from,
          months,
          request: request.period,
          derived: false,
          fromWhat: adoption.date ? 'adoption' : sessionEnd ? 'end of the session that adopted' : 'date',
        }),
      );
      if (!adoption.date) warnings.push(`The adoption date was not found; the follow-up deadline is counted from ${sessionEnd ? 'the end of the session' : 'the date of the document'}.`);
    } else {
      warnings.push(`The follow-up request${where} gives no date that could be read ("${request.period}").`);
    }
  } else {
    const committee = header.committee ? committeeByCode(header.committee) : null;
    if (committee?.followUpMonths) warnings.push('No follow-up request was found (a paragraph naming the paragraphs to report on "within two years").');
  }

  const next = readNextReport(paragraphs);
  const nextReport: ObservationsDetails['nextReport'] = next ? { description: next.description, due: next.due, paragraph: next.paragraph } : null;
  if (next?.due) deadlines.push(nextReportDeadline(next.due, header.symbol, next.sentence.replace(REQUEST_OPENING, '').replace(/\.$/, '')));

  const head = headFallbacks(blocks, header, ['concluding-observations']);
  // The paragraph that says what was considered; an annual report's extract may number its section heading first.
  const opening = (paragraphs.slice(0, 3).find((p) => /\bconsidered\b|\ba examiné|\bexaminó\b/i.test(p.text)) ?? paragraphs[0])?.text.slice(0, 400) ?? '';
  const committee = header.committee ?? committeeFromText(opening) ?? committeeOfCitedSymbols(paragraphs.slice(0, 2).map((p) => p.text));
  const country = head.country || header.symbol || (header.title && findCountry(header.title)) ? null : (stateUnderTitle(blocks, header.title) ?? reportingState(opening));

  return {
    ...head,
    ...(committee ? { committee } : {}),
    ...(country ? { country } : {}),
    session,
    paragraphs,
    headings: body.headings,
    footnotes: body.footnotes,
    followUp: { paragraphs: followUpRequest?.refs.map((r) => r.paragraph) ?? [], evaluations: [] },
    deadlines,
    warnings,
    observations: {
      adoption,
      recommendations,
      followUpRequest,
      nextReport,
    },
  };
}
