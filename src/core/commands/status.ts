import { countryName } from '../../domain/countries.js';
import { latenessInWords } from '../../deadlines/rules.js';
import { splitSentences } from '../../documents/parse/assessment.js';
import { formatLabels, formatRef } from '../../documents/parse/references.js';
import type { StoredDeadline, StoredDocument, StoredGrade, StoredLegend } from '../../store/records.js';
import type { ArgsOf } from '../commandSchemas.js';
import type { CoreContext } from '../context.js';
import { cite, clip, documentLabel, longDate, refLabel } from '../format.js';
import { gist, requestGist } from '../gist.js';
import { reply, type Block, type Reply } from '../reply.js';

/**
 * "status of para 36 Azerbaijan": the committee's follow-up grades for a recommendation,
 * each with its meaning, the gist of the assessment and what the committee asks next, the
 * dates information was due and received, and any inconsistency in the document.
 */

function matchesRef(g: StoredGrade, paragraph: number, subparagraphs: readonly string[]): boolean {
  if (g.paragraph !== paragraph) return false;
  if (subparagraphs.length === 0 || g.subparagraphs.length === 0) return true;
  return g.subparagraphs.some((s) => subparagraphs.includes(s));
}

/** What a grade means: the assessment its text states, else the legend of the committee's period. */
function meaning(g: StoredGrade, legend: StoredLegend | null): string {
  if (g.assessment) return g.assessment;
  const entry = g.grade === null ? undefined : legend?.entries.find((e) => e.letter === g.grade);
  if (entry) return `${entry.meaning ?? entry.label} (the legend of ${legend!.source}: “${clip(entry.label.split(';')[0]!, 120)}”)`;
  return 'no assessment stated';
}

function letter(g: StoredGrade): string {
  return g.grade === null ? '(no letter)' : `[${g.grade}]`;
}

/** The assessment's gist: the first sentence that is neither the verdict nor a request. */
function assessmentGist(g: StoredGrade): string {
  const sentences = splitSentences(g.text);
  const telling = sentences.find((s) => !/\bconsiders\b/i.test(s) && !g.requests.includes(s)) ?? sentences[0] ?? '';
  // The whole sentence where it can be: cutting the assessment's one sentence loses its point.
  return gist(telling, 400);
}

function datesBlock(evaluation: StoredDocument, followUp: StoredDeadline | undefined): Block {
  const details = evaluation.details.evaluation;
  const fields: Array<{ label: string; value: string }> = [];
  if (followUp) {
    fields.push({ label: 'Information due', value: `${longDate(followUp.due)}${followUp.derived ? ' (derived: the committee’s usual period after the concluding observations)' : ''}` });
  }
  for (const r of details?.fromStateParty ?? []) {
    const late = followUp && followUp.met === r.date && followUp.daysLate !== null ? `, ${latenessInWords(followUp.daysLate)}` : '';
    fields.push({ label: 'From the State party', value: `${r.date ? longDate(r.date) : 'undated'}${r.symbol ? ` (${r.symbol})` : ''}${late}` });
  }
  if ((details?.fromStateParty ?? []).length === 0) fields.push({ label: 'From the State party', value: 'none received, according to the evaluation' });
  for (const r of details?.fromStakeholders ?? []) {
    fields.push({ label: 'From stakeholders', value: `${r.name ?? 'unnamed'}${r.date ? `, ${longDate(r.date)}` : ''}` });
  }
  return { type: 'fields', fields };
}

function inconsistencies(doc: StoredDocument, paragraph: number | null): string[] {
  if (paragraph === null) return doc.warnings;
  const about = new RegExp(`\\b(?:paragraph |gives )?${paragraph}\\b(?! days)`);
  return doc.warnings.filter((w) => about.test(w));
}

