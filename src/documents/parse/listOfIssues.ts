import type { DocumentHeader } from './header.js';
import type { Block } from '../read/blocks.js';
import type { GradedGroup, Paragraph, ParsedDocument } from '../schema.js';
import { assessmentIn, splitSentences } from './assessment.js';
import { parseOther } from './other.js';
import { refsAfterEachParagraphWord } from './references.js';

/**
 * A list of issues (".../Q/n", ".../QPR/n", the older "CCPR/C/73/L/HUN"): its numbered
 * questions. CAT's lists of issues prior to reporting open by assessing, in words, the follow-up
 * to the previous concluding observations ("the recommendations in paragraphs 15 and 27 ... have
 * been partially implemented"): those are follow-up evaluations with no letter.
 */

/** The clauses of an assessing sentence, each about its own paragraphs. */
const CLAUSE_BREAK = /;|\band that\b|\bwhile\b|\bwhereas\b|,\s*but\b/i;

function followUpInWords(paragraphs: readonly Paragraph[]): { asked: number[]; evaluations: GradedGroup[] } {
  const asked: number[] = [];
  const evaluations: GradedGroup[] = [];
  for (const p of paragraphs.slice(0, 3)) {
    if (!/follow-?up/i.test(p.text)) continue;
    for (const sentence of splitSentences(p.text)) {
      if (asked.length === 0 && /\brequested\b[^.]{0,200}\b(?:provide|submit|send|furnish)\b/i.test(sentence)) {
        // "In its previous concluding observations (para. 49) ... (paras. 12, 17 and 22)": the last list is what was asked.
        asked.push(...(refsAfterEachParagraphWord(sentence).at(-1) ?? []).map((r) => r.paragraph));
      }
      if (!/\bconsiders?\b|\bassess/i.test(sentence)) continue;
      for (const clause of sentence.split(CLAUSE_BREAK)) {
        const assessment = assessmentIn(clause);
        if (!assessment) continue;
        for (const ref of refsAfterEachParagraphWord(clause).flat()) {
          evaluations.push({
            paragraph: ref.paragraph,
            subparagraphs: ref.subparagraphs,
            grade: null,
            assessment,
            stated: [assessment],
            requests: [],
            text: sentence,
            lines: p.lines,
            source: 'words',
          });
        }
      }
    }
  }
  return { asked, evaluations };
}

export function parseListOfIssues(blocks: readonly Block[], header: DocumentHeader): Partial<ParsedDocument> {
  const base = parseOther(blocks, header);
  const { asked, evaluations } = followUpInWords(base.paragraphs ?? []);
  const paragraphs = asked.length ? asked : [...new Set(evaluations.map((e) => e.paragraph))];
  const warnings = asked.filter((p) => !evaluations.some((e) => e.paragraph === p)).map((p) => `Follow-up paragraph ${p} is named but its implementation is not assessed in the part read.`);
  return { ...base, followUp: { paragraphs, evaluations }, warnings };
}
