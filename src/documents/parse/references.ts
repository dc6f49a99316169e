import type { ParagraphRef } from '../schema.js';

/**
 * Paragraph references as documents print them: "paragraphs 5 (a), 18 and 33",
 * "Paragraph 36 (b)–(e)", "16 (a) and (b)", "paragraphs 12 to 14", and in French and Spanish
 * "paragraphes 8 c) et 28 c)", "párrafos 12 a 14". A lettered label belongs to the paragraph
 * number before it; a dash, "to", "à" or "a" between two labels or two numbers is a range and
 * is expanded.
 */

const ROMAN = ['i', 'ii', 'iii', 'iv', 'v', 'vi', 'vii', 'viii', 'ix', 'x', 'xi', 'xii', 'xiii', 'xiv', 'xv'];
/** "to", "à", "a" as whole words: the range words of the three languages. */
const RANGE_WORD = String.raw`(?<![\p{L}\d])(?:to|à|a)(?!\p{L})`;
const TOKEN = new RegExp(String.raw`(\d{1,4})|\(([a-z]{1,4})\)|([–—-]|${RANGE_WORD})|([^\d()–—-]+?)(?=\d|\(|[–—-]|${RANGE_WORD}|$)`, 'giu');
/** The word "paragraph(s)" or its abbreviation before a number, in English, French or Spanish. */
const PARAGRAPH_WORD = /(?<![\p{L}])(?:paragraphs?|paragraphes?|párrafos?|parr?\.|párrs?\.|paras?\.?|§§?)\s*(?=\d)/giu;

function expandLabels(from: string, to: string): string[] {
  const romanFrom = ROMAN.indexOf(from);
  const romanTo = ROMAN.indexOf(to);
  if (romanFrom >= 0 && romanTo > romanFrom && (from !== 'i' || to.length > 1)) return ROMAN.slice(romanFrom, romanTo + 1);
  if (from.length === 1 && to.length === 1 && to >= from) {
    return Array.from({ length: to.charCodeAt(0) - from.charCodeAt(0) + 1 }, (_, k) => String.fromCharCode(from.charCodeAt(0) + k));
  }
  return [from, to];
}

export function parseParagraphRefs(input: string): ParagraphRef[] {
  // CAT writes a sub-paragraph with one parenthesis: "14 a)" is "14 (a)".
  const text = input.replace(/(\d|\)|\band|\bet|\by|,)\s?([a-z])\)/g, '$1 ($2)');
  const refs: ParagraphRef[] = [];
  let range = false;
  let lastLabel: string | null = null;
  let lastNumber: number | null = null;
  for (const m of text.matchAll(TOKEN)) {
    const [, number, label, dash, words] = m;
    if (number !== undefined) {
      const n = Number(number);
      if (range && lastNumber !== null && n > lastNumber && n - lastNumber <= 50) {
        for (let k = lastNumber + 1; k <= n; k++) refs.push({ paragraph: k, subparagraphs: [] });
      } else refs.push({ paragraph: n, subparagraphs: [] });
      lastNumber = n;
      lastLabel = null;
      range = false;
    } else if (label !== undefined) {
      const current = refs[refs.length - 1];
      if (!current) continue;
      const l = label.toLowerCase();
      if (range && lastLabel) current.subparagraphs.push(...expandLabels(lastLabel, l).slice(1));
      else current.subparagraphs.push(l);
      lastLabel = l;
      range = false;
    } else if (dash !== undefined) {
      range = true;
    } else if (words !== undefined && !/^[\s,;]*(?:and|or|et|ou|y|o)?[\s,;]*$/i.test(words)) {
      // Anything but separators ends the list: "paragraphs 5, 18 and 33 above" stops at "above".
      if (refs.length > 0) break;
    }
  }
  return refs.map((r) => ({ paragraph: r.paragraph, subparagraphs: [...new Set(r.subparagraphs)] }));
}

/** The references after each word "paragraph(s)" of a sentence, in order: "(para. 49) ... (paras. 12, 17 and 22)". */
export function refsAfterEachParagraphWord(text: string): ParagraphRef[][] {
  return [...text.slice(0, 4000).matchAll(PARAGRAPH_WORD)].map((m) => parseParagraphRefs(text.slice(m.index + m[0].length, m.index + m[0].length + 300)));
}

/** The references after the word "paragraph(s)" in a sentence. */
export function refsAfterParagraphWord(text: string): ParagraphRef[] {
  const m = new RegExp(PARAGRAPH_WORD.source, 'iu').exec(text);
  return m ? parseParagraphRefs(text.slice(m.index + m[0].length)) : [];
}

function consecutive(labels: readonly string[]): boolean {
  return labels.every((l, i) => l.length === 1 && (i === 0 || l.charCodeAt(0) === labels[i - 1]!.charCodeAt(0) + 1));
}

/** Sub-paragraph labels as documents write them: "(a)", "(a) and (b)", "(b)–(e)", "(a), (c) and (d)". */
export function formatLabels(labels: readonly string[]): string {
  const marks = labels.map((l) => `(${l})`);
  if (marks.length <= 1) return marks.join('');
  if (marks.length >= 3 && consecutive(labels)) return `${marks[0]}–${marks.at(-1)}`;
  return `${marks.slice(0, -1).join(', ')} and ${marks.at(-1)}`;
}

/** "5 (a)", "36 (b)–(e)", "33": a reference written back as documents write it. */
export function formatRef(ref: ParagraphRef): string {
  return ref.subparagraphs.length === 0 ? String(ref.paragraph) : `${ref.paragraph} ${formatLabels(ref.subparagraphs)}`;
}
