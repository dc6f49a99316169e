import { committeeByCode } from '../../domain/committees.js';
import { countryCode, findCountry } from '../../domain/countries.js';
import { findDates } from '../../domain/dates.js';
import { findSymbols, parseSymbol } from '../../domain/symbols.js';
import { followUpReplyDeadline } from '../../deadlines/rules.js';
import type { Block } from '../read/blocks.js';
import type { Deadline } from '../../deadlines/model.js';
import type { Assessment, EvaluationDetails, EvaluationSection, GradedGroup, Paragraph, ParsedDocument, Received } from '../schema.js';
import { BodyCollector, TERMINAL, isContinuation, joinText, paragraphNumber, sessionIn, subParagraphLabel } from './common.js';
import { STANDARD_SCALE, requestSentences, statedAssessments } from './assessment.js';
import { LegendReader, cellText } from './gradeLegend.js';
import type { DocumentHeader } from './header.js';
import { ADOPTED_BY_THE_COMMITTEE } from './observationsDates.js';
import { formatRef, parseParagraphRefs, refsAfterParagraphWord } from './references.js';

// The labels of a report's sections, in English, French and Spanish: "Paragraph 46:", "Paragraphe 46 :", "Párrafo 46:".
const PARAGRAPH_LABEL = String.raw`(?:(?:sub-?)?paragraphs?|paragraphes?|párrafos?|alinéas?|apartados?)`;
const SECTION = /^(?:paragraphs?|paragraphes?|párrafos?)\s+(\d{1,4})\s*[:.–—-]\s*(.*)$/iu;
const REPLY = /^(?:(?:the\s+)?state\s+party['’]s\s+(?:reply|response)|réponse\s+de\s+l['’]\s*état\s+partie|respuesta\s+del\s+estado\s+parte)$/iu;
const EVALUATION = /^(?:(?:the\s+)?committee['’]s\s+(?:evaluation|assessment)|évaluation\s+du\s+comité|evaluación\s+del\s+comité)$/iu;
const GROUP_BEFORE = new RegExp(String.raw`^\[([A-Z][0-9]?)\]\s*:?\s*(${PARAGRAPH_LABEL}\s+\d[^[]*)$`, 'iu');
const GROUP_AFTER = new RegExp(String.raw`^(${PARAGRAPH_LABEL}\s+\d[^[]*?)\s*:?\s*\[([A-Z][0-9]?)\]$`, 'iu');
const LABEL_LINE = /^([^:]{3,80}?)\s*:\s*(.*)$/;

function received(value: string, named: boolean): Received[] {
  if (/^\s*(?:none|n\/a|-|—)?\s*\.?\s*$/i.test(value)) return [];
  return value
    .split(/\s*;\s*/)
    .filter((part) => part.trim() !== '')
    .map((part) => {
      const symbol = findSymbols(part)[0]?.symbol ?? null;
      const date = findDates(part).at(-1)?.iso ?? null;
      let name: string | null = part;
      for (const s of findSymbols(part)) name = name.replace(s.text, '');
      for (const d of findDates(part)) name = name.replace(d.text, '');
      name = name.replace(/^[\s,.()]+|[\s,.()]+$/g, '').trim() || null;
      return { name: named ? name : null, symbol, date };
    });
}

function summaryLine(value: string): EvaluationDetails['summaryLine'] {
  const out: EvaluationDetails['summaryLine'] = [];
  // "46[C][B]", "16 [C] [B]", "18[ B ] [ C]": several letters for one paragraph are one grade each, in order.
  for (const m of value.slice(0, 2000).matchAll(/(\d{1,4})((?:\s{0,3}\[\s{0,3}[A-Z][0-9]?\s{0,3}\])+)/g)) {
    out.push({ paragraph: Number(m[1]), grades: [...m[2]!.matchAll(/\[\s*([A-Z][0-9]?)\s*\]/g)].map((g) => g[1]!) });
  }
  return out;
}

/** "A. Peru", "Iraq (CED/C/IRQ/CO/1)", "|Norway | |": a block naming only a State party starts its part of a report. */
function countryHeading(text: string): string | null {
  if (text.length > 120) return null;
  const name = text
    .replace(/\([^)]*\)\s*$/, '')
    .replace(/^(?:[A-Z]|[IVX]{1,4}|\d{1,2})\.\s*/, '')
    .trim();
  if (name.length < 4 || /\d|[:;.]$/.test(name)) return null;
  return countryCode(name);
}

/** "... the evaluations and decisions the Committee adopted at its 133rd session", "... qu'il a adoptées à sa 133e session", "... que aprobó en su 23er período de sesiones". */
function sessionOfReport(text: string): number | null {
  const m = /\b(?:adopted|adopt[ée]e?s?|aprob(?:ó|ad[oa]s?))(?!\p{L})[^.]{0,80}?(?:\b(?:at|during)\s+its|(?<!\p{L})à\s+sa|\blors\s+de\s+sa|\ben\s+su)\s/iu.exec(text.slice(0, 3000));
  return m ? sessionIn(text.slice(m.index, m.index + m[0].length + 60)) : null;
}

interface Draft {
  section: EvaluationSection;
  phase: 'recommendation' | 'reply' | 'evaluation';
  groups: GradedGroup[];
}

function describeGroup(g: GradedGroup): string {
  return `paragraph ${formatRef({ paragraph: g.paragraph, subparagraphs: g.subparagraphs })}`;
}

export function parseFollowUpEvaluation(blocks: readonly Block[], header: DocumentHeader): Partial<ParsedDocument> {
  const warnings: string[] = [];
  const body = new BodyCollector();
  const legend = new LegendReader();
  const details: EvaluationDetails = {
    evaluated: { symbol: null, session: null, date: null },
    fromStateParty: [],
    fromStakeholders: [],
    summaryLine: [],
    sections: [],
  };
  let followUpParagraphs: number[] = [];
  const drafts: Draft[] = [];
  let draft: Draft | null = null;
  // In a report on several States parties, the State whose part is being read.
  let country: string | null = null;
  const countries = new Set<string>();
  let summaryLineAt: [number, number] | null = null;
  // The State each grade of the evaluation lines belongs to.
  const lineCountry: Array<string | null> = [];
  // A label printed alone on its line ("Follow-up paragraphs:"), its value on the next.
  let pendingLabel: string | null = null;
  // Every block of body text, in order; a block that carries on the one before joins it.
  const paragraphs: Paragraph[] = [];
  // The last block text added, which ends the last paragraph: testing its growing text made this quadratic.
  let lastAdded = '';
  const addParagraph = (b: Block): boolean => {
    const last = paragraphs[paragraphs.length - 1];
    const carriesOn = last !== undefined && (isContinuation(b.text) || !TERMINAL.test(lastAdded));
    lastAdded = b.text;
    if (carriesOn) {
      last.text = joinText(last.text, b.text);
      last.lines = [last.lines[0], b.to];
    } else paragraphs.push({ number: null, speaker: null, text: b.text, lines: [b.from, b.to] });
    return carriesOn;
  };

  const readLabel = (label: string, value: string, b: Block): void => {
    // Two table columns run together: "Concluding observationsCCPR/C/PAK/CO/1, 25 and 26 July 2017 (120th session):".
    const both = `${label} ${value}`.replace(/([a-z])(?=(?:CCPR|CESCR|CERD|CEDAW|CAT|CRC|CMW|CRPD|CED|E\/C\.12)\/)/g, '$1 ');
    if (/^(?:concluding observations|observations finales|observaciones finales)/i.test(label)) {
      const symbol = findSymbols(both)[0]?.symbol ?? null;
      if (details.evaluated.symbol === null || countries.size > 0) {
        details.evaluated = { symbol, session: sessionIn(label) ?? sessionIn(value), date: findDates(both)[0]?.iso ?? null };
      }
      const of = symbol ? parseSymbol(symbol)?.country ?? null : null;
      if (of && countries.size > 0) country = of;
    } else if (/^(?:follow-?up paragraphs?|paragraphes?\b.{0,40}\bsuivi|párrafos?\b.{0,40}\bseguimiento)/iu.test(label)) {
      followUpParagraphs = [...new Set([...followUpParagraphs, ...parseParagraphRefs(value).map((r) => r.paragraph)])];
    } else if (/^(?:information received from (?:the )?state party|(?:renseignements?|informations?) reçue?s? de l['’]\s*état partie|información recibida del estado parte)/iu.test(label)) {
      details.fromStateParty.push(...received(value, false));
    } else if (/^(?:information received from|(?:renseignements?|informations?) reçue?s? d|información recibida d)/iu.test(label)) {
      details.fromStakeholders.push(...received(value, true));
    } else if (/^(?:(?:the )?committee['’]s evaluation|évaluation du comité|evaluación del comité)/iu.test(label) && value.includes('[')) {
      const line = summaryLine(value);
      details.summaryLine.push(...line);
      if (line.length) summaryLineAt = [b.from, b.to];
      lineCountry.push(...line.map(() => country));
    }
  };

  for (const b of blocks) {
    if (b.footnote) {
      body.footnote(b);
      continue;
    }
    const text = cellText(b.text);
    const section = SECTION.exec(text);
    if (section && text.length < 200) {
      body.heading(b);
      pendingLabel = null;
      draft = {
        section: { paragraph: Number(section[1]), subject: section[2]!.trim() || null, recommendation: '', subparagraphs: [], reply: null, lines: [b.from, b.to] },
        phase: 'recommendation',
        groups: [],
      };
      drafts.push(draft);
      continue;
    }
    const heading = countryHeading(text);
    if (heading) {
      body.heading(b);
      country = heading;
      countries.add(heading);
      draft = null;
      continue;
    }
    if (!draft) {
      // Before the sections: the legend, the report's own numbered paragraphs, and labelled lines naming what is evaluated.
      if (legend.take(b.text)) {
        body.heading(b);
        continue;
      }
      // A label's value comes first: a single follow-up paragraph ("12") is not a numbered paragraph.
      // A value the extraction dropped (a lone number looks like a page number) leaves the next label.
      const nextLabel = LABEL_LINE.exec(text);
      if (pendingLabel && !(nextLabel && nextLabel[2]!.trim() === '')) {
        readLabel(pendingLabel, text, b);
        pendingLabel = null;
        continue;
      }
      pendingLabel = null;
      const numbered = paragraphNumber(b.text);
      if (numbered) {
        paragraphs.push({ number: numbered.number, speaker: null, text: numbered.rest, lines: [b.from, b.to] });
        continue;
      }
      const labelled = nextLabel;
      if (!labelled) continue;
      const [, label, value] = labelled as unknown as [string, string, string];
      if (value.trim() === '') pendingLabel = label;
      else readLabel(label, value, b);
      continue;
    }
    draft.section.lines = [draft.section.lines[0], b.to];
    if (REPLY.test(b.text)) {
      body.heading(b);
      draft.phase = 'reply';
      continue;
    }
    if (EVALUATION.test(b.text)) {
      body.heading(b);
      draft.phase = 'evaluation';
      continue;
    }
    if (draft.phase === 'evaluation') {
      const before = GROUP_BEFORE.exec(b.text);
      const after = GROUP_AFTER.exec(b.text);
      if (before || after) {
        const grade = before ? before[1]! : after![2]!;
        const refs = refsAfterParagraphWord(before ? before[2]! : after![1]!);
        const ref = refs[0] ?? { paragraph: draft.section.paragraph, subparagraphs: [] };
        if (ref.paragraph !== draft.section.paragraph) {
          warnings.push(`Under paragraph ${draft.section.paragraph}, a grade is given for paragraph ${ref.paragraph}.`);
        }
        draft.groups.push({
          paragraph: ref.paragraph,
          subparagraphs: ref.subparagraphs,
          grade,
          assessment: null,
          stated: [],
          requests: [],
          text: '',
          lines: [b.from, b.to],
          source: 'section',
          ...(country ? { country } : {}),
        });
        continue;
      }
      const group = draft.groups[draft.groups.length - 1];
      if (!group) {
        body.heading(b);
        continue;
      }
      const carriesOn = addParagraph(b);
      group.text = group.text === '' ? b.text : carriesOn ? joinText(group.text, b.text) : `${group.text}\n${b.text}`;
      group.lines = [group.lines[0], b.to];
      continue;
    }
    const carriesOn = addParagraph(b);
    const append = (to: string): string => (to === '' ? b.text : carriesOn ? joinText(to, b.text) : `${to}\n${b.text}`);
    if (draft.phase === 'reply') {
      draft.section.reply = append(draft.section.reply ?? '');
      continue;
    }
    const label = subParagraphLabel(b.text);
    const subs = draft.section.subparagraphs;
    const last = subs[subs.length - 1];
    const nestedRoman = label && last && /^(?:i|ii|iii|iv|v|vi|vii|viii|ix|x)$/.test(label.label) && !(label.label === 'i' && last.label === 'h');
    if (label && !nestedRoman) subs.push(label);
    else if (last) last.text = carriesOn ? joinText(last.text, b.text) : `${last.text}\n${b.text}`;
    draft.section.recommendation = append(draft.section.recommendation);
  }

  const sectionGroups = drafts.flatMap((d) => d.groups);
  for (const g of sectionGroups) {
    g.stated = statedAssessments(g.text);
    g.requests = requestSentences(g.text);
  }

  // What each letter means in this document: what its groups' texts say when they say one thing.
  const letterMeaning = new Map<string, Assessment>();
  const votes = new Map<string, Map<Assessment, number>>();
  for (const g of sectionGroups) {
    if (g.grade === null || new Set(g.stated).size !== 1) continue;
    const tally = votes.get(g.grade) ?? new Map<Assessment, number>();
    tally.set(g.stated[0]!, (tally.get(g.stated[0]!) ?? 0) + 1);
    votes.set(g.grade, tally);
  }
  for (const [letter, tally] of votes) {
    const sorted = [...tally].sort((a, b) => b[1] - a[1]);
    if (sorted.length === 1 || sorted[0]![1] > sorted[1]![1]) letterMeaning.set(letter, sorted[0]![0]);
  }
  for (const e of legend.entries) if (e.meaning && !letterMeaning.has(e.letter)) letterMeaning.set(e.letter, e.meaning);
  for (const [letter, meaning] of Object.entries(STANDARD_SCALE)) if (!letterMeaning.has(letter)) letterMeaning.set(letter, meaning);
  const printedLetters = new Set(legend.entries.map((e) => e.letter));

  for (const g of sectionGroups) {
    const distinct = [...new Set(g.stated)];
    const expected = g.grade === null ? undefined : letterMeaning.get(g.grade);
    g.assessment = distinct.length === 1 ? distinct[0]! : distinct.length > 1 ? (expected && distinct.includes(expected) ? expected : distinct.at(-1)!) : null;
    if (g.grade !== null && !(g.grade in STANDARD_SCALE) && !printedLetters.has(g.grade)) {
      warnings.push(
        `Grade [${g.grade}] for ${describeGroup(g)} is not on the A–E scale${distinct.length === 0 ? ' and its text states no assessment' : ''}; it is kept as printed.`,
      );
    }
    if (distinct.length > 1) {
      warnings.push(
        `${capitalize(describeGroup(g))} is graded [${g.grade}], but its text says both ${distinct.map((d) => `"${d}"`).join(' and ')}.`,
      );
    } else if (expected && distinct.length === 1 && distinct[0] !== expected) {
      warnings.push(
        `${capitalize(describeGroup(g))} is graded [${g.grade}], which this document uses for "${expected}", but its text says "${distinct[0]}".`,
      );
    }
  }

  // The evaluation line against the sections; a paragraph no section grades takes its grades from the line.
  const groups = [...sectionGroups];
  details.summaryLine.forEach((line, i) => {
    const where = lineCountry[i] ?? null;
    const sectionGrades = sectionGroups.filter((g) => g.paragraph === line.paragraph && (g.country ?? null) === where).map((g) => g.grade);
    if (sectionGrades.length === 0) {
      for (const grade of line.grades) {
        groups.push({
          paragraph: line.paragraph,
          subparagraphs: [],
          grade,
          assessment: null,
          stated: [],
          requests: [],
          text: '',
          lines: summaryLineAt ?? [1, 1],
          source: 'evaluation-line',
          ...(where ? { country: where } : {}),
        });
      }
    } else if (sectionGrades.join() !== line.grades.join()) {
      warnings.push(
        `The summary line gives ${line.paragraph} ${line.grades.map((x) => `[${x}]`).join(' ')}, but the sections grade it ${sectionGrades.map((x) => `[${x}]`).join(' ')}.`,
      );
    }
  });
  for (const p of new Set(sectionGroups.map((g) => g.paragraph))) {
    if (details.summaryLine.length > 0 && !details.summaryLine.some((l) => l.paragraph === p)) {
      warnings.push(`Paragraph ${p} is graded in the sections but missing from the summary line.`);
    }
  }
  if (followUpParagraphs.length === 0) followUpParagraphs = [...new Set([...drafts.map((d) => d.section.paragraph), ...details.summaryLine.map((l) => l.paragraph)])];
  for (const p of followUpParagraphs) {
    if (!drafts.some((d) => d.section.paragraph === p)) warnings.push(`Follow-up paragraph ${p} has no section in the evaluation.`);
  }
  if (groups.length === 0) {
    warnings.push(
      legend.entries.length > 0
        ? `No State party is graded in the part read; the grade legend (${legend.entries.map((e) => e.letter).join(', ')}) is kept as the meaning of the letters.`
        : 'No graded groups ("[B]: Paragraph 16 (c)") were found.',
    );
  }

  details.sections = drafts.map((d) => d.section);
  if (legend.entries.length) details.legend = legend.entries;

  const coSymbol = details.evaluated.symbol ? parseSymbol(details.evaluated.symbol) : null;
  const committee = header.committee ?? coSymbol?.committee ?? null;
  const deadlines: Deadline[] = [];
  const months = committee ? committeeByCode(committee)?.followUpMonths : null;
  const firstReply = details.fromStateParty.find((r) => r.date)?.date ?? null;
  if (details.evaluated.date && months && countries.size <= 1) {
    deadlines.push(
      followUpReplyDeadline({
        symbol: details.evaluated.symbol,
        from: details.evaluated.date,
        months,
        request: null,
        derived: true,
        received: firstReply,
        fromWhat: 'date',
      }),
    );
  }

  const adopted = body.footnotes.find((f) => ADOPTED_BY_THE_COMMITTEE.test(f.text))?.text ?? '';
  const reportSession = sessionIn(adopted) ?? sessionOfReport(paragraphs.filter((p) => p.number !== null).map((p) => p.text).join(' '));
  // One State: the one the sections are about. A report on several, or a session's report that heads
  // each State's part with its name, is about none of them alone.
  const sessionReport = /^(?:report on follow-up|rapport sur le suivi|informe (?:sobre el|de) seguimiento)/i.test(header.title ?? '') && countries.size > 0;
  const onlyCountry = countries.size === 1 ? [...countries][0]! : null;
  return {
    committee,
    country: countries.size > 1 || sessionReport ? null : onlyCountry ?? coSymbol?.country ?? findCountry(header.title ?? '') ?? null,
    session: reportSession,
    paragraphs,
    headings: body.headings,
    footnotes: body.footnotes,
    followUp: { paragraphs: followUpParagraphs, evaluations: groups },
    deadlines,
    warnings,
    evaluation: details,
  };
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
