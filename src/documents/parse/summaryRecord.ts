import { committeeByCode, type CommitteeCode } from '../../domain/committees.js';
import { findCountry } from '../../domain/countries.js';
import { firstDate, parseClockTime } from '../../domain/dates.js';
import { gluedNumber, ordinalSuffix, trailingFrenchSpanishNumber, wordsToNumber } from '../../domain/ordinals.js';
import { findSymbols, parseSymbol, summaryRecordSymbol } from '../../domain/symbols.js';
import { correctionsDeadline } from '../../deadlines/rules.js';
import type { Block } from '../read/blocks.js';
import type { AgendaItem, Intervention, MeetingDetails, Paragraph, ParsedDocument } from '../schema.js';
import {
  BodyCollector,
  TERMINAL,
  isContinuation,
  joinText,
  looksLikeHeading,
  paragraphNumber,
  squash,
  subParagraphLabel,
  timeEvents,
} from './common.js';
import type { DocumentHeader } from './header.js';
import { detectSpeaker, isProcedural, speakerKey, type SpeakerOpening } from './speakers.js';

const CONTENTS = /^(?:contents|sommaire|s\s?ommaire|sumario|índice)$/i;
/** The corrections notice: "This record is subject to correction.", "Le présent compte rendu est sujet à rectifications.", "La presente acta está sujeta a correcciones." */
const NOTICE = /^(?:this record is subject to correction|le présent compte rendu est sujet à rectifications|la presente acta (?:está sujeta a|podrá ser objeto de) correcciones)/i;
/** The notice's period: "within one week", "une semaine au plus tard", "dentro del plazo de una semana". */
const NOTICE_PERIOD = /within one week|une semaine au plus tard|dans un délai d['’]une semaine|plazo de una semana/i;
/** The title: "Summary record of the 2684th meeting", "Compte rendu analytique de la 1583e séance", "Acta resumida de la 2576ª sesión". */
const TITLE = /summary\s*record|compte\s*rendu\s*analytique|acta\s*resumida/i;

/** Where the record of the meeting begins: its first time line or numbered paragraph. */
function bodyStart(blocks: readonly Block[]): number {
  const titleAt = Math.max(0, blocks.findIndex((b) => TITLE.test(b.text)));
  for (let i = titleAt; i < blocks.length; i++) {
    const b = blocks[i]!;
    if (b.footnote) continue;
    if (paragraphNumber(b.text) || timeEvents(b.text)) return i;
  }
  const notice = blocks.findIndex((b) => NOTICE.test(b.text));
  if (notice < 0) return blocks.length;
  let i = notice + 1;
  while (i < blocks.length && (/corrected records|reissued|corrections|rectifications|correcciones/i.test(blocks[i]!.text) || blocks[i]!.footnote)) i++;
  return i;
}

function agendaItem(text: string): AgendaItem {
  const symbols = findSymbols(text).map((s) => s.symbol);
  let title = text;
  // A trailing parenthesis of symbols "(CMW/C/BOL/2; CMW/C/BOL/QPR/2)" names the documents considered.
  title = title.replace(/\s*\((?:[^()]*\/[^()]*)\)\s*$/, '');
  const continued = /\(\s*(?:continued|suite|continuación)\s*\)/i.test(title);
  title = title.replace(/\s*\(\s*(?:continued|suite|continuación)\s*\)/gi, '').trim();
  return { title, continued, symbols };
}

/**
 * Every chair label: "Chair:", "Chair person:", "Temporary Chairman :", "Co-Chairperson:", "President:", "later:", "Then:";
 * in French "Président :", "Présidente :", "Président(e):", "Président (e) provisoire:", "Présidente (à titre provisoire) :",
 * "puis :"; in Spanish "Presidente:", "Presidenta:", "P residente:" (a broken word), "Presidenta provisional:", "más tarde:".
 */
const CHAIR_WORDS = String.raw`((?:Temporary|Acting|Co-?)\s*)?(Chair\s?(?:person|man|woman)?|President|Then|later|Pr[ée]sident(?:e|\s?\(e\))?(?:\s+provisoire|\s+\(à\s+titre\s+provisoire\))?|P\s?resident[ae](?:\s+provisional)?|puis|m[áa]s\s+tarde)\s*:`;
const LATER = /^(?:later|then|puis|m[áa]s\s+tarde)$/i;
/** Several labels may share a line ("Temporary Chair:Mr. X (Vice-Chair) Chair:Mr. Y"). */
const CHAIR_LABEL = new RegExp(String.raw`(?:^|(?<=[\s)]))${CHAIR_WORDS}\s*`, 'gi');
const CHAIR_LINE = new RegExp(`^${CHAIR_WORDS}`, 'i');

function chairs(blocks: readonly Block[]): MeetingDetails['chairs'] {
  const found: MeetingDetails['chairs'] = [];
  for (const b of blocks) {
    const labels = [...b.text.slice(0, 400).matchAll(CHAIR_LABEL)];
    if (labels[0]?.index !== 0) continue;
    labels.forEach((label, i) => {
      const raw = b.text.slice(label.index + label[0].length, labels[i + 1]?.index ?? b.text.length).trim();
      // The parenthesis after the name gives the office held ("Vice-Chair") or whom the chair represents.
      const open = raw.indexOf('(');
      // Dot leaders run from the name to the State: "Ms. Overvad ........ (Denmark)".
      const name = (open >= 0 ? raw.slice(0, open) : raw).replace(/\s*\.{3,}\s*$/, '').replace(/\s+/g, ' ').trim();
      const role = open >= 0 ? raw.slice(open + 1).replace(/\)\s*$/, '').trim() || null : null;
      if (name) found.push({ name, role, later: LATER.test(label[2]!) });
    });
  }
  return found;
}

