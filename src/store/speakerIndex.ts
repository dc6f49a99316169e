import type { Kysely } from 'kysely';
import type { Database } from './tables.js';

export interface SpeakerEntry {
  key: string;
  name: string;
  interventions: number;
}

const SPEAKER_CACHE_MS = 60_000;

/** Everyone who has spoken or chaired, for matching names a user types; cached briefly, dropped on writes. */
export class SpeakerIndex {
  private cache: { at: number; entries: SpeakerEntry[] } | null = null;
  private load: Promise<SpeakerEntry[]> | null = null;

  constructor(private readonly db: Kysely<Database>) {}

  async speakers(): Promise<SpeakerEntry[]> {
    const now = Date.now();
    if (this.cache && now - this.cache.at < SPEAKER_CACHE_MS) return this.cache.entries;
    // One read for everyone who asks while it runs.
    this.load ??= this.read().finally(() => {
      this.load = null;
    });
    return this.load;
  }

  invalidate(): void {
    this.cache = null;
  }

  private async read(): Promise<SpeakerEntry[]> {
    const rows = await this.db.selectFrom('speakers').selectAll().execute();
    const chairs = await this.db.selectFrom('documents').select(['chair_key', 'chair']).where('chair_key', 'is not', null).distinct().execute();
    const entries = rows.map((r) => ({ key: r.key, name: r.name, interventions: Number(r.interventions) }));
    const known = new Set(entries.map((e) => e.key));
    for (const c of chairs) {
      if (c.chair_key && !known.has(c.chair_key)) {
        known.add(c.chair_key);
        entries.push({ key: c.chair_key, name: String(c.chair), interventions: 0 });
      }
    }
    this.cache = { at: Date.now(), entries };
    return entries;
  }
}
