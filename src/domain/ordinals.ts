/**
 * English ordinal and cardinal number words as UN documents print them:
 * "Thirty-third", "one hundred and fourth", "ninety-ninth", "33rd", "two".
 */
const UNITS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9,
  ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16,
  seventeen: 17, eighteen: 18, nineteen: 19,
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9,
  tenth: 10, eleventh: 11, twelfth: 12, thirteenth: 13, fourteenth: 14, fifteenth: 15,
  sixteenth: 16, seventeenth: 17, eighteenth: 18, nineteenth: 19,
};
const TENS: Record<string, number> = {
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
  twentieth: 20, thirtieth: 30, fortieth: 40, fiftieth: 50, sixtieth: 60, seventieth: 70,
  eightieth: 80, ninetieth: 90,
};
const SCALES: Record<string, number> = { hundred: 100, hundredth: 100, thousand: 1000, thousandth: 1000 };

/** A number written in words or digits (with or without an ordinal suffix), or null. */
export function wordsToNumber(input: string): number | null {
  const trimmed = input.trim().toLowerCase();
  const digits = /^(\d{1,6})(?:st|nd|rd|th)?$/.exec(trimmed);
  if (digits) return Number(digits[1]);
  const words = trimmed.split(/[\s-]+/).filter((w) => w !== 'and');
  if (words.length === 0) return null;
  let total = 0;
  let current = 0;
  let seen = false;
  for (const word of words) {
    if (word in UNITS) current += UNITS[word]!;
    else if (word in TENS) current += TENS[word]!;
    else if (word in SCALES) {
      const scale = SCALES[word]!;
      current = (current || 1) * scale;
      if (scale >= 1000) {
        total += current;
        current = 0;
      }
    } else return null;
    seen = true;
  }
  return seen ? total + current : null;
}

/**
 * The ordinal that ends `text`, reading as many words backwards as still form a number:
 * "at its one hundred and fourth" gives 104.
 */
export function trailingOrdinal(text: string): number | null {
  const words = text.trim().split(/\s+/);
  let best: number | null = null;
  for (let take = 1; take <= Math.min(6, words.length); take++) {
    const value = wordsToNumber(words.slice(words.length - take).join(' '));
    if (value !== null) best = value;
    else if (take > 1 && !/^and$/i.test(words[words.length - take]!)) break;
  }
  return best;
}