/** "3279e séance", "3279 e séance", "434ème SÉANCE", "1840ª sesión", "1840 a SESIÓN", "1643ª reunión", with the spaces removed. */
const MEETING_FR_ES = /dela(\d{1,5})(?:e|ème|eme|ᵉ|ª|º|°|a)?(?:séance|seance|sesión|sesion|reunión|reunion)/iu;
/** "de la décima sesión", "de la dixième séance". */
const MEETING_WORDS_FR_ES = /\bde\s+la\s+([\p{L}\s-]{2,80}?)\s+(?:séance|sesión|reunión)(?![\p{L}])/giu;

/**
 * The meeting number of the title, also where a conversion lost or broke its spaces
 * ("of th e 409th meeting", "ofthe1614thmeeting", "the 10 th meeting") or wrote it in words;
 * in French and Spanish ("de la 1583e séance", "DE LA 2576ª SESIÓN", "de la décima sesión").
 * A title may run over two blocks ("COMPTE RENDU ANALYTIQUE DE LA DEUXIÈME PARTIE (PUBLIQUE)*" / "DE LA 434ème SÉANCE").
 */
function meetingNumber(head: readonly Block[]): number | null {
  // The title is the first block naming a summary record that yields a number (a footnote may name one first).
  for (let i = 0; i < head.length; i++) {
    const b = head[i]!;
    if (!TITLE.test(b.text)) continue;
    if (/meeting/i.test(b.text)) {
      const digits = /ofthe(\d{1,5})(?:st|nd|rd|th)meeting/i.exec(b.text.replace(/\s+/g, ''))?.[1];
      if (digits) return Number(digits);
      for (const m of b.text.slice(0, 300).matchAll(/\bof\s+the\s+([a-z][a-z\s-]{2,80}?)\s+meeting\b/gi)) {
        const n = wordsToNumber(m[1]!);
        if (n) return n;
      }
    }
    const title = head[i + 1] && /^de\s+la\b/i.test(head[i + 1]!.text) ? `${b.text} ${head[i + 1]!.text}` : b.text;
    const digits = MEETING_FR_ES.exec(title.slice(0, 400).replace(/\s+/g, ''))?.[1];
    if (digits) return Number(digits);
    for (const m of title.slice(0, 400).matchAll(MEETING_WORDS_FR_ES)) {
      const n = trailingFrenchSpanishNumber(m[1]!);
      if (n) return n;
    }
  }
  return null;
}

/**
 * The session line ("Fifty-third session", "102nd session"), also with its spaces lost or broken
 * ("Fiftyfifth session", "Six ty- second session"). A meeting of States parties numbers its
 * meetings instead ("Sixteenth Meeting"). French and Spanish session lines are read by
 * `sessionIn`, as for every kind.
 */
function recordSession(head: readonly Block[]): number | null {
  for (const b of head) {
    if (b.text.length > 60) continue;
    const m = /^(.+?)\s*(?:session|meeting)$/i.exec(b.text);
    if (!m) continue;
    const digits = /^(\d{1,4})\s*(?:st|nd|rd|th)$/i.exec(m[1]!.trim());
    const n = digits ? Number(digits[1]) : gluedNumber(m[1]!);
    if (n) return n;
  }
  return null;
}

function lastIndexWhere<T>(items: readonly T[], test: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i]!)) return i;
  return -1;
}

