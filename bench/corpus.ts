import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { COMMITTEES, type CommitteeCode } from '../src/domain/committees.js';
import { countryCode, countryName, findCountry } from '../src/domain/countries.js';
import { ordinalSuffix } from '../src/domain/ordinals.js';
import { summaryRecordSymbol } from '../src/domain/symbols.js';
import { splitSentences } from '../src/documents/parse/assessment.js';
import { parseDocument } from '../src/documents/parse/index.js';
import { detectSpeaker, isProcedural, speakerKey } from '../src/documents/parse/speakers.js';

/**
 * A deterministic synthetic corpus in the seeds' Markdown format: summary records whose
 * prose is a word chain trained on the seeds (so word frequencies follow theirs), with
 * speakers from a pool of names built from the seeds' name syllables, and follow-up
 * evaluations of real State parties so that status questions have answers at any size.
 * Documents are produced lazily: a million paragraphs is 700 MB of text.
 */

const SEEDS = fileURLToPath(new URL('../../seeds/', import.meta.url));
const SEED_FILES = ['cmw-c-sr-463.md', 'cmw-follow-up-azerbaijan-2026.md'];

/** mulberry32: small, fast and the same on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;
const int = (r: Random, min: number, max: number): number => min + Math.floor(r() * (max - min + 1));
const pick = <T>(r: Random, items: readonly T[]): T => items[Math.floor(r() * items.length)]!;
const chance = (r: Random, p: number): boolean => r() < p;

/** States under review: real codes, kept only if the parser and the intent reader both know their English name. */
const STATE_CODES = (
  'AZE ALB ARG ARM BGD BEN BIH BOL BRA BFA CPV CHL COL CRI ECU EGY SLV FJI GHA GTM GIN GUY HND IDN JAM KEN KGZ ' +
  'LSO LBY MDG MWI MLI MRT MEX MAR MOZ NPL NIC NER NGA PAK PRY PER PHL RWA SEN SYC LKA TJK TZA TLS TUR UGA URY UZB VEN ZMB ' +
  'AUS AUT BEL CAN DNK EST FIN FRA DEU GRC HUN ISL IRL ITA JPN LVA LTU LUX MLT NLD NZL NOR POL PRT ROU SVK SVN ESP SWE CHE UKR'
).split(' ');

export interface State {
  code: string;
  name: string;
}

export const STATES: State[] = STATE_CODES.flatMap((code) => {
  const name = countryName(code);
  return name && countryCode(name) === code && findCountry(`concluding observations on ${name}`) === code ? [{ code, name }] : [];
});

/** Committees with summary records in the usual "<prefix>/C/SR.n" form, weighted by how much they meet. */
const SITTING: Array<[CommitteeCode, number, number]> = [
  ['CCPR', 3, 3000],
  ['CESCR', 2, 1],
  ['CERD', 2, 2500],
  ['CEDAW', 2, 1800],
  ['CAT', 2, 1500],
  ['CRC', 3, 2200],
  ['CMW', 1, 400],
  ['CRPD', 1, 500],
  ['CED', 1, 300],
];

interface Chain {
  starts: string[];
  next: Map<string, string[]>;
  /** Content words by frequency in the seeds, most frequent first. */
  words: Array<{ word: string; count: number }>;
}

const STOP = new Set('the of and in to a an on for by with at or is was that its as from be had has have were which it their this such been are not also other all any'.split(' '));
const END = '.';