export function ordinalSuffix(n: number): string {
  const mod100 = n % 100;
  if (mod100 >= 11 && mod100 <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}

const NUMBER_WORDS = [...Object.keys(UNITS), ...Object.keys(TENS), ...Object.keys(SCALES), 'and'].sort((a, b) => b.length - a.length);
const NUMBER_WORD = new RegExp(NUMBER_WORDS.join('|'), 'gy');

/**
 * A number written in words whose spaces and hyphens a conversion lost or misplaced:
 * "Fiftyfifth", "Six ty- second", "Ninety-nin th" give 55, 62, 99; null when the letters
 * are not number words from end to end.
 */
export function gluedNumber(input: string): number | null {
  const letters = input.toLowerCase().replace(/[\s-]+/g, '');
  if (letters === '' || letters.length > 60 || /[^a-z]/.test(letters)) return null;
  NUMBER_WORD.lastIndex = 0;
  const words: string[] = [];
  let end = 0;
  for (const m of letters.matchAll(NUMBER_WORD)) {
    words.push(m[0]);
    end = m.index + m[0].length;
  }
  return end === letters.length ? wordsToNumber(words.join(' ')) : null;
}

/**
 * French and Spanish number words, cardinal and ordinal, without accents: records print
 * "Quatre-vingt-dix-neuvième session", "Cinquante et unième", "décima sesión",
 * "sexagésimo cuarto período de sesiones". French counts 70 and 90 on from 60 and 80
 * ("soixante-dix", "quatre-vingt-dix"), which adding the words gives.
 */
const FR_ES_UNITS: Record<string, number> = {
  un: 1, une: 1, unieme: 1, premier: 1, premiere: 1, deux: 2, deuxieme: 2, second: 2, seconde: 2,
  trois: 3, troisieme: 3, quatre: 4, quatrieme: 4, cinq: 5, cinquieme: 5, six: 6, sixieme: 6,
  sept: 7, septieme: 7, huit: 8, huitieme: 8, neuf: 9, neuvieme: 9, dix: 10, dixieme: 10,
  onze: 11, onzieme: 11, douze: 12, douzieme: 12, treize: 13, treizieme: 13, quatorze: 14,
  quatorzieme: 14, quinze: 15, quinzieme: 15, seize: 16, seizieme: 16,
  primer: 1, primero: 1, primera: 1, segundo: 2, segunda: 2, tercer: 3, tercero: 3, tercera: 3,
  cuarto: 4, cuarta: 4, quinto: 5, quinta: 5, sexto: 6, sexta: 6, septimo: 7, septima: 7,
  setimo: 7, octavo: 8, octava: 8, noveno: 9, novena: 9, decimo: 10, decima: 10,
  undecimo: 11, undecima: 11, duodecimo: 12, duodecima: 12,
};
const FR_ES_TENS: Record<string, number> = {
  vingt: 20, vingtieme: 20, trente: 30, trentieme: 30, quarante: 40, quarantieme: 40,
  cinquante: 50, cinquantieme: 50, soixante: 60, soixantieme: 60, quatrevingt: 80, quatrevingts: 80,
  quatrevingtieme: 80, vigesimo: 20, vigesima: 20, trigesimo: 30, trigesima: 30, cuadragesimo: 40,
  cuadragesima: 40, quincuagesimo: 50, quincuagesima: 50, sexagesimo: 60, sexagesima: 60,
  septuagesimo: 70, septuagesima: 70, octogesimo: 80, octogesima: 80, nonagesimo: 90, nonagesima: 90,
};
const FR_ES_HUNDREDS: Record<string, number> = { cent: 100, centieme: 100, cents: 100, centesimo: 100, centesima: 100 };
const FR_ES_WORDS = [...Object.keys(FR_ES_UNITS), ...Object.keys(FR_ES_TENS), ...Object.keys(FR_ES_HUNDREDS), 'et', 'y']
  .sort((a, b) => b.length - a.length);
const FR_ES_WORD = new RegExp(FR_ES_WORDS.join('|'), 'gy');

const foldLetters = (input: string): string =>
  input.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().replace(/[\s-]+/g, '');

/**
 * A French or Spanish number in words, also with its spaces lost or misplaced by a
 * conversion ("Quatorzième", "Quarante - cin qu ième", "decimotercer"); null when the
 * letters are not number words from end to end.
 */
export function frenchSpanishNumber(input: string): number | null {
  const letters = foldLetters(input);
  if (letters === '' || letters.length > 60 || /[^a-z]/.test(letters)) return null;
  FR_ES_WORD.lastIndex = 0;
  let total = 0;
  let current = 0;
  let end = 0;
  let seen = false;
  for (const m of letters.matchAll(FR_ES_WORD)) {
    if (m.index !== end) return null;
    end = m.index + m[0].length;
    const word = m[0];
    if (word === 'et' || word === 'y') continue;
    if (word in FR_ES_HUNDREDS) {
      total += (current || 1) * 100;
      current = 0;
    } else current += FR_ES_UNITS[word] ?? FR_ES_TENS[word]!;
    seen = true;
  }
  return seen && end === letters.length ? total + current : null;
}

/** The French or Spanish number that ends `text`: "du Comité Centième" gives 100. */
export function trailingFrenchSpanishNumber(text: string): number | null {
  const words = text.trim().split(/\s+/).slice(-8);
  let best: number | null = null;
  for (let take = 1; take <= words.length; take++) {
    const value = frenchSpanishNumber(words.slice(words.length - take).join(' '));
    if (value !== null) best = value;
  }
  return best;
}
