/**
 * Inputs built to make a parser slow: one pattern repeated to a given size, under a header
 * that makes each kind's parser run. Shared by the robustness tests (small sizes, with a
 * generous stall guard) and `bench/parse.ts` (large sizes, timed).
 */

export interface Pattern {
  name: string;
  /** The repeated text; `i` numbers the repetition, for patterns that count. */
  unit: (i: number) => string;
}

export const PATTERNS: readonly Pattern[] = [
  { name: 'nested parentheses', unit: () => '(' },
  { name: 'closing parentheses', unit: () => ')' },
  { name: 'unbalanced parentheses', unit: () => '(()' },
  { name: 'Mr. repeated', unit: () => 'Mr. ' },
  { name: 'Mr. and a name repeated', unit: () => 'Mr. Xavier ' },
  { name: 'capitalised words', unit: () => 'Alpha Beta ' },
  { name: 'capitalised words with commas', unit: () => 'Alpha, beta ' },
  { name: 'commas', unit: () => ', ' },
  { name: 'commas without spaces', unit: () => ',' },
  { name: 'labels', unit: () => '(a)' },
  { name: 'spaced labels', unit: () => '(a) ' },
  { name: 'grades', unit: () => '[A]' },
  { name: 'digits', unit: () => '1' },
  { name: 'spaced digits', unit: () => '1 ' },
  { name: 'paragraph references', unit: () => 'paragraphs 5 (a) and ' },
  { name: 'dashes', unit: () => '–' },
  { name: 'spaces', unit: () => ' ' },
  { name: 'one letter', unit: () => 'a' },
  { name: 'full stops', unit: () => '.' },
  { name: 'sentences', unit: () => 'A. ' },
  { name: 'abbreviations', unit: () => 'Mr. A. ' },
  { name: 'slashes', unit: () => 'CMW/C/' },
  { name: 'symbol-like', unit: () => 'CMW/C/SR.1/' },
  { name: 'asterisks', unit: () => '*' },
  { name: 'underscores', unit: () => '_a' },
  { name: 'brackets', unit: () => '[' },
  { name: 'links', unit: () => '](' },
  { name: 'angle brackets', unit: () => '<a' },
  { name: 'entities', unit: () => '&#' },
  { name: 'entity references', unit: () => '&#1114112;&amp;' },
  { name: 'backslashes', unit: () => '\\' },
  { name: 'hashes', unit: () => '#' },
  { name: 'time words', unit: () => 'meeting was suspended at ' },
  { name: 'session words', unit: () => 'session ' },
  { name: 'ordinals', unit: () => 'one hundred and ' },
  { name: 'dates', unit: () => '6 October ' },
  { name: 'labelled lines', unit: () => 'a: ' },
  { name: 'later chairs', unit: () => 'later: ' },
  { name: 'Distr.', unit: () => 'Distr. ' },
  { name: 'speaker with a phrase', unit: () => 'Mr. A, speaking ' },
  { name: 'representative of', unit: () => 'A representative of ' },
  { name: 'said Mr.', unit: () => ', said Mr. X' },
  { name: 'evaluation grades', unit: () => '[A]: Paragraph 5 ' },
  { name: 'Paragraph headings', unit: () => 'Paragraph 5: ' },
  { name: 'not yet been', unit: (i) => (i === 0 ? 'not ' : 'yet been ') },
  { name: 'underscore runs', unit: () => `${'_'.repeat(5000)}a` },
  { name: 'space runs', unit: () => `${' '.repeat(5000)}a` },
  { name: 'hash heading with space runs', unit: (i) => (i === 0 ? '\n# a' : `${' '.repeat(5000)}b`) },
  { name: 'line separators', unit: () => 'a\u2028' },
  { name: 'adopted', unit: () => 'adopted ' },
  { name: 'within', unit: () => 'within ' },
  { name: 'submit its report', unit: () => 'submit its report ' },
  { name: 'held at', unit: (i) => (i === 0 ? '\n\nHeld ' : 'at ') },
  { name: 'summary record parts', unit: () => 'Summary record (' },
  { name: 'links without end', unit: () => '[](' },
  { name: 'many tiny lines', unit: (i) => `${i % 7 === 0 ? '' : 'a'}\n` },
  { name: 'many numbered lines', unit: (i) => `${i + 1}. The Chair said so.\n` },
  { name: 'many short capitalised lines', unit: () => 'Heading\n' },
  { name: 'many speaker lines', unit: (i) => `${i + 1}. Mr. X said that\n` },
  { name: 'many grade lines', unit: () => '[B]: Paragraph 5 (a)\n\nThe Committee considers.\n\n' },
  { name: 'many continuation lines', unit: () => 'and so on\n' },
  { name: 'many label lines', unit: () => '(a) Ensure that\n\n' },
  { name: 'headings between paragraphs', unit: () => 'Heading\n\nMr. X said so.\n\n' },
];

/** Headers that route the body to each kind's parser. */
export const HEADERS: Readonly<Record<string, string>> = {
  'summary record': 'CMW/C/SR.463\n\nSummary record of the 463rd meeting\n\nChair: Mr. X\n\nContents\n\nItem\n\n1. The Chair said that ',
  'concluding observations': 'CMW/C/BOL/CO/2\n\nConcluding observations on the second periodic report of Bolivia\n\n1. The Committee recommends ',
  'follow-up evaluation':
    'Evaluation of the information on follow-up to the concluding observations on Bolivia\n\nCommittee\'s evaluation: 5 [A]\n\nParagraph 5: Policy\n\nCommittee\'s evaluation\n\n[B]: Paragraph 5\n\nThe Committee considers ',
  plain: '',
};

/** `pattern` repeated after `header` until the text reaches `chars` characters. */
export function adversarialText(pattern: Pattern, header: string, chars: number): string {
  const parts: string[] = [header];
  let length = header.length;
  for (let i = 0; length < chars; i++) {
    const unit = pattern.unit(i);
    parts.push(unit);
    length += unit.length;
  }
  return parts.join('');
}