/**
 * The article under which States parties report, as the standard agenda item cites it
 * ("Consideration of reports submitted by States parties under article 40 of the Covenant"):
 * it names the committee of a record whose header was cut off.
 */
const REPORTING_ARTICLES: Array<[RegExp, CommitteeCode]> = [
  [/\barticle 40 of the Covenant\b|\barticle 40 du Pacte\b|\bartículo 40 del Pacto\b/i, 'CCPR'],
  [/\barticles 16 and 17 of the Covenant\b|\barticles 16 et 17 du Pacte\b|\bartículos 16 y 17 del Pacto\b/i, 'CESCR'],
  [/\barticle 9 of the Convention\b|\barticle 9 de la Convention\b|\bartículo 9 de la Convención/i, 'CERD'],
  [/\barticle 18 of the Convention\b|\barticle 18 de la Convention\b|\bartículo 18 de la Convención/i, 'CEDAW'],
  [/\barticle 19 of the Convention\b|\barticle 19 de la Convention\b|\bartículo 19 de la Convención/i, 'CAT'],
  [/\barticle 44 of the Convention\b|\barticle 44 de la Convention\b|\bartículo 44 de la Convención/i, 'CRC'],
  [/\barticle 73 of the Convention\b|\barticle 73 de la Convention\b|\bartículo 73 de la Convención/i, 'CMW'],
  [/\barticle 35 of the Convention\b|\barticle 35 de la Convention\b|\bartículo 35 de la Convención/i, 'CRPD'],
  [/\barticle 29 of the Convention\b|\barticle 29 de la Convention\b|\bartículo 29 de la Convención/i, 'CED'],
];

function committeeFromAgenda(agenda: readonly AgendaItem[]): CommitteeCode | null {
  const text = agenda.map((a) => a.title).join('\n');
  return REPORTING_ARTICLES.find(([re]) => re.test(text))?.[1] ?? null;
}

/** A meeting of the States parties: its title says so, or it numbers Meetings where a committee numbers sessions. */
function statesParties(head: readonly Block[]): boolean {
  return head.some(
    (b) =>
      /\bmeeting of (?:the )?states parties\b/i.test(b.text) ||
      (b.text.length <= 40 && /^\S+(?:[\s-]\S+){0,3}\s+Meeting$/.test(b.text) && gluedNumber(b.text.replace(/\s+Meeting$/, '')) !== null),
  );
}

/** "CCPR/SP/SR.33". The Conference of States Parties to the CRPD numbers its symbols by year as well: not derived. */
function statesPartiesSymbol(committee: CommitteeCode, meeting: number): string | null {
  const prefix = committeeByCode(committee)?.symbolPrefix;
  return prefix && committee !== 'CRPD' && committee !== 'CESCR' ? `${prefix}/SP/SR.${meeting}` : null;
}

/** "In the absence of Mr. X, Ms. Y (Vice-Chair) took the Chair.": structure of the meeting, not an agenda item. */
const TOOK_THE_CHAIR = /\btook the chair\.?$/i;

/** Where the line that says where and when the meeting was held begins: "Held at ...", "Tenue au ...", "Celebrada en ..." (glued: "sesiónCelebrada en"). */
const HELD = /^(?:held|tenue|celebrada)(?![\p{L}])/iu;
const HELD_GLUED = /(?<=\p{Ll}\*{0,2})(?:Celebrada|Tenue)\s+(?:en|au|à)\s/u;

function heldAt(text: string): number {
  if (HELD.test(text)) return 0;
  return HELD_GLUED.exec(text.slice(0, 400))?.index ?? -1;
}

