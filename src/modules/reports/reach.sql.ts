import { sql, type RawBuilder } from 'kysely';
import { subtreeEnd } from '../../platform/policy.ts';
import type { ReporterReach } from './reports.scope.ts';

// A reporter reach as SQL fragments, shared by the roll-up and chase repositories. Path ranges use the
// materialised path of jurisdiction_nodes ('/A/B/' .. '/A/B/~'), which is byte-ordered on both dialects.

export const TRUE = sql<boolean>`1 = 1`;
export const FALSE = sql<boolean>`1 = 0`;

/** `<alias>.path` inside the subtree of `path`; everything when path is null. */
export function pathIn(alias: string, path: string | null): RawBuilder<boolean> {
  if (path === null) return TRUE;
  const col = sql.ref(`${alias}.path`);
  return sql<boolean>`(${col} >= ${path} and ${col} < ${subtreeEnd(path)})`;
}

export function levelIn(alias: string, levels: string[]): RawBuilder<boolean> {
  if (levels.length === 0) return FALSE;
  return sql<boolean>`${sql.ref(`${alias}.level_code`)} in (${sql.join(levels)})`;
}

/**
 * Units a reach covers, as a condition on a unit id column. `withIds`: also the form's listed units (who must
 * report); without it only the actor's reach (whose reports may be read).
 */
export function unitIn(column: string, units: NonNullable<ReporterReach['units']>, withIds: boolean): RawBuilder<boolean> {
  const col = sql.ref(column);
  const parts: RawBuilder<boolean>[] = [];
  if (units.unitId) parts.push(sql<boolean>`${col} = ${units.unitId}`);
  if (withIds && units.ids) parts.push(units.ids.length ? sql<boolean>`${col} in (${sql.join(units.ids)})` : FALSE);
  if (units.path) {
    parts.push(sql<boolean>`${col} in (select ru.id from units ru inner join jurisdiction_nodes rn on rn.id = ru.node_id where ${pathIn('rn', units.path)})`);
  }
  return parts.length ? sql<boolean>`(${sql.join(parts, sql` and `)})` : TRUE;
}

/** The id of the child of a level (whose path has `offset` characters) that a descendant's path runs through. */
export function childOf(alias: string, offset: number): RawBuilder<string> {
  return sql<string>`substr(${sql.ref(`${alias}.path`)}, ${sql.lit(offset + 1)}, 26)`;
}