export async function followUpStatus(args: ArgsOf<'status'>, ctx: CoreContext): Promise<Reply> {
  const name = countryName(args.country) ?? args.country;
  const evaluation = await ctx.store.latestEvaluation(args.country, args.committee);
  if (!evaluation) return noEvaluation(args, ctx, name);
  const coSymbol = evaluation.details.evaluation?.evaluated.symbol ?? null;
  // Read at once: on a server each is a round trip of its own.
  const one = args.paragraph !== undefined && coSymbol !== null;
  const [allGrades, legend, recommendation, coDeadlines] = await Promise.all([
    ctx.store.grades(evaluation.id),
    evaluation.committee ? ctx.store.legend(evaluation.committee, evaluation.issued) : null,
    one ? ctx.store.document(coSymbol) : null,
    one ? ctx.store.deadlines({ symbol: coSymbol }) : [],
  ]);
  // A report on several States parties: only this State's grades.
  const grades = allGrades.filter((g) => (g.country ?? evaluation.country) === args.country);
  const source = documentLabel(evaluation);
  if (args.paragraph === undefined) return overview(evaluation, grades, name, legend, args.country);

  const paragraph = args.paragraph;
  const groups = grades.filter((g) => matchesRef(g, paragraph, args.subparagraphs));
  const followUp = evaluation.details.followUpParagraphs;
  const asked = refLabel(paragraph, args.subparagraphs, args.nested ?? []);
  if (groups.length === 0) {
    const graded = [...new Set(grades.map((g) => g.paragraph))];
    return reply('not-found', [
      { type: 'text', text: `The follow-up evaluation of ${name} does not grade ${asked}${coSymbol ? ` of ${coSymbol}` : ''}. ${graded.length ? `It grades paragraphs ${graded.join(', ')}` : 'It grades no paragraph in the part read'} (the follow-up paragraphs${followUp.length ? ` ${followUp.join(', ')}` : ''}).` },
      { type: 'context', text: `Source: ${source}` },
      { type: 'actions', actions: graded.slice(0, 4).map((p) => ({ id: `status-${p}`, label: `Para. ${p}`, kind: 'command' as const, command: `status of para ${p} ${args.country}` })) },
    ]);
  }

  const section = evaluation.details.evaluation?.sections.find((s) => s.paragraph === paragraph);
  const where = (g: StoredGrade) => refLabel(g.paragraph, g.subparagraphs);
  const blocks: Block[] = [
    { type: 'heading', text: `${name}: follow-up on ${coSymbol ?? 'the concluding observations'}, ${asked}` },
  ];
  if (section?.subject) blocks.push({ type: 'text', text: section.subject });
  for (const g of groups) {
    const parts = [`${letter(g)} ${formatRef({ paragraph: g.paragraph, subparagraphs: g.subparagraphs })}: ${meaning(g, legend)}.`];
    if (g.source === 'evaluation-line') parts.push('Read from the evaluation line: the document gives no assessment text for it.');
    else parts.push(assessmentGist(g));
    const next = g.requests.map(requestGist);
    if (next.length) parts.push(`Asks: ${next.join('; ')}.`);
    blocks.push({ type: 'quote', text: parts.join(' '), cite: cite(evaluation, g.source === 'evaluation-line' ? 'evaluation line' : `assessment of ${where(g)}`) });
  }
  blocks.push(datesBlock(evaluation, coDeadlines.find((d) => d.kind === 'follow-up-reply')));
  const problems = inconsistencies(evaluation, paragraph);
  if (problems.length) blocks.push({ type: 'list', title: 'Inconsistencies in the document:', items: problems.map((text) => ({ text })) });
  const subs = section?.subparagraphs.filter((s) => args.subparagraphs.length === 0 || args.subparagraphs.includes(s.label)) ?? [];
  if (subs.length && coSymbol) {
    blocks.push({
      type: 'list',
      title: `The recommendation (${coSymbol}, para. ${paragraph}, as restated in the evaluation):`,
      items: subs.flatMap((s) => recommendationItems(s.label, s.text, args.nested ?? [])),
    });
  }
  blocks.push({
    type: 'context',
    text: `Sources: ${source}${evaluation.issued ? `, issued ${longDate(evaluation.issued)}` : ''}${recommendation ? `; ${recommendation.symbol}` : coSymbol ? `; ${coSymbol} is not in the store` : ''}.`,
  });
  blocks.push({
    type: 'actions',
    actions: [
      { id: 'show-source', label: 'Show source', kind: 'command', command: `source ${evaluation.key} lines ${Math.min(...groups.map((g) => g.lines[0]))}-${Math.max(...groups.map((g) => g.lines[1]))}` },
      { id: 'deadlines', label: 'Deadlines', kind: 'command', command: `deadlines ${args.country}` },
      { id: 'share', label: 'Share in channel', kind: 'share' },
    ],
  });
  return reply('answer', blocks);
}

