import { findCountry } from '../../domain/countries.js';
import { findSymbols } from '../../domain/symbols.js';
import type { Block } from '../read/blocks.js';
import type { ParsedDocument } from '../schema.js';
import { BodyCollector, paragraphNumber } from './common.js';
import { readNumberedBody } from './concludingObservations.js';
import type { DocumentHeader } from './header.js';

/**
 * A document of a kind Rapporteur does not read closely still keeps its text, so that
 * nothing is lost and it can be searched: its numbered paragraphs, or every block.
 */
export function parseOther(blocks: readonly Block[], header: DocumentHeader): Partial<ParsedDocument> {
  const body = new BodyCollector();
  const about = whatItIsAbout(blocks, header);
  if (blocks.filter((b) => paragraphNumber(b.text)).length >= 2) {
    const paragraphs = readNumberedBody(blocks, body).map((n) => n.paragraph);
    return { ...about, paragraphs, headings: body.headings, footnotes: body.footnotes };
  }
  return {
    ...about,
    paragraphs: blocks.map((b) => ({ number: null, speaker: null, text: b.text, lines: [b.from, b.to] as [number, number] })),
  };
}

/**
 * Committee and State of a document whose header is not the standard one: the Subcommittee's
 * pages that name it only "SPT", a visit report whose title or text names the State visited
 * ("Report on the follow-up visit to the Republic of Paraguay", "the first SPT visit to the Maldives").
 */
function whatItIsAbout(blocks: readonly Block[], header: DocumentHeader): { country?: string; committee?: 'SPT' } {
  const out: { country?: string; committee?: 'SPT' } = {};
  const opening = blocks.slice(0, 25).map((b) => b.text).join(' ').slice(0, 3000);
  // The Subcommittee's pages name it by its abbreviations even where its full name is not printed.
  if (!header.committee && /\b(?:SPT|OPCAT)\b/.test(opening)) out.committee = 'SPT';
  const symbolCountry = header.symbol ? findSymbols(header.symbol)[0]?.parsed.country : null;
  if (!out.country && !symbolCountry) {
    const visit = blocks.slice(0, 25).find((b) => !b.footnote && b.text.length <= 300 && /\bvisit\b/i.test(b.text));
    // Or the State in running text: "the first SPT visit to the Maldives".
    const visitTo = /\bvisit\s+(?:of\s+the\s+\w+\s+)?to\s+/i.exec(opening);
    const country = (visit ? findCountry(visit.text) : null) ?? (visitTo ? findCountry(opening.slice(visitTo.index + visitTo[0].length, visitTo.index + visitTo[0].length + 60)) : null);
    if (country) out.country = country;
  }
  return out;
}
