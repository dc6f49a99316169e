import { randomUUID } from 'node:crypto';
import type { Compilable, CompiledQuery, QueryResult } from 'kysely';

/** What a prepared query may be given: values that always become parameters, never a missing one. */
export type Values = Record<string, string | number | bigint | null>;

interface Template {
  compiled: CompiledQuery;
  /** Per parameter, the name of the value it takes, or the constant the query was built with. */
  slots: Array<{ name: string } | { constant: unknown }>;
}

/**
 * Queries of a fixed shape, built and compiled once and then run with new values. Kysely builds
 * and compiles a query anew on every call, which on SQLite costs more than running it: for the
 * queries every answer makes, that was a fifth of an answer's CPU. Each shape is built once with
 * a stand-in for every value (a string no value can be), and the stand-ins are found among the
 * compiled query's parameters; a later call puts its values in their places.
 */
export class PreparedQueries {
  private readonly templates = new Map<string, Template>();
  private readonly marker = `\u0000${randomUUID()}\u0000`;

  constructor(private readonly db: { executeQuery<R>(query: CompiledQuery<R>): Promise<QueryResult<R>> }) {}

  /**
   * Runs the query `build` makes of `values`. `shape` names the query and every choice `build`
   * makes that changes its SQL (an optional filter present or not); the values must only ever
   * be bound as parameters.
   */
  run<V extends Values, R>(shape: string, values: V, build: (values: V) => Compilable<R>): Promise<QueryResult<R>> {
    let template = this.templates.get(shape);
    if (!template) {
      template = this.prepare(values, build);
      this.templates.set(shape, template);
    }
    const parameters = template.slots.map((slot) => ('name' in slot ? values[slot.name] : slot.constant));
    return this.db.executeQuery({ ...(template.compiled as CompiledQuery<R>), parameters });
  }

  private prepare<V extends Values, R>(values: V, build: (values: V) => Compilable<R>): Template {
    const standIns = Object.fromEntries(Object.keys(values).map((name) => [name, `${this.marker}${name}`])) as unknown as V;
    const compiled = build(standIns).compile();
    // A value that went into the SQL text instead of a parameter would be run with the stand-in.
    if (compiled.sql.includes(this.marker)) throw new Error(`prepared query ${compiled.sql.slice(0, 80)}: a value is not a parameter`);
    const slots = compiled.parameters.map((p) => (typeof p === 'string' && p.startsWith(this.marker) ? { name: p.slice(this.marker.length) } : { constant: p }));
    return { compiled, slots };
  }
}