/**
 * A restated item with the levels under it ("(c) Ensure that:" and its (i)–(iv)), each its own
 * line; asked for "(c)(ii)", the lead-in and (ii) only.
 */
function recommendationItems(label: string, text: string, nested: readonly string[]): Array<{ text: string }> {
  const [lead = '', ...lines] = text.split('\n');
  const levels = lines.map((line) => ({ line, level: /^\(([ivx]+)\)\s/i.exec(line)?.[1]?.toLowerCase() }));
  const kept = nested.length ? levels.filter((l) => l.level && nested.includes(l.level)) : levels;
  return [{ text: `(${label}) ${clip(lead, 300)}` }, ...kept.map((l) => ({ text: `(${label}) ${clip(l.line, 300)}` }))];
}

function overview(evaluation: StoredDocument, grades: StoredGrade[], name: string, legend: StoredLegend | null, country: string): Reply {
  const coSymbol = evaluation.details.evaluation?.evaluated.symbol ?? 'the concluding observations';
  const paragraphs = [...new Set(grades.map((g) => g.paragraph))];
  const sections = evaluation.details.evaluation?.sections ?? [];
  const lines = paragraphs.map((p) => ({
    p,
    subject: sections.find((s) => s.paragraph === p)?.subject,
    line: grades
      .filter((g) => g.paragraph === p)
      .map((g) => `${g.subparagraphs.length ? `${formatLabels(g.subparagraphs)} ` : ''}${letter(g)} ${meaning(g, legend)}${g.source === 'evaluation-line' ? ' (evaluation line only)' : ''}`)
      .join('; '),
  }));
  const items = lines.map(({ p, subject, line }) => ({ text: `${p}${subject ? ` ${subject}` : ''}: ${line}`, cite: cite(evaluation, `para. ${p}`) }));
  const table = { columns: ['Para.', 'Subject', 'Grades'], rows: lines.map(({ p, subject, line }) => [String(p), subject ?? '', line]) };
  const warnings = inconsistencies(evaluation, null);
  const blocks: Block[] = [
    { type: 'heading', text: `${name}: follow-up on ${coSymbol}` },
    { type: 'list', items, table },
  ];
  if (warnings.length) blocks.push({ type: 'context', text: `${warnings.length} inconsistenc${warnings.length === 1 ? 'y' : 'ies'} in the document; ask about a paragraph to see ${warnings.length === 1 ? 'it' : 'them'}.` });
  blocks.push({ type: 'context', text: `Source: ${documentLabel(evaluation)}${evaluation.issued ? `, issued ${longDate(evaluation.issued)}` : ''}.` });
  blocks.push({
    type: 'actions',
    actions: paragraphs.slice(0, 4).map((p) => ({ id: `status-${p}`, label: `Para. ${p}`, kind: 'command' as const, command: `status of para ${p} ${country}` })),
  });
  return reply('answer', blocks);
}

async function noEvaluation(args: ArgsOf<'status'>, ctx: CoreContext, name: string): Promise<Reply> {
  const co = await ctx.store.latest('concluding-observations', args.country, args.committee);
  const blocks: Block[] = [{ type: 'text', text: `No follow-up evaluation of ${name} is in the store, so there are no grades to report.` }];
  if (co) {
    const request = co.details.observations?.followUpRequest;
    const due = (await ctx.store.deadlines({ symbol: co.symbol ?? co.key })).find((d) => d.kind === 'follow-up-reply');
    if (request) {
      blocks.push({
        type: 'quote',
        text: `Follow-up requested on paragraphs ${request.refs.map(formatRef).join(', ')}, ${request.period}${due ? `: due ${longDate(due.due)}` : ''}.`,
        cite: cite(co, request.paragraph ? `para. ${request.paragraph}` : null),
      });
    }
  }
  blocks.push({ type: 'context', text: 'Ingest the committee’s follow-up evaluation to see its grades.' });
  return reply('not-found', blocks);
}
