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
