import { parseSymbol } from '../../domain/symbols.js';
import { decodeText, normalizeCharacters } from '../read/decode.js';
import { buildBlocks } from '../read/blocks.js';
import { readLines } from '../read/lines.js';
import { detectLanguage, isReadLanguage, LANGUAGE_NAMES } from '../language.js';
import { ParsedDocument } from '../schema.js';
import { emptyDocument, sessionIn } from './common.js';
import { parseConcludingObservations } from './concludingObservations.js';
import { parseFollowUpEvaluation } from './followUpEvaluation.js';
import { parseFollowUpReply } from './followUpReply.js';
import { countryFromTitle, detectKind, readHeader } from './header.js';
import { parseListOfIssues } from './listOfIssues.js';
import { parseSummaryRecord } from './summaryRecord.js';
import { parseOther } from './other.js';

export interface ParseOptions {
  /** The file name, to tell Markdown from plain text and to name the file in errors. */
  name?: string;
}

/** Markdown by extension, or by mark-up that plain text extracted from PDF or Word never has. */
function isMarkdown(text: string, name: string | undefined): boolean {
  if (name && /\.(md|markdown)$/i.test(name)) return true;
  if (name && /\.txt$/i.test(name)) return false;
  // "[^()]": a run of "](" without ")" is then read once, not from each "](" to the end.
  return /^#{1,6}\s|\*\*[^*\n]+\*\*|\]\([^()]*\)|^\\\*/m.test(text);
}

/**
 * Reads one treaty-body document. Never throws on content: anything it cannot make sense
 * of is `kind: "unknown"` with a warning. Throws only for input over the size limit.
 */
export function parseDocument(input: string | Uint8Array, options: ParseOptions = {}): ParsedDocument {
  const decoded =
    typeof input === 'string' ? { text: input, binary: false } : decodeText(input, options.name ?? 'the document');
  const doc = emptyDocument();
  if (decoded.binary) {
    doc.warnings.push('The file is not text (it holds binary data); convert PDF and Word files to text first or ingest them.');
    return ParsedDocument.parse(doc);
  }
  const text = normalizeCharacters(decoded.text);
  if (text.trim() === '') {
    doc.warnings.push('The document is empty.');
    return ParsedDocument.parse(doc);
  }
  const markdown = isMarkdown(text, options.name);
  const blocks = buildBlocks(readLines(text, markdown), markdown);
  const header = readHeader(blocks);
  const verdict = detectKind(header, text);
  doc.kind = verdict.kind;
  doc.title = header.title;
  doc.symbol = header.symbol;
  doc.issued = header.issued;
  doc.committee = header.committee;
  const symbol = header.symbol ? parseSymbol(header.symbol) : null;
  doc.country = symbol?.country ?? countryFromTitle(header.title);
  if (verdict.warning) doc.warnings.push(verdict.warning);
  doc.language = detectLanguage(text);
  if (doc.language && !isReadLanguage(doc.language)) {
    // The symbol, its kind and its State are printed in Latin letters in every language; the body is not read.
    doc.kind = symbol && symbol.type !== 'other' && symbol.type !== 'periodic-report' ? symbol.type : 'unknown';
    doc.warnings.push(`The document is in ${LANGUAGE_NAMES[doc.language]}: its kind and symbol are read, its body is not (Rapporteur reads English, French and Spanish).`);
    return ParsedDocument.parse(doc);
  }

  const specific =
    verdict.kind === 'summary-record'
      ? parseSummaryRecord(blocks, header)
      : verdict.kind === 'concluding-observations'
        ? parseConcludingObservations(blocks, header)
        : verdict.kind === 'follow-up-evaluation'
          ? parseFollowUpEvaluation(blocks, header)
          : verdict.kind === 'follow-up-reply'
            ? parseFollowUpReply(blocks, header)
            : verdict.kind === 'list-of-issues'
              ? parseListOfIssues(blocks, header)
              : parseOther(blocks, header);
  const { warnings = [], ...rest } = specific;
  Object.assign(doc, rest);
  doc.warnings.push(...warnings);
  // A list of issues names its session before or in its title (its parser reads it there); its introduction cites others.
  if (verdict.kind !== 'list-of-issues') doc.session ??= sessionIn(header.text);
  return ParsedDocument.parse(doc);
}
