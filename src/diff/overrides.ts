/**
 * Overrides in Supabase's `MergeDeep<DatabaseGenerated, {…}>` pattern are hand-written and never regenerated, so
 * they go stale silently: a renamed column keeps its override and the app's types lie. Each override must still
 * name a schema, table or view, column, function, enum or composite type the database has.
 *
 * A narrower type in an override (the usual fix for the generator typing every view column nullable) is the
 * point of the pattern, so types are not compared here: the generated file is compared with the database.
 */
import type { SchemaModel } from '../model/schema.js';
import { makeFinding, type Finding } from '../findings/finding.js';

type Named = { schema: string; name: string };

export function staleOverrides(types: SchemaModel, db: SchemaModel): Finding[] {
  const overrides = types.overrides;
  if (!overrides) return [];
  const out: Finding[] = [];
  const index = <T extends Named>(list: T[]) => new Map(list.map((x) => [JSON.stringify([x.schema, x.name]), x]));
  const relations = index<Named & { columns: { name: string }[] }>([...db.tables, ...db.views]);
  const functions = index(db.functions);
  const enums = index(db.enums);
  const composites = index(db.compositeTypes);
  const stale = (
    o: Named & { location?: Finding['location'] },
    what: string,
    column?: { name: string; location?: Finding['location'] },
  ) =>
    out.push(
      makeFinding({
        code: 'types_override_stale',
        schema: o.schema,
        object: o.name,
        ...(column ? { column: column.name } : {}),
        location: column?.location ?? o.location,
        message: `the override of ${what} ${o.schema}.${o.name}${column ? `.${column.name}` : ''} names nothing the database has`,
      }),
    );
  for (const rel of [...overrides.tables, ...overrides.views]) {
    const real = relations.get(JSON.stringify([rel.schema, rel.name]));
    if (!real) {
      stale(rel, 'table or view');
      continue;
    }
    const columns = new Set(real.columns.map((c) => c.name));
    for (const c of rel.columns) if (!columns.has(c.name)) stale(rel, 'column', c);
  }
  for (const f of overrides.functions) if (!functions.has(JSON.stringify([f.schema, f.name]))) stale(f, 'function');
  for (const e of overrides.enums) if (!enums.has(JSON.stringify([e.schema, e.name]))) stale(e, 'enum');
  for (const c of overrides.compositeTypes)
    if (!composites.has(JSON.stringify([c.schema, c.name]))) stale(c, 'composite type');
  return out;
}
