import { franc } from 'franc-min';
import { z } from 'zod';

/** The six official languages of the United Nations, as the documents are issued in them. */
export const Language = z.enum(['en', 'fr', 'es', 'ar', 'zh', 'ru']);
export type Language = z.infer<typeof Language>;

/** The languages whose body Rapporteur reads; the others are named and their body left unread. */
export const READ_LANGUAGES = ['en', 'fr', 'es'] as const satisfies readonly Language[];
export type ReadLanguage = (typeof READ_LANGUAGES)[number];

export const isReadLanguage = (l: Language | null): l is ReadLanguage => l !== null && (READ_LANGUAGES as readonly string[]).includes(l);

const BY_FRANC: Record<string, Language> = { eng: 'en', fra: 'fr', spa: 'es', arb: 'ar', cmn: 'zh', rus: 'ru' };
const ONLY = Object.keys(BY_FRANC);

/** Enough prose to tell the six languages apart: franc's trigram counts cost as much as the text is long. */
const SAMPLE = 800;

/** The language a document is written in, or null when too little of it is prose to tell. */
export function detectLanguage(text: string): Language | null {
  // Past the first lines (symbols, dates and names, alike in every version) when the document is long enough.
  const start = text.length > SAMPLE * 3 ? SAMPLE : 0;
  const found = franc(text.slice(start, start + SAMPLE), { only: ONLY, minLength: 20 });
  return BY_FRANC[found] ?? null;
}

export const LANGUAGE_NAMES: Record<Language, string> = {
  en: 'English',
  fr: 'French',
  es: 'Spanish',
  ar: 'Arabic',
  zh: 'Chinese',
  ru: 'Russian',
};
