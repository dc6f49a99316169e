import { readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { extractText } from '../src/ingest/extract.js';
import { ErrorCode, RapporteurError } from '../src/errors.js';
import { formatLongDate } from '../src/domain/dates.js';
import { latenessInWords } from '../src/deadlines/rules.js';
import { countryName } from '../src/domain/countries.js';
import { ordinalSuffix } from '../src/domain/ordinals.js';
import { assertSize } from '../src/documents/read/decode.js';
import { parseDocument } from '../src/documents/parse/index.js';
import { formatRef } from '../src/documents/parse/references.js';
import type { ParsedDocument } from '../src/documents/schema.js';

export async function readDocumentFile(path: string): Promise<Uint8Array> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new RapporteurError(ErrorCode.FileUnreadable, `cannot read ${path}: ${reason}`, { cause: error });
  }
  if (info.isDirectory()) throw new RapporteurError(ErrorCode.FileUnreadable, `cannot read ${path}: it is a directory`);
  assertSize(info.size, path);
  try {
    return await readFile(path);
  } catch (error) {
    throw new RapporteurError(ErrorCode.FileUnreadable, `cannot read ${path}: ${(error as Error).message}`, { cause: error });
  }
}

/** A file read as ingest reads it: Markdown and text decoded, PDF and Word .docx turned into text first. */
export async function parseFile(path: string): Promise<ParsedDocument> {
  const name = basename(path);
  const extracted = await extractText(await readDocumentFile(path), name);
  // The parser tells Markdown from plain text by the name; extracted PDF and Word text is plain.
  return parseDocument(extracted.text, { name: extracted.format === 'markdown' ? name : `${basename(name, extname(name))}.txt` });
}

const KIND_NAMES: Record<ParsedDocument['kind'], string> = {
  'summary-record': 'Summary record',
  'concluding-observations': 'Concluding observations',
  'follow-up-evaluation': 'Follow-up evaluation',
  'follow-up-reply': 'Follow-up reply',
  'list-of-issues': 'List of issues',
  unknown: 'Unknown document',
};

function range(numbers: readonly number[]): string {
  const first = numbers[0];
  const last = numbers[numbers.length - 1];
  return numbers.length === 1 ? `${first}` : `${first}–${last}`;
}

/** A short readable account of a parsed document, for people at a terminal. */
export function describeDocument(doc: ParsedDocument): string {
  const out: string[] = [];
  const symbol = doc.symbol ? `${doc.symbol}${doc.symbolDerived ? ' (symbol not printed; derived)' : ''}` : 'no symbol';
  out.push(`${KIND_NAMES[doc.kind]}: ${symbol}`);
  if (doc.title) out.push(doc.title);
  const facts = [
    doc.committee,
    doc.country ? `${countryName(doc.country) ?? doc.country} (${doc.country})` : null,
    doc.session ? `${ordinalSuffix(doc.session)} session` : null,
    doc.meeting ? `${ordinalSuffix(doc.meeting)} meeting` : null,
    doc.issued ? `issued ${formatLongDate(doc.issued)}` : null,
  ].filter(Boolean);
  if (facts.length) out.push(facts.join(' · '));
  const m = doc.meetingDetails;
  if (m) {
    if (doc.held) out.push(`Held ${formatLongDate(doc.held)}${m.time ? ` at ${m.time}` : ''}${m.place ? `, ${m.place}` : ''}`);
    if (m.chairs.length) out.push(`Chair: ${m.chairs.map((c) => `${c.name}${c.role ? ` (${c.role})` : ''}${c.later ? ' (later)' : ''}`).join(', ')}`);
    for (const a of m.agenda) out.push(`Agenda: ${a.title}${a.continued ? ' (continued)' : ''}`);
    for (const t of m.times) out.push(`  ${t.time}  ${t.event.replace(/-/g, ' ')}`);
  }
  out.push(`${doc.paragraphs.length} paragraph${doc.paragraphs.length === 1 ? '' : 's'}`);
  if (doc.interventions.length) {
    out.push(`${doc.interventions.length} interventions:`);
    for (const i of doc.interventions) out.push(`  ¶ ${range(i.paragraphs).padEnd(7)} ${i.speaker}${i.role ? ` (${i.role})` : ''}`);
  }
  const o = doc.observations;
  if (o?.followUpRequest) out.push(`Follow-up: paragraphs ${o.followUpRequest.refs.map(formatRef).join(', ')}, ${o.followUpRequest.period}`);
  if (doc.evaluation) {
    const e = doc.evaluation;
    if (e.evaluated.symbol) out.push(`Evaluates ${e.evaluated.symbol}${e.evaluated.date ? ` of ${formatLongDate(e.evaluated.date)}` : ''}`);
    for (const r of e.fromStateParty) out.push(`From the State party: ${[r.symbol, r.date && formatLongDate(r.date)].filter(Boolean).join(', ')}`);
    for (const r of e.fromStakeholders) out.push(`From ${r.name ?? 'a stakeholder'}: ${r.date ? formatLongDate(r.date) : 'undated'}`);
  }
  for (const g of doc.followUp.evaluations) {
    out.push(`  ${g.grade === null ? "(no letter) " : `[${g.grade}] `}${formatRef({ paragraph: g.paragraph, subparagraphs: g.subparagraphs })}: ${g.assessment ?? 'no assessment stated'}`);
  }
  for (const d of doc.deadlines) {
    const status = d.met ? `; met ${formatLongDate(d.met)}${d.daysLate !== null ? `, ${latenessInWords(d.daysLate)}` : ''}` : '';
    out.push(`Deadline: ${d.kind.replace(/-/g, ' ')} due ${formatLongDate(d.due)} (${d.basis})${status}`);
  }
  for (const w of doc.warnings) out.push(`Warning: ${w}`);
  return out.join('\n');
}
