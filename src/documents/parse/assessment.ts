import type { Assessment } from '../schema.js';

/**
 * What a committee's assessment sentence says, in the words of the current follow-up
 * methodology. Letters are not trusted: they differ between committees and over time.
 */
const MEANINGS: Array<[RegExp, Assessment]> = [
  [/\bcontrary to\b|\breflects?\s+(?:a\s+)?rejection\b/i, 'contrary to the recommendation'],
  [/\bno\s+(?:information|reply|response)\s+(?:was|has\s+been|had\s+been)\s+(?:received|provided|submitted)|\bnot\s+(?:received|provided)\s+(?:any\s+)?information\b|\bno information\b/i, 'no information'],
  [/\b(?:partially|partly)\s+implemented\b|\bpartial\s+implementation\b/i, 'partially implemented'],
  [/\bnot\s+(?:(?:yet|been)\s+)*implemented\b|\bno\s+(?:action|measures?)\s+(?:has|have)\s+been\s+taken\b/i, 'not implemented'],
  [/\b(?:has|have)\s+been\s+(?:fully\s+|almost\s+fully\s+|sufficiently\s+|largely\s+|substantially\s+)?implemented\b|\b(?:sufficiently|largely|substantially)\s+implemented\b/i, 'implemented'],
];

/** Sentences in which the committee gives its assessment. */
const ASSESSING = /\bconsiders?\b|\bassess(?:es|ment)?\b|\bconcludes?\b/i;

/** The standard A–E scale, used only when a document's own text does not settle a letter. */
export const STANDARD_SCALE: Record<string, Assessment> = {
  A: 'implemented',
  B: 'partially implemented',
  C: 'not implemented',
  D: 'no information',
  E: 'contrary to the recommendation',
};

/** Words whose full stop does not end a sentence: "Mr. Charef", "para. 45", "No. 189". */
const ABBREVIATION = /\b(?:Mr|Ms|Mrs|Dr|Prof|No|Nos|St|para|paras|art|Art|Add|Corr|Rev|Vol|pp?|e\.g|i\.e|cf|Messrs|Mmes|Mme|Mlle|M|Sr|Sra|Srta)\.$/;

/** Enough of a sentence's end for ABBREVIATION: its longest word ("Messrs.") and the character before it. */
const ABBREVIATION_TAIL = 8;

export function splitSentences(text: string): string[] {
  // Split at every end mark before a capital, then mend the splits an abbreviation caused.
  const pieces = text.split(/(?<=[.!?]["”’)]?)\s+(?=[\p{Lu}"“(])/u);
  const sentences: string[] = [];
  // The pieces of the sentence being mended, joined once at its end, and its last characters for
  // ABBREVIATION: testing (or slicing) the growing sentence itself made this quadratic.
  let parts: string[] = [];
  let tail = '';
  for (const piece of pieces) {
    if (parts.length > 0 && !ABBREVIATION.test(tail)) {
      sentences.push(parts.join(' '));
      parts = [];
    }
    tail = (parts.length > 0 ? `${tail} ${piece.slice(-ABBREVIATION_TAIL)}` : piece.slice(-ABBREVIATION_TAIL)).slice(-ABBREVIATION_TAIL);
    parts.push(piece);
  }
  if (parts.length > 0) sentences.push(parts.join(' '));
  return sentences.map((s) => s.trim()).filter(Boolean);
}

/** What one clause says of implementation, whether or not it names the committee's act of assessing. */
export function assessmentIn(clause: string): Assessment | null {
  return MEANINGS.find(([re]) => re.test(clause))?.[1] ?? null;
}

/** Every assessment stated in the text, in order of appearance. */
export function statedAssessments(text: string): Assessment[] {
  const found: Assessment[] = [];
  for (const sentence of splitSentences(text)) {
    if (!ASSESSING.test(sentence)) continue;
    const meaning = MEANINGS.find(([re]) => re.test(sentence))?.[1];
    if (meaning) found.push(meaning);
  }
  return found;
}

/** What the committee asks for next, in its own sentences. */
export function requestSentences(text: string): string[] {
  return splitSentences(text).filter((s) =>
    /\brequests?\b|\bnext periodic report\b|\breiterates its recommendation\b|\bencourages the State party to (?:provide|take|submit)\b/i.test(s),
  );
}
