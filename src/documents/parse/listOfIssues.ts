import { findDates } from '../../domain/dates.js';
import type { Block } from '../read/blocks.js';
import type { GradedGroup, Paragraph, ParagraphRef, ParsedDocument } from '../schema.js';
import { assessmentIn, splitSentences } from './assessment.js';
import { sessionIn } from './common.js';
import { parseOther } from './other.js';
import type { DocumentHeader } from './header.js';
import { refsAfterEachParagraphWord } from './references.js';

/**
 * A list of issues (".../Q/n", ".../QPR/n", the older "CCPR/C/73/L/HUN"): its numbered
 * questions. CAT's lists of issues prior to reporting open by assessing, in words, the follow-up
 * to the previous concluding observations ("the recommendations in paragraphs 15 and 27 ... have
 * been partially implemented", "le Comité estime que les recommandations ... n'ont pas été appliquées à
 * ce jour", "el Comité considera que ... se han aplicado parcialmente"): those are follow-up
 * evaluations with no letter.
 */

/** The clauses of an assessing sentence, each about its own paragraphs. */
const CLAUSE_BREAK = /;|\band that\b|\bwhile\b|\bwhereas\b|,\s*but\b|\bet que\b|\btandis que\b|\balors que\b|,\s*mais\b|\by que\b|\bmientras que\b|,\s*pero\b/i;
/** The list's title, which ends its head: "List of issues ...", "Liste de points ...", "Lista de cuestiones ...". */
const LIST_TITLE = /^(?:list of (?:issues|themes)\b|list[ea]\s+(?:de|des)\s+(?:points|questions|cuestiones|th[èe]mes|temas)\b)(?!\s*:)/iu;
/** "requested the State party to provide", "a demandé à l'État partie de lui faire parvenir", "solicitó al Estado parte que proporcionara". */
const ASKED =
  /\b(?:requested|asked)\b[^.]{0,200}\b(?:provide|submit|send|furnish|report)\b|\b(?:demandé|prié)(?!\p{L})[^.]{0,200}\b(?:fournir|faire\s+parvenir|communiquer|soumettre|présenter)|\b(?:solicitó|pidió)(?!\p{L})[^.]{0,200}\b(?:proporcion|facilit|present|remiti|suministr|envi)/iu;
/** A sentence in which the committee assesses, or whose subject is the recommendation assessed ("La recommandation figurant au paragraphe 32 n'a pas été appliquée"). */
const ASSESSING = /\bconsider(?:s|ed)?\b|\bassess|\bconsidère\b|\bestime\b|\bconsidera\b|\bestima\b|^(?:the|la|les|las?)\s+(?:recommendations?|recommandations?|recomendaci(?:ón|ones))\b/iu;
/** "(see paras. 6 ... of the present document)", "(voir le paragraphe 34 du présent document)": pointers into the list itself. */
const OWN_POINTER = /\((?:[^()]|\([a-z]{1,4}\)){0,200}(?:\bof the present (?:document|list)|\bdu présent document|\bde la présente liste|\bdel presente documento|\bde la presente lista)\)/giu;
/** "these recommendations", "ces recommandations", "dichas recomendaciones": all those asked for. */
const ALL_ASKED =
  /\b(?:these|those|all|the above|the said)\s+(?:\w+\s+)?recommendations\b|\b(?:ces|ses|toutes\s+les)\s+recommandations\b|\b(?:estas|esas|dichas|sus|todas\s+las)\s+recomendaciones\b/iu;

function followUpInWords(paragraphs: readonly Paragraph[]): { asked: number[]; evaluations: GradedGroup[] } {
  const askedRefs: ParagraphRef[] = [];
  const evaluations: GradedGroup[] = [];
  // The assessment opens the list; a copy cut off after paragraph 1 has no numbered body, only blocks.
  const numbered = paragraphs.filter((p) => p.number !== null);
  const opening = numbered.length > 0 ? numbered.slice(0, 3) : paragraphs.slice(0, 12);
  for (const p of opening) {
    if (!/follow-?up|\bsuivi\b|\bsuite\s+donnée|\bseguimiento\b/i.test(p.text)) continue;
    for (const sentence of splitSentences(p.text)) {
      if (askedRefs.length === 0 && ASKED.test(sentence)) {
        // "In its previous concluding observations (para. 49) ... (paras. 12, 17 and 22)": the last list is what was asked.
        askedRefs.push(...(refsAfterEachParagraphWord(sentence).at(-1) ?? []));
      }
      if (!ASSESSING.test(sentence)) continue;
      for (const clause of sentence.split(CLAUSE_BREAK)) {
        const assessment = assessmentIn(clause);
        if (!assessment) continue;
        // "(see paras. 6, 4 (d) and 5 (b), respectively, of the present document)" points into the list itself.
        const own = clause.replace(OWN_POINTER, '');
        const named = refsAfterEachParagraphWord(own).flat();
        // "the Committee considers that these recommendations have been partially implemented": all those asked for.
        const refs = named.length === 0 && ALL_ASKED.test(own) ? askedRefs : named;
        for (const ref of refs) {
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
  return { asked: askedRefs.map((r) => r.paragraph), evaluations };
}

/** A copy that lost its first lines, "Distr." with them, still opens with the date alone on its line: "16 October 2015". */
function bareDateAtTop(blocks: readonly Block[]): string | null {
  for (const b of blocks.slice(0, 6)) {
    // The title ends the head; a catalogue's "List of issues : Germany. 13/01/98." line does not.
    if (LIST_TITLE.test(b.text)) break;
    const date = findDates(b.text)[0];
    if (date && date.text.length === b.text.trim().length) return date.iso;
  }
  return null;
}

/**
 * The session a list names before or in its title ("Hundredth session", "adopted by the Committee at
 * its 106th session"); the introduction after the title cites others ("At its thirty-eighth session ...
 * established an optional procedure"). Word-era copies glue words: "COMMITTEENinety-seventh sessionGeneva".
 */
function sessionOfList(blocks: readonly Block[]): number | null {
  const head: string[] = [];
  for (const b of blocks.slice(0, 30)) {
    if (b.footnote) continue;
    head.push(b.text.slice(0, 600));
    if (LIST_TITLE.test(b.text)) break;
  }
  return sessionIn(head.join('\n').replace(/([A-Z]{2})([A-Z][a-z])/g, '$1 $2').replace(/([a-z])([A-Z])/g, '$1 $2'));
}

export function parseListOfIssues(blocks: readonly Block[], header: DocumentHeader): Partial<ParsedDocument> {
  const base = parseOther(blocks, header);
  const issued = header.issued ?? bareDateAtTop(blocks);
  const session = sessionOfList(blocks);
  const { asked, evaluations } = followUpInWords(base.paragraphs ?? []);
  const paragraphs = asked.length ? asked : [...new Set(evaluations.map((e) => e.paragraph))];
  const warnings = asked.filter((p) => !evaluations.some((e) => e.paragraph === p)).map((p) => `Follow-up paragraph ${p} is named but its implementation is not assessed in the part read.`);
  return { ...base, issued, session, followUp: { paragraphs, evaluations }, warnings };
}
