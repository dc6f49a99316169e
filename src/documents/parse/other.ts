import type { Block } from '../read/blocks.js';
import type { ParsedDocument } from '../schema.js';
import { BodyCollector, paragraphNumber } from './common.js';
import { readNumberedBody } from './concludingObservations.js';

/**
 * A document of a kind Rapporteur does not read closely still keeps its text, so that
 * nothing is lost and it can be searched: its numbered paragraphs, or every block.
 */
export function parseOther(blocks: readonly Block[]): Partial<ParsedDocument> {
  const body = new BodyCollector();
  if (blocks.filter((b) => paragraphNumber(b.text)).length >= 2) {
    const paragraphs = readNumberedBody(blocks, body).map((n) => n.paragraph);
    return { paragraphs, headings: body.headings, footnotes: body.footnotes };
  }
  return {
    paragraphs: blocks.map((b) => ({ number: null, speaker: null, text: b.text, lines: [b.from, b.to] as [number, number] })),
  };
}
