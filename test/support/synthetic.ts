import fc from 'fast-check';

/**
 * Synthetic summary records in the formats real ones reach us in: Markdown conversions,
 * one-paragraph-per-line PDF text ("1.Mr. X" with no space), and PDF text wrapped at a
 * fixed width with running headers and job numbers between the lines.
 */

export type Style = 'markdown' | 'plain' | 'wrapped';

export interface SyntheticParagraph {
  speaker: { name: string; role: string | null; phrase: string | null; verb: string } | null;
  sentences: string[];
}

export type SyntheticItem =
  | { type: 'paragraph'; paragraph: SyntheticParagraph }
  | { type: 'heading'; text: string }
  | { type: 'time'; text: string };

export interface SyntheticRecord {
  meeting: number;
  items: SyntheticItem[];
  numbered: boolean;
  style: Style;
}

const WORDS = (
  'office ombudsman migrant workers members families rights protection convention detention centres ' +
  'conditions regular situation national strategy information measures government agencies state ' +
  'cooperation implementation legislation children asylum refugees training awareness return nationals ' +
  'vaccines availability bilateral agreements receiving sending countries complaints violations remedies ' +
  'assistance residence permits labour inspectors employers exploitation trafficking victims identification'
).split(' ');
const OPENERS = ['The', 'In', 'It', 'Several', 'Such', 'That', 'Overall', 'Moreover'];
const NAMES = ['Mr. Safikhanli', 'Ms. Abramenko', 'Mr. Corzo Sosa', 'Mr. Ünver', "Ms. d'Almeida", 'Mr. de Frouville', 'Mrs. Al-Hakim', 'Mr. KARIYAWASAM', 'The Chair', 'The Temporary Chair'];
const ROLES = [null, 'Country Rapporteur', 'Plurinational State of Bolivia', 'Office of the Commissioner for Human Rights (Ombudsman) of Azerbaijan'];
const PHRASES = [null, 'speaking via video link', 'speaking in his capacity as Country Rapporteur', 'replying to questions raised at the previous meeting', 'noting that the report had been submitted late'];
const VERBS = ['said that', 'asked whether', 'wondered whether', 'would welcome information on whether', 'noted that', 'thanked the delegation and said that'];
const HEADINGS = ['Consideration of reports submitted by States parties under article 73 of the Convention (continued)', 'Second periodic report of Azerbaijan (continued)', 'Promotion of the Convention', 'Organizational and other matters'];
const TIMES = ['The meeting was suspended at 11.05 a.m. and resumed at 11.25 a.m.', 'The public part of the meeting rose at 12.40 p.m.', 'The discussion covered in the summary record began at 3.15 p.m.'];

const sentence = fc
  .tuple(fc.constantFrom(...OPENERS), fc.array(fc.constantFrom(...WORDS), { minLength: 4, maxLength: 22 }))
  .map(([first, rest]) => `${first} ${rest.join(' ')}.`);

const paragraph: fc.Arbitrary<SyntheticParagraph> = fc.record({
  speaker: fc.option(
    fc.record({
      name: fc.constantFrom(...NAMES),
      role: fc.constantFrom(...ROLES),
      phrase: fc.constantFrom(...PHRASES),
      verb: fc.constantFrom(...VERBS),
    }),
    { freq: 2 },
  ),
  sentences: fc.array(sentence, { minLength: 1, maxLength: 4 }),
});

const item: fc.Arbitrary<SyntheticItem> = fc.oneof(
  { weight: 8, arbitrary: paragraph.map((p) => ({ type: 'paragraph' as const, paragraph: p })) },
  { weight: 1, arbitrary: fc.constantFrom(...HEADINGS).map((text) => ({ type: 'heading' as const, text })) },
  { weight: 1, arbitrary: fc.constantFrom(...TIMES).map((text) => ({ type: 'time' as const, text })) },
);