function heldLine(blocks: readonly Block[]): { place: string | null; date: string | null; time: string | null } {
  const at = blocks.findIndex((x) => heldAt(x.text) >= 0);
  if (at < 0) return { place: null, date: null, time: null };
  const own = blocks[at]!.text.slice(heldAt(blocks[at]!.text));
  // "Held at the Palais Wilson, Geneva," and "on Monday, 7 July 2008, at 10 a.m." may be two blocks.
  const next = blocks[at + 1];
  const text = !firstDate(own) && next && /^(?:on|le|el)\b/i.test(next.text) ? `${own} ${next.text}` : own;
  const place =
    /^held\s+(?:at|in)\s+(?:the\s+)?(.+?),\s+on\b/i.exec(text)?.[1] ??
    /^tenue\s+(?:au|à\s+la|à\s+l['’]|à|en)\s*(.+?),?\s+le\s/i.exec(text)?.[1] ??
    /^celebrada\s+en\s+(?:el|la)\s+(.+?),?\s*el\s/i.exec(text)?.[1] ??
    null;
  const english = /,?\s+at\s+([^,]{0,200}?(?:[ap]\.?\s?m\.?|noon))/i.exec(text.replace(/^held\s+at/i, ''))?.[1];
  const other = /,?\s+(?:à|a\s+las)\s+([^,]{0,60}?(?:horas|heures?|h(?![\p{L}])\s*\d{0,2}|[ap]\s?\.?\s?m\.?|midi))/iu.exec(text)?.[1];
  const time = english ?? other;
  return { place: place?.trim() ?? null, date: firstDate(text), time: time ? parseClockTime(time) : null };
}

export function parseSummaryRecord(blocks: readonly Block[], header: DocumentHeader): Partial<ParsedDocument> {
  const start = bodyStart(blocks);
  const head = blocks.slice(0, start);
  const headText = head.map((b) => b.text).join('\n');
  const warnings: string[] = [];
  const body = new BodyCollector();

  const meeting = meetingNumber(head);
  const part =
    /summary\s+record\s*\(([^)]{1,100})\)/i.exec(headText)?.[1] ?? /\bpart\s*\((public|closed|private)\)/i.exec(headText)?.[1] ?? null;
  const held = heldLine(head);
  const chairList = chairs(head);

  // Contents: the agenda items listed between "Contents" and the correction notice.
  const agenda: AgendaItem[] = [];
  // Without a "Contents" label (many conversions drop it) the items follow the chair lines.
  const labelled = head.findIndex((b) => CONTENTS.test(b.text));
  const contentsAt = labelled >= 0 ? labelled : lastIndexWhere(head, (b) => CHAIR_LINE.test(b.text));
  if (contentsAt >= 0) {
    for (const b of head.slice(contentsAt + 1)) {
      if (b.footnote) continue;
      if (NOTICE.test(b.text) || /^any corrected records/i.test(b.text) || /^_{3,}$/.test(b.text)) break;
      if (b.text.length > 300) break;
      if (TOOK_THE_CHAIR.test(b.text)) continue;
      agenda.push(agendaItem(b.text));
    }
  }
  for (const b of head) if (b.footnote) body.footnote(b);
  const agendaKeys = agenda.map((a) => squash(a.title));

  // The body: numbered (or unnumbered) paragraphs, headings, time lines and footnotes.
  const bodyBlocks = blocks.slice(start);
  const numbered = bodyBlocks.some((b) => paragraphNumber(b.text));
  const paragraphs: Paragraph[] = [];
  let lastNumber = 0;
  let afterBreak = true;
  // The last block text added to a paragraph, which ends it: testing the paragraph's own growing text made this quadratic.
  let lastAdded = '';

  const isAgendaHeading = (b: Block): boolean => {
    const key = squash(agendaItem(b.text).title);
    return key.length > 0 && agendaKeys.some((a) => a === key || a.startsWith(key) || key.startsWith(a));
  };

  for (const b of bodyBlocks) {
    if (b.footnote) {
      body.footnote(b);
      continue;
    }
    if (body.time(b)) {
      afterBreak = true;
      continue;
    }
    const num = paragraphNumber(b.text);
    if (num && num.number > lastNumber) {
      lastNumber = num.number;
      paragraphs.push({ number: num.number, speaker: null, text: num.rest.trim(), lines: [b.from, b.to] });
      lastAdded = num.rest.trim();
      afterBreak = false;
      continue;
    }
    const previous = paragraphs[paragraphs.length - 1];
    const cut = previous && !afterBreak && (isContinuation(b.text) || !TERMINAL.test(lastAdded));
    if (previous && cut && b.headingLevel === 0) {
      previous.text = joinText(previous.text, b.text);
      lastAdded = b.text;
      previous.lines = [previous.lines[0], b.to];
      continue;
    }
    // "(a) Reports submitted by States parties ... (continued)": a sub-item of the agenda, not prose.
    const subItem = subParagraphLabel(b.text) !== null && !TERMINAL.test(b.text) && b.text.length <= 300;
    if (subItem || b.headingLevel > 0 || isAgendaHeading(b) || (b.emphasis && !TERMINAL.test(b.text)) || looksLikeHeading(b)) {
      body.heading(b);
      afterBreak = true;
      continue;
    }
    if (numbered && previous && !isProcedural(b.text) && !b.emphasis) {
      // Unnumbered prose in a numbered record belongs to the paragraph before it.
      previous.text = joinText(previous.text, b.text);
      lastAdded = b.text;
      previous.lines = [previous.lines[0], b.to];
      continue;
    }
    if (numbered && (isProcedural(b.text) || b.emphasis)) {
      body.heading(b);
      afterBreak = true;
      continue;
    }
    paragraphs.push({ number: null, speaker: null, text: b.text, lines: [b.from, b.to] });
    lastAdded = b.text;
    afterBreak = false;
  }

  // Speakers: an opening names one; paragraphs without one carry on the last speaker's words.
  let current: SpeakerOpening | null = null;
  const interventions: Intervention[] = [];
  const headingLines = [...new Set(body.headings.map((h) => h.lines[0]).concat(body.times.map((t) => t.lines[0])))].sort((a, b) => a - b);
  let previousEnd = 0;
  // The first heading line after the paragraph before: paragraphs run in line order, so it only moves on.
  let nextHeading = 0;
  paragraphs.forEach((p, index) => {
    const opening = detectSpeaker(p.text);
    // A heading or time line between two paragraphs ends the intervention before it.
    while (nextHeading < headingLines.length && headingLines[nextHeading]! <= previousEnd) nextHeading++;
    const interrupted = nextHeading < headingLines.length && headingLines[nextHeading]! < p.lines[0];
    previousEnd = p.lines[1];
    if (opening) current = opening;
    else if (isProcedural(p.text) || interrupted) current = null;
    p.speaker = current?.speaker ?? null;
    const position = p.number ?? index + 1;
    const last = interventions[interventions.length - 1];
    if (!current) return;
    if (last && !interrupted && speakerKey(last.speaker) === speakerKey(current.speaker) && last.paragraphs.at(-1) === previousPosition(paragraphs, index)) {
      last.paragraphs.push(position);
    } else {
      interventions.push({ speaker: current.speaker, role: current.role, phrase: current.phrase, paragraphs: [position] });
    }
  });

  let symbol = header.symbol;
  let symbolDerived = false;
  const committee = header.committee ?? committeeFromAgenda(agenda);
  if (!symbol && committee && meeting) {
    const year = (held.date ?? header.issued)?.slice(0, 4);
    symbol = statesParties(head) ? statesPartiesSymbol(committee, meeting) : summaryRecordSymbol(committee, meeting, year ? Number(year) : null);
    symbolDerived = symbol !== null;
  }
  if (!meeting) warnings.push('The meeting number was not found in the title ("Summary record of the ...th meeting", "Compte rendu analytique de la ...e séance", "Acta resumida de la ...ª sesión").');
  const symbolMeeting = header.symbol ? parseSymbol(header.symbol)?.meeting ?? null : null;
  if (meeting && symbolMeeting && symbolMeeting !== meeting) {
    warnings.push(`The symbol ${header.symbol} names meeting ${symbolMeeting}, but the title the ${ordinalSuffix(meeting)} meeting; both are kept as printed.`);
  }
  if (!header.issued) warnings.push('The date of the record ("Distr.: General" and a date) was not found; no corrections deadline.');
  if (paragraphs.length === 0) warnings.push('No paragraphs were found in the body of the record.');

  const noticeText = head.find((b) => NOTICE_PERIOD.test(b.text))?.text ?? head.find((b) => NOTICE.test(b.text))?.text ?? null;
  // The State party whose report is on the agenda, when one is.
  // Only an item about a report names it: "Tribute to the victims of the earthquake in Haiti" does not.
  // Reports of several States on one agenda name no one State party.
  const countries = new Set(
    agenda.filter((a) => /\b(?:reports?|additional information|rapports?|informes?|renseignements)\b/i.test(a.title)).map((a) => findCountry(a.title)),
  );
  countries.delete(null);
  const country = countries.size === 1 ? [...countries][0]! : null;
  const session = recordSession(head);
  return {
    kind: 'summary-record',
    ...(country ? { country } : {}),
    ...(session ? { session } : {}),
    symbol,
    symbolDerived,
    committee,
    meeting,
    held: held.date,
    chair: chairList[0]?.name ?? null,
    paragraphs,
    interventions,
    headings: body.headings,
    footnotes: body.footnotes,
    deadlines: header.issued ? [correctionsDeadline(header.issued, symbol, noticeText)] : [],
    warnings,
    meetingDetails: {
      part: part ? part.trim().toLowerCase() : null,
      place: held.place,
      time: held.time,
      chairs: chairList,
      agenda,
      times: body.times,
    },
  };
}

function previousPosition(paragraphs: readonly Paragraph[], index: number): number | undefined {
  if (index === 0) return undefined;
  return paragraphs[index - 1]!.number ?? index;
}
