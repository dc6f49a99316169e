import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseDocument } from '../../src/documents/parse/index.js';
import type { ParsedDocument } from '../../src/documents/schema.js';

export const root = fileURLToPath(new URL('../../', import.meta.url));
export const seedPath = (name: string): string => `${root}seeds/${name}`;
export const fixturePath = (name: string): string => `${root}test/fixtures/${name}`;

export function parseFile(path: string): ParsedDocument {
  return parseDocument(readFileSync(path), { name: path });
}

/** The speakers of an intervention list as "Name first–last" strings, for compact comparison. */
export function interventionSummary(doc: ParsedDocument): string[] {
  return doc.interventions.map((i) => {
    const first = i.paragraphs[0];
    const last = i.paragraphs[i.paragraphs.length - 1];
    return `${i.speaker} ${first === last ? first : `${first}–${last}`}`;
  });
}

/** All text the parser put anywhere a reader could find it. */
export function everyOutputText(doc: ParsedDocument): string {
  return [
    ...doc.paragraphs.map((p) => p.text),
    ...doc.headings.map((h) => h.text),
    ...doc.footnotes.map((f) => f.text),
    ...(doc.meetingDetails?.times.map((t) => t.text) ?? []),
  ]
    .join('\n')
    .replace(/\s+/g, ' ')
    .toLowerCase();
}

/** The interventions of the 463rd meeting, as the seed prints them: what every reader of it must find. */
export const SEED_463_INTERVENTIONS = [
  'Mr. Safikhanli 1–3',
  'Mr. Kariyawasam 4',
  'Mr. Corzo Sosa 5',
  'Mr. Charef 6',
  'Mr. Oumaria 7',
  'Mr. Babacar 8',
  'Mr. Safikhanli 9–11',
  'The Chair 12',
  'Mr. Safikhanli 13',
  'Mr. Charef 14',
  'Mr. Safikhanli 15',
  'Ms. Abramenko 16',
  'Mr. Kariyawasam 17',
  'Ms. Abramenko 18',
  'The Chair 19',
];