/** A first-order word chain over the seeds' prose: each word followed by what followed it there. */
function trainChain(texts: string[]): Chain {
  const starts: string[] = [];
  const next = new Map<string, string[]>();
  const counts = new Map<string, number>();
  for (const text of texts) {
    for (const sentence of splitSentences(text)) {
      // Brackets, quotes, symbols and footnote marks would read as structure; only words and commas are kept.
      const tokens = sentence.match(/[\p{L}][\p{L}'’-]*|\d+|[,;]/gu) ?? [];
      if (tokens.length < 6) continue;
      // A sentence opens with a capitalized word that is not a title: "Mr" or "The" could open a speaker's line.
      if (/^\p{Lu}\p{Ll}/u.test(tokens[0]!) && !/^(?:Mr|Ms|Mrs|Dr|The)$/.test(tokens[0]!)) starts.push(tokens[0]!);
      for (let i = 0; i < tokens.length; i++) {
        const from = tokens[i]!;
        const to = tokens[i + 1] ?? END;
        if (!next.has(from)) next.set(from, []);
        next.get(from)!.push(to);
        const w = from.toLowerCase();
        if (/^\p{L}{4,}$/u.test(w) && !STOP.has(w)) counts.set(w, (counts.get(w) ?? 0) + 1);
      }
    }
  }
  const words = [...counts].map(([word, count]) => ({ word, count })).sort((a, b) => b.count - a.count || a.word.localeCompare(b.word));
  return { starts, next, words };
}

function seedTexts(): { prose: string[]; names: string[] } {
  const prose: string[] = [];
  const names: string[] = [];
  for (const file of SEED_FILES) {
    const text = readFileSync(`${SEEDS}${file}`, 'utf8');
    const doc = parseDocument(text, { name: file });
    prose.push(...doc.paragraphs.map((p) => p.text), ...doc.followUp.evaluations.map((g) => g.text));
    names.push(...doc.interventions.map((v) => v.speaker).filter((s) => !/^The\b/.test(s)));
    if (doc.chair) names.push(doc.chair);
  }
  return { prose, names };
}

/** Syllables of the seeds' surnames ("Sa", "fi", "khan", "li"), to build names that look like theirs. */
function syllables(names: string[]): string[] {
  const out = new Set<string>();
  for (const name of names) {
    for (const word of name.replace(/^(?:Mr|Ms|Mrs)\.\s+/, '').split(/\s+/)) {
      for (const s of word.toLowerCase().match(/[^aeiouyü]*[aeiouyü]+(?:[^aeiouyü]+$)?/g) ?? []) out.add(s);
    }
  }
  return [...out].sort();
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Made-up words from the syllables: surnames and the place names that give searches rare terms. */
function inventWords(r: Random, parts: string[], count: number, taken: Set<string>): string[] {
  const out: string[] = [];
  for (let guard = 0; out.length < count && guard < count * 50; guard++) {
    const word = capitalize(Array.from({ length: int(r, 2, 4) }, () => pick(r, parts)).join(''));
    const key = speakerKey(word);
    // Not a State, a committee code or a word of the prose: a name must stay a name.
    if (word.length < 5 || word.length > 13 || taken.has(key) || countryCode(word) || /^(?:cat|ced|crc|cmw)$/i.test(key)) continue;
    taken.add(key);
    out.push(word);
  }
  return out;
}

export interface Person {
  name: string;
  role: string | null;
  group: 'member' | 'state' | 'nhri' | 'ngo';
}

export interface RecordFacts {
  committee: CommitteeCode;
  meeting: number;
  symbol: string;
}

export interface EvaluationFacts {
  country: string;
  committee: CommitteeCode;
  issued: string;
  graded: number[];
}

export interface CorpusDocument {
  name: string;
  text: string;
  kind: 'summary-record' | 'follow-up-evaluation';
  /** Paragraphs the parser will find in it. */
  paragraphs: number;
}

const ISO = (d: Date): string => d.toISOString().slice(0, 10);
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const longDate = (d: Date): string => `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
const addDays = (d: Date, days: number): Date => new Date(d.getTime() + days * 86_400_000);

const SUBJECTS = [
  'Comprehensive policy and strategy', 'Due process, detention and equality before the courts', 'Trafficking in persons',
  'Measures to address migrant workers in an irregular situation', 'Data collection', 'Independent monitoring',
  'Training and dissemination of information', 'Right to education', 'Access to health care', 'Birth registration and nationality',
  'Labour exploitation', 'Consular assistance', 'Expulsion procedures', 'Family reunification', 'Non-discrimination',
];
const GRADE_TEXT: Record<string, string> = {
  A: 'The Committee considers that the recommendation has been implemented.',
  B: 'The Committee considers that the recommendation has been partially implemented.',
  C: 'The Committee considers that the recommendation has not been implemented.',
  D: 'The Committee considers that no information was received on the recommendation.',
};
const OPENING_VERBS = ['said that', 'noted that', 'stressed that', 'explained that', 'pointed out that', 'added that'];
const QUESTION_OPENINGS = ['asked whether', 'wondered whether', 'would like to know whether', 'would welcome information on whether', 'asked what'];
const PHRASES = ['speaking via video link', 'speaking in his capacity as Country Rapporteur', 'replying to questions raised by members of the Committee', 'noting that the report had been submitted late'];
const SUBLABELS = ['a', 'b', 'c', 'd', 'e'];

export class Corpus {
  readonly target: number;
  readonly states = STATES;
  readonly chain: Chain;
  readonly people: { members: Map<CommitteeCode, Person[]>; delegates: Map<string, Person[]>; others: Person[] };
  readonly places: string[];
  /** Filled as documents are produced. */
  readonly records: RecordFacts[] = [];
  readonly evaluations: EvaluationFacts[] = [];
  /** Interventions per speaker name, as produced. */
  readonly spoken = new Map<string, number>();
  private readonly random: Random;
  private readonly evaluationCount: number;

  constructor(paragraphs: number, seed = 20211004) {
    this.target = paragraphs;
    this.random = prng(seed);
    const { prose, names } = seedTexts();
    this.chain = trainChain(prose);
    const parts = syllables(names);
    const taken = new Set(this.chain.words.map((w) => w.word));
    const r = prng(seed ^ 0x5eed);
    const surnames = inventWords(r, parts, 420, taken);
    let n = 0;
    const person = (group: Person['group'], role: string | null): Person => {
      const surname = surnames[n++ % surnames.length]!;
      // Some two-word surnames, as "Corzo Sosa"; titles as the seeds print them.
      const full = n % 9 === 0 ? `${surname} ${surnames[(n * 7) % surnames.length]}` : surname;
      return { name: `${n % 3 === 0 ? 'Ms.' : 'Mr.'} ${full}`, role, group };
    };
    const members = new Map<CommitteeCode, Person[]>();
    for (const [code] of SITTING) members.set(code, Array.from({ length: 18 }, () => person('member', null)));
    const delegates = new Map<string, Person[]>();
    for (const s of this.states) {
      delegates.set(s.code, [
        person('state', s.name),
        person('state', `Ministry of Labour and Social Protection of ${s.name}`),
        person('state', `State Migration Service of ${s.name}`),
      ]);
    }
    const others = [
      ...this.states.slice(0, 20).map((s) => person('nhri', `Office of the Commissioner for Human Rights (Ombudsman) of ${s.name}`)),
      ...this.states.slice(0, 20).map((s) => person('ngo', `Anti-Discrimination Centre Memorial, ${s.name}`)),
      ...Array.from({ length: 20 }, () => person('ngo', 'Maat for Peace, Development and Human Rights')),
    ];
    this.people = { members, delegates, others };
    // Rare terms: about one place per fifty paragraphs, each named in a few dozen of them.
    this.places = inventWords(r, parts, Math.max(100, Math.round(paragraphs / 50)), taken);
    this.evaluationCount = Math.max(6, Math.round(paragraphs / 1000));
  }

  /** Every name in the pool, for reporting its size. */
  get names(): number {
    return [...this.people.members.values(), ...this.people.delegates.values(), this.people.others].flat().length;
  }

  private sentence(): string {
    const r = this.random;
    for (;;) {
      const words = [pick(r, this.chain.starts)];
      for (let i = 0; i < 45; i++) {
        const options = this.chain.next.get(words[words.length - 1]!);
        const next = options ? pick(r, options) : END;
        if (next === END) break;
        words.push(next);
      }
      while (/^[,;]$/.test(words[words.length - 1]!)) words.pop();
      if (words.length < 6) continue;
      if (chance(r, 0.25)) words.push('in', pick(r, this.places));
      return `${words.join(' ').replace(/\s+([,;])/g, '$1')}.`;
    }
  }

  /** Prose of about `length` characters that no parser rule reads as a speaker opening or a procedural line. */
  private prose(length: number, plain = true): string {
    let text = '';
    while (text.length < length) {
      const s = this.sentence();
      if (text === '' && plain && (detectSpeaker(s) || isProcedural(s))) continue;
      text = text ? `${text} ${s}` : s;
    }
    return text;
  }

  private lowerFirst(s: string): string {
    return /^[A-Z][a-z]/.test(s) && !/^[A-Z][a-z]+\s+[A-Z]/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s;
  }

  /** Documents in ingestion order: summary records with the evaluations spread among them. */
  *documents(): Generator<CorpusDocument> {
    const r = this.random;
    const evaluations: CorpusDocument[] = [];
    const usedCycles = new Map<string, number>();
    for (let i = 0; i < this.evaluationCount; i++) {
      evaluations.push(this.evaluation(this.states[i % this.states.length]!, usedCycles));
    }
    const evalParagraphs = evaluations.reduce((n, d) => n + d.paragraphs, 0);
    let remaining = Math.max(0, this.target - evalParagraphs);
    const expectedRecords = Math.max(1, Math.round(remaining / 20));
    const every = Math.max(1, Math.floor(expectedRecords / evaluations.length));
    const nextMeeting = new Map(SITTING.map(([code, , base]) => [code, base]));
    const weights = SITTING.flatMap(([code, w]) => Array<CommitteeCode>(w).fill(code));
    let produced = 0;
    while (remaining > 0 || evaluations.length > 0) {
      if (evaluations.length > 0 && (produced % every === 0 || remaining === 0)) yield evaluations.shift()!;
      if (remaining === 0) continue;
      // 12 to 28 paragraphs, the last record sized to land on the target exactly.
      let count = int(r, 12, 28);
      if (remaining - count < 12) count = remaining <= 28 ? remaining : remaining - 12;
      remaining -= count;
      const code = pick(r, weights);
      const meeting = nextMeeting.get(code)!;
      nextMeeting.set(code, meeting + 1);
      produced++;
      yield this.summaryRecord(code, meeting, count);
    }
  }

  private summaryRecord(code: CommitteeCode, meeting: number, count: number): CorpusDocument {
    const r = this.random;
    const committee = COMMITTEES.find((c) => c.code === code)!;
    const base = SITTING.find(([c]) => c === code)![2];
    // Meetings spread from 2000 on, about one every four days per committee.
    const held = addDays(new Date(Date.UTC(2000, 0, 3)), (meeting - base) * 4 + int(r, 0, 2));
    const issued = addDays(held, int(r, 1, 20));
    const session = 1 + Math.floor((meeting - base) / 25);
    const symbol = summaryRecordSymbol(code, meeting, held.getUTCFullYear())!;
    const state = pick(r, this.states);
    const members = this.people.members.get(code)!;
    const chair = pick(r, members);
    const delegates = this.people.delegates.get(state.code)!;
    const agenda = chance(r, 0.85)
      ? `Consideration of reports submitted by States parties (continued)\n\n*${ordinalSuffix(int(r, 1, 6))} periodic report of ${state.name} (continued)*`
      : 'Promotion of the Convention\n\n*Informal meeting with non-governmental organizations and national human rights institutions*';
    const hour = pick(r, [10, 15]);
    const lines: string[] = [];
    let number = 0;
    let speaker: Person | null = null;
    while (number < count) {
      // Members ask, the delegation answers; now and then an institution or the Chair speaks.
      const roll = r();
      const next: Person =
        roll < 0.5 ? pick(r, members) : roll < 0.8 ? pick(r, delegates) : roll < 0.9 ? pick(r, this.people.others) : { name: 'The Chair', role: null, group: 'member' };
      if (next.name === speaker?.name) continue;
      speaker = next;
      this.spoken.set(next.name, (this.spoken.get(next.name) ?? 0) + 1);
      const span = Math.min(count - number, next.group === 'member' ? int(r, 1, 2) : int(r, 1, 3));
      for (let k = 0; k < span; k++) {
        number++;
        const body = this.prose(int(r, 500, 850), k > 0);
        if (k === 0) {
          const role = next.role ?? (next.group === 'member' && chance(r, 0.15) ? 'Country Rapporteur' : null);
          const phrase = chance(r, 0.15) ? `, ${pick(r, PHRASES)},` : '';
          const verb = next.group === 'member' ? pick(r, QUESTION_OPENINGS) : pick(r, OPENING_VERBS);
          const name = next.name === 'The Chair' ? 'The Chair' : next.name;
          lines.push(`${number}. **${name}**${role ? ` (${role})` : ''}${phrase} ${verb} ${this.lowerFirst(body)}`);
        } else {
          lines.push(`${number}. ${body}`);
        }
        lines.push('');
      }
    }
    this.records.push({ committee: code, meeting, symbol });
    const text = [
      '',
      `# ${committee.aliases[0] ?? committee.name}`,
      '',
      `Distr.: General  \n${longDate(issued)}`,
      '',
      'Original: English',
      '',
      '---',
      '',
      `## ${committee.name} ${capitalize(ordinalSuffix(session))} session`,
      '',
      `### Summary record of the ${ordinalSuffix(meeting)} meeting`,
      '',
      `Held at the Palais des Nations, Geneva, on ${WEEKDAYS[held.getUTCDay()]}, ${longDate(held)}, at ${hour === 10 ? '10 a.m.' : '3 p.m.'}`,
      '',
      `Chair: ${chair.name}`,
      '',
      '## Contents',
      '',
      agenda,
      '',
      '---',
      '',
      'This record is subject to correction. Corrections should be set forth in a memorandum and also incorporated in a copy of the record. They should be sent within one week of the date of the present record to the Documents Management Section (DMS-DCM@un.org).',
      '',
      `*The meeting was called to order at ${hour === 10 ? '10.05 a.m.' : '3.05 p.m.'}*`,
      '',
      `### **${agenda.split('\n')[0]}**`,
      '',
      ...lines,
      `*The meeting rose at ${hour === 10 ? '1 p.m.' : '6 p.m.'}*`,
      '',
    ].join('\n');
    return { name: `${symbol.replace(/[/.]/g, '-').toLowerCase()}.md`, text, kind: 'summary-record', paragraphs: count };
  }

  /** One evaluation in the seed's layout; its paragraphs are counted as the parser counts them. */
  private evaluation(state: State, cycles: Map<string, number>): CorpusDocument {
    const r = this.random;
    const sitting = SITTING.map(([c]) => c).filter((c) => COMMITTEES.find((x) => x.code === c)!.followUpMonths !== null);
    const code = pick(r, sitting);
    const committee = COMMITTEES.find((c) => c.code === code)!;
    const cycle = (cycles.get(`${state.code}:${code}`) ?? 1) + 1;
    cycles.set(`${state.code}:${code}`, cycle);
    const series = (kind: string) => `${committee.symbolPrefix}${committee.symbolPrefix === 'E/C.12' ? '' : '/C'}/${state.code}/${kind}/${cycle}`;
    const adopted = addDays(new Date(Date.UTC(2008, 0, 1)), int(r, 0, 16 * 365));
    const received = addDays(adopted, int(r, 300, 900));
    const issued = addDays(received, int(r, 200, 700));
    const paragraphs = [...new Set(Array.from({ length: 4 }, () => int(r, 8, 70)))].sort((a, b) => a - b);
    const grades = paragraphs.map((p) => {
      const groups = int(r, 1, 3);
      return { p, groups: Array.from({ length: groups }, (_, i) => ({ grade: pick(r, ['A', 'B', 'B', 'C', 'C', 'D']), subs: groups === 1 ? [] : [SUBLABELS[i]!] })) };
    });
    let count = 0;
    const sections: string[] = [];
    for (const { p, groups } of grades) {
      const subs = Math.max(groups.length, int(r, 2, 4));
      const recommendation = Array.from({ length: subs }, (_, i) => `(${SUBLABELS[i]}) ${this.prose(int(r, 120, 300)).replace(/\.$/, ';')}`);
      count += 1 + subs + 1;
      const evaluated = groups.map((g) => {
        const texts = [this.evaluationProse(), ...(chance(r, 0.5) ? [this.evaluationProse()] : [])];
        count += texts.length;
        texts[texts.length - 1] += ` The Committee requests further information on ${this.lowerFirst(this.evaluationProse(60)).replace(/\.$/, '')}. ${GRADE_TEXT[g.grade]}`;
        return [`[${g.grade}]: Paragraph ${p}${g.subs.length ? ` (${g.subs.join(') and (')})` : ''}`, '', texts.join('\n\n'), ''].join('\n');
      });
      sections.push(
        [
          `#### Paragraph ${p}: ${pick(r, SUBJECTS)}`,
          '',
          'The Committee recommends that the State Party:',
          '',
          recommendation.join('\n\n'),
          '',
          "**State Party's reply**",
          '',
          `The reply of the State Party is provided in [${series('FCO')}](#), paragraphs ${int(r, 1, 20)} to ${int(r, 21, 60)}.`,
          '',
          "**Committee's evaluation**",
          '',
          ...evaluated,
        ].join('\n'),
      );
    }
    this.evaluations.push({ country: state.code, committee: code, issued: ISO(issued), graded: paragraphs });
    const text = [
      '',
      `# ${committee.aliases[0] ?? committee.name}`,
      '',
      `Distr.: General  \n${longDate(issued)}`,
      '',
      'Original: English',
      '',
      `## ${committee.name}`,
      '',
      `### Report on follow-up to the concluding observations of the ${committee.name}`,
      '',
      '#### Addendum',
      '',
      `#### Evaluation of the information on follow-up to the concluding observations on ${state.name}`,
      '',
      `*Concluding observations (${ordinalSuffix(int(r, 10, 40))} session):* [${series('CO')}](#), ${longDate(adopted)}`,
      '',
      `*Follow-up paragraphs:* ${paragraphs.slice(0, -1).join(', ')} and ${paragraphs.at(-1)}`,
      '',
      `*Information received from State Party:* [${series('FCO')}](#), ${longDate(received)}`,
      '',
      `*Information received from stakeholder:* Maat for Peace, Development and Human Rights, ${longDate(addDays(received, 90))}`,
      '',
      `*Committee's evaluation:* ${grades.map((g) => `${g.p} ${g.groups.map((x) => `[${x.grade}]`).join(' ')}`).join(', ')}`,
      '',
      ...sections,
      '',
    ].join('\n');
    return { name: `${series('CO').replace(/[/.]/g, '-').toLowerCase()}-evaluation.md`, text, kind: 'follow-up-evaluation', paragraphs: count };
  }

  /** Evaluation prose must state no assessment of its own: that is the grade line's job. */
  private evaluationProse(length = 400): string {
    let text = '';
    while (text.length < length) {
      const s = this.sentence();
      if (/\b(?:consider|assess|conclud|request|reiterat|encourag|next periodic)/i.test(s)) continue;
      if (text === '' && (detectSpeaker(s) || isProcedural(s))) continue;
      text = text ? `${text} ${s}` : s;
    }
    return text;
  }
}
