import type { Compilable, CompiledQuery, QueryResult } from 'kysely';
import type { Executor } from './database.ts';

const MARK = '\u0001fk-param:';

type Template = { compiled: CompiledQuery; slots: (string | null)[] };

/**
 * A query on a hot path (a desk scan), built and compiled once per dialect and then run with new values. Kysely
 * builds an operation tree and compiles it to SQL on every call, which for a small indexed statement costs about as
 * much as the database running it. `build` is called once with placeholders in place of the values; whatever else
 * it puts in the query (constants, a limit) stays as compiled. A placeholder must end up as a bound parameter: one
 * used as SQL text (an identifier, `sql.raw`) is refused when the query is first compiled.
 *
 *   const byId = prepared((ex, p: { id: string }) => ex.selectFrom('nat_tubes').selectAll().where('id', '=', p.id));
 *   const { rows } = await byId(trx, { id });
 */
export function prepared<P extends object, R>(
  build: (ex: Executor, params: P) => Compilable<R>,
): (ex: Executor, values: P) => Promise<QueryResult<R>> {
  const byDialect = new Map<unknown, Template>();
  return (ex, values) => {
    let query: CompiledQuery<R>;
    try {
      const adapter = ex.getExecutor().adapter.constructor;
      let template = byDialect.get(adapter);
      if (!template) {
        template = compileTemplate(ex, build);
        byDialect.set(adapter, template);
      }
      query = bind<R>(template, values);
    } catch (err) {
      return Promise.reject(err);
    }
    return ex.executeQuery<R>(query);
  };
}

function bind<R>({ compiled, slots }: Template, values: object): CompiledQuery<R> {
  const parameters = compiled.parameters.map((constant, i) => {
    const name = slots[i];
    if (name === null || name === undefined) return constant;
    const value = (values as Record<string, unknown>)[name];
    if (value === undefined) throw new Error(`prepared query: no value for "${name}"`);
    return value;
  });
  return { ...compiled, parameters } as CompiledQuery<R>;
}

function compileTemplate<P extends object, R>(ex: Executor, build: (ex: Executor, params: P) => Compilable<R>): Template {
  const placeholders = new Proxy({}, { get: (_target, name) => MARK + String(name) }) as P;
  const compiled = build(ex, placeholders).compile();
  if (compiled.sql.includes(MARK)) throw new Error('prepared query: a placeholder was used as SQL text, not as a value');
  const slots = compiled.parameters.map((p) => (typeof p === 'string' && p.startsWith(MARK) ? p.slice(MARK.length) : null));
  return { compiled, slots };
}
