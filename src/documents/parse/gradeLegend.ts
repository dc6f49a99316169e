import type { Assessment, LegendEntry } from '../schema.js';

/**
 * The grade legend a follow-up report prints: CCPR's A–E ("A Reply/action largely
 * satisfactory: ..."), its older B1/B2, C1/C2, D1/D2 in table cells ("|B1 |Substantive action
 * taken ... |"), CED's letters with unlabelled sub-categories on the lines after. A legend gives
 * the meaning of each letter; it is never a grade.
 */

/** "A Reply/action ...", or with a full stop as CED printed it in 2016: "A. Reply/action satisfactory". */
const ENTRY = /^([A-E][1-3]?)\.?\s+(\p{Lu}.*)$/u;
/** A letter alone on its line, its words on the next (CCPR's French legend of 2017). */
const LONE_LETTER = /^([A-E][1-3]?)\.?$/;
/** Words every legend line uses, so that "A.Introduction" or "B Positive aspects" are not taken. */
const LEGEND_WORDS =
  /\b(?:reply|response|action|satisfactory|cooperation|contrary|information|measures|réponse|mesures?|satisfaisantes?|insatisfaisantes?|coopération|contraires?|renseignements|informations|respuesta|medidas?|satisfactorias?|cooperación|contrari[oa]s?|información)(?!\p{L})/iu;

const MEANINGS: Array<[RegExp, Assessment]> = [
  [/\bcontrary\b|\brejection\b|\bcontraires?\b|\brejet\b|\bcontrari[oa]s?\b|\brechazo\b/i, 'contrary to the recommendation'],
  [
    /\bno\s+(?:cooperation|reply|response|follow-up report)\b|\bnot\s+received\b|\babsence\s+de\s+(?:coopération|réponse)|\baucun\s+rapport\s+de\s+suivi|\b(?:falta|ausencia)\s+de\s+(?:cooperación|respuesta)|\bno\s+se\s+ha\s+recibido/iu,
    'no information',
  ],
  [/\bpartially\b|\binitial action\b|\bsubstantive action\b|\bpartiellement\b|\bparcialmente\b/i, 'partially implemented'],
  [/\bnot\s+satisfactory\b|\bdoes?\s+not\s+implement\b|\bnot\s+relevant\b|\binsatisfaisante|\bnon\s+satisfaisante|\bpas\s+satisfaisante|\bno\s+satisfactoria/iu, 'not implemented'],
  [/\bsatisfactory\b|\bsatisfaisante|\bsatisfactoria/iu, 'implemented'],
];

/** What a legend's words for a letter mean, in the terms the rest of Rapporteur uses. */
export function legendMeaning(label: string): Assessment | null {
  return MEANINGS.find(([re]) => re.test(label))?.[1] ?? null;
}

/** A table row's cells run together: "|B1 |Substantive action ... |" reads "B1 Substantive action ...". */
export function cellText(text: string): string {
  return text.includes('|') ? text.split('|').map((c) => c.trim()).filter(Boolean).join(' ') : text;
}

/** Reads legend lines as a report walks past them; other lines are left alone. */
export class LegendReader {
  readonly entries: LegendEntry[] = [];
  private open = false;
  private loneLetter: string | null = null;

  /** Takes the line if it belongs to the legend; says whether it did. */
  take(raw: string): boolean {
    const text = cellText(raw).slice(0, 400);
    if (/^(?:assessment of replies|assessment criteria|critères d['’]évaluation|nouvelle classification des réponses|evaluación de las respuestas|criterios de evaluación)/iu.test(text)) {
      this.open = true;
      return true;
    }
    const letter = this.loneLetter;
    this.loneLetter = null;
    const alone = LONE_LETTER.exec(text);
    // The first letter opens a legend; the others continue one.
    if (alone && (this.open || alone[1] === 'A')) {
      this.loneLetter = alone[1]!;
      return true;
    }
    const m = letter && LEGEND_WORDS.test(text) ? ([text, letter, text] as const) : ENTRY.exec(text);
    if (m && LEGEND_WORDS.test(m[2]!)) {
      const label = m[2]!.replace(/\s+\.$/, '.').trim();
      this.entries.push({ letter: m[1]!, label, meaning: legendMeaning(label) });
      this.open = true;
      return true;
    }
    // A table's rows without a letter head a category of the letters below them ("|Reply/action not satisfactory |").
    if (this.open && raw.includes('|')) return true;
    // CED prints a letter's explanation, and its sub-categories, on the lines after the letter.
    const last = this.entries[this.entries.length - 1];
    if (this.open && last && text.length <= 300 && !/^\d/.test(text) && LEGEND_WORDS.test(text)) {
      last.label = `${last.label}; ${text}`;
      last.meaning ??= legendMeaning(text);
      return true;
    }
    this.open = false;
    return false;
  }
}
