/** Words of a user's search, each searched as text: no quotes, operators or wildcards reach the engine. */
export function searchTerms(query: string): string[] {
  return (foldAccents(query).match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 16);
}

/** "Ünver" and "Unver" search alike on both engines. */
export function foldAccents(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '');
}