export const syntheticRecord: fc.Arbitrary<SyntheticRecord> = fc
  .record({
    meeting: fc.integer({ min: 100, max: 9999 }),
    items: fc.array(item, { minLength: 1, maxLength: 25 }),
    style: fc.constantFrom<Style>('markdown', 'plain', 'wrapped'),
    numbered: fc.boolean(),
  })
  // Unnumbered paragraphs wrapped at a fixed width have no boundary a reader could see either.
  .map((r) => ({ ...r, numbered: r.style === 'wrapped' ? true : r.numbered }))
  // A first paragraph with no speaker opening must not follow a heading-less start in unnumbered text.
  .filter((r) => r.items.some((i) => i.type === 'paragraph'));

function paragraphText(p: SyntheticParagraph, markdown: boolean): string {
  if (!p.speaker) return p.sentences.join(' ');
  const s = p.speaker;
  const name = markdown ? `**${s.name}**` : s.name;
  const role = s.role ? ` (${s.role})` : '';
  const phrase = s.phrase ? `, ${s.phrase},` : '';
  const [first, ...rest] = p.sentences;
  const lowered = first!.charAt(0).toLowerCase() + first!.slice(1);
  return [`${name}${role}${phrase} ${s.verb} ${lowered}`, ...rest].join(' ');
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** The record as a file of the chosen style. */
export function renderRecord(r: SyntheticRecord): string {
  const md = r.style === 'markdown';
  const symbol = `CMW/C/SR.${r.meeting}`;
  const header = md
    ? [
        '# International Convention on the Protection of the Rights of All Migrant Workers and Members of Their Families',
        '',
        'Distr.: General  ',
        '6 October 2021',
        '',
        '## Committee on the Protection of the Rights of All Migrant Workers and Members of Their Families Thirty-third session',
        '',
        `### Summary record of the ${r.meeting}th meeting`,
        '',
        'Held at the Palais des Nations, Geneva, on Monday, 4 October 2021, at 10 a.m.',
        '',
        'Chair: Mr. Ünver',
        '',
        'This record is subject to correction.',
        '',
        '*The meeting was called to order at 10.10 a.m.*',
        '',
      ]
    : [
        'United Nations',
        symbol,
        'Distr.: General',
        '6 October 2021',
        'Committee on the Protection of the Rights of All',
        'Migrant Workers and Members of Their Families',
        'Thirty-third session',
        `Summary record of the ${r.meeting}th meeting`,
        'Held at the Palais des Nations, Geneva, on Monday, 4 October 2021, at 10 a.m.',
        'Chair:Mr. Ünver',
        'This record is subject to correction.',
        'The meeting was called to order at 10.10 a.m.',
      ];
  const out = [...header];
  let n = 0;
  let sinceHeader = 0;
  const pageHeader = [symbol, `2 GE.21-14094`];
  for (const it of r.items) {
    if (it.type !== 'paragraph') {
      if (r.style === 'wrapped') out.push('');
      out.push(md ? (it.type === 'heading' ? `### ${it.text}` : `*${it.text}*`) : it.text);
      if (md) out.push('');
      continue;
    }
    n++;
    const text = paragraphText(it.paragraph, md);
    const numberMark = r.numbered ? (md ? `${n}. ` : `${n}.`) : '';
    if (r.style === 'wrapped') {
      for (const line of wrap(`${numberMark}${text}`, 78)) {
        out.push(line);
        // A page break every so often, in the middle of a paragraph.
        if (++sinceHeader % 17 === 0) out.push(...pageHeader);
      }
    } else {
      out.push(`${numberMark}${text}`);
      if (md) out.push('');
    }
  }
  return `${out.join('\n')}\n`;
}

/** Who speaks each paragraph, as the parser should find it. */
export function expectedSpeakers(r: SyntheticRecord): Array<string | null> {
  const speakers: Array<string | null> = [];
  let current: string | null = null;
  let interrupted = true;
  for (const it of r.items) {
    if (it.type !== 'paragraph') {
      interrupted = true;
      continue;
    }
    if (it.paragraph.speaker) current = it.paragraph.speaker.name;
    else if (interrupted) current = null;
    interrupted = false;
    speakers.push(current);
  }
  return speakers;
}

/** Every sentence of the body, and every heading and time line. */
export function bodySentences(r: SyntheticRecord): string[] {
  return r.items.flatMap((it) => (it.type === 'paragraph' ? it.paragraph.sentences.slice(1) : [it.text]));
}
