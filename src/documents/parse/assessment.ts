import type { Assessment } from '../schema.js';

/** "mise en œuvre", "mises en oeuvre", "appliquée", "appliquées": French for "implemented". */
const FR_DONE = String.raw`(?:mise?s?\s+en\s+(?:œuvre|oeuvre)|appliquée?s?)`;
/** "aplicado", "aplicada", "cumplido": Spanish for "implemented". */
const ES_DONE = String.raw`(?:aplicad[oa]s?|cumplid[oa]s?)`;
/** "plenamente", "pleinement": "fully", which "not" before it makes "not fully" (a partial verdict the text does not give). */
const FULLY = String.raw`(?:pleinement|entièrement|intégralement|plenamente|totalmente|íntegramente|en\s+su\s+totalidad)`;

/**
 * What a committee's assessment sentence says, in the words of the current follow-up
 * methodology, in English, French and Spanish. Letters are not trusted: they differ between
 * committees and over time. The order matters: "partially" and "not" before "implemented".
 */
const MEANINGS: Array<[RegExp, Assessment]> = [
  [/\bcontrary to\b|\breflects?\s+(?:a\s+)?rejection\b|\bcontraires?\s+(?:à|aux)\s|\brejet\s+de\s+la\s+recommandation|\bcontrari[oa]s?\s+a\s+la\s+recomendaci|\brechazo\s+de\s+la\s+recomendaci/iu, 'contrary to the recommendation'],
  [
    new RegExp(
      [
        String.raw`\bno\s+(?:information|reply|response)\s+(?:was|has\s+been|had\s+been)\s+(?:received|provided|submitted)|\bnot\s+(?:received|provided)\s+(?:any\s+)?information\b|\bno information\b`,
        String.raw`\baucun(?:e)?\s+(?:renseignement|information|réponse|rapport\s+de\s+suivi)|\bpas\s+reçu\s+(?:de\s+|d['’]\s*)(?:renseignements?|informations?|réponse)|\babsence\s+de\s+(?:réponse|renseignements)`,
        String.raw`\bno\s+(?:se\s+)?ha(?:n|bía)?\s+recibido\s+(?:ninguna\s+|ningún\s+)?(?:información|respuesta|informe)|\bningun[ao]\s+(?:información|respuesta)|\bfalta\s+de\s+(?:respuesta|información)|\bsin\s+información\b`,
      ].join('|'),
      'iu',
    ),
    'no information',
  ],
  [
    new RegExp(
      String.raw`\b(?:partially|partly)\s+implemented\b|\bpartial\s+implementation\b|\bpartiellement\b|\ben\s+partie\s+${FR_DONE}|${FR_DONE}\s+en\s+partie\b|\b(?:mise\s+en\s+(?:œuvre|oeuvre)|application)\s+partielle\b|\bparcialmente\b|\b${ES_DONE}\s+en\s+parte\b|\b(?:aplicación|cumplimiento)\s+parcial\b`,
      'iu',
    ),
    'partially implemented',
  ],
  [
    new RegExp(
      [
        String.raw`\bnot\s+(?:(?:yet|been)\s+)*implemented\b|\bno\s+(?:action|measures?)\s+(?:has|have)\s+been\s+taken\b`,
        String.raw`\bn['’]\s*(?:a|ont)\s+(?:toujours\s+)?pas\s+(?:encore\s+)?été\s+${FR_DONE}|\baucune\s+mesure\s+n['’]\s*a\s+été\s+prise`,
        String.raw`\bno\s+se\s+ha(?:n)?\s+(?:aplicado|cumplido)(?!\s+${FULLY})|\bno\s+ha(?:n)?\s+sido\s+${ES_DONE}(?!\s+${FULLY})|\bno\s+se\s+ha(?:n)?\s+adoptado\s+(?:ninguna\s+)?medidas?`,
      ].join('|'),
      'iu',
    ),
    'not implemented',
  ],
  [
    new RegExp(
      [
        String.raw`\b(?:has|have)\s+been\s+(?:fully\s+|almost\s+fully\s+|sufficiently\s+|largely\s+|substantially\s+)?implemented\b|\b(?:sufficiently|largely|substantially)\s+implemented\b`,
        String.raw`\b(?:a|ont)\s+été\s+(?:${FULLY}\s+|largement\s+|suffisamment\s+)?${FR_DONE}`,
        String.raw`\bse\s+ha(?:n)?\s+(?:aplicado|cumplido)|\bha(?:n)?\s+sido\s+${ES_DONE}`,
      ].join('|'),
      'iu',
    ),
    'implemented',
  ],
];

/** Sentences in which the committee gives its assessment. */
/** Matched against the sentence in lower case: a case-blind Unicode pattern is several times slower to run. */
const ASSESSING = /\bconsiders?\b|\bassess(?:es|ment)?\b|\bconcludes?\b|\bconsidère\b|\bestime\b|\bconclut\b|(?<!\p{L})évalu|\bconsidera\b|\bestima\b|\bconcluye\b|\bevalu/u;

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
    if (!ASSESSING.test(sentence.toLowerCase())) continue;
    const meaning = MEANINGS.find(([re]) => re.test(sentence))?.[1];
    if (meaning) found.push(meaning);
  }
  return found;
}

/** Matched against the sentence in lower case, as ASSESSING is. */
const REQUESTING =
  /\brequests?\b|\bnext periodic report\b|\breiterates its recommendation\b|\bencourages the state party to (?:provide|take|submit)\b|\bdemande\b|\bprie\b|\bprochain rapport\b|\bréitère sa recommandation|\bsolicita\b|\bpide\b|\bpróximo informe\b|\breitera su recomendaci/u;

/** What the committee asks for next, in its own sentences. */
export function requestSentences(text: string): string[] {
  return splitSentences(text).filter((s) => REQUESTING.test(s.toLowerCase()));
}
