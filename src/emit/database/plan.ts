/**
 * `diff --emit`: database ⇄ database deltas → the statements of the migration that turns FROM into TO, in
 * dependency order. One generator per object kind (this folder); the phases (statement.ts) order them: enum labels
 * before the transaction; then what stands in the way is taken off (triggers, policies, views, constraints,
 * indexes, functions to recreate); schemas, extensions, types, sequences, tables, columns, constraints, indexes,
 * foreign keys, validation, alterations, functions, views, row level security, policies, triggers, privileges,
 * publications; drops last. Within a phase, generators run in the order below, and views follow their dependencies.
 */
import type { DbDelta } from '../../diff/database/pair.js';
import type { DbKind } from '../../findings/database.js';
import { dbCode } from '../../findings/database.js';
import type { SchemaModel, Table, View } from '../../model/schema.js';
import { quoteQualified } from '../../model/quote.js';
import { executes } from '../plan.js';
import { PHASE_ORDER, type Statement } from '../statement.js';
import { compositeTypeStatements } from './compositeType.js';
import { columnStatements } from './column.js';
import { constraintKind, DbEmitContext, type DbEmitOptions } from './context.js';
import { constraintStatements } from './constraint.js';
import { enumStatements } from './enum.js';
import { extensionStatements } from './extension.js';
import { functionStatements } from './function.js';
import { grantStatements } from './grant.js';
import { indexStatements } from './indexes.js';
import { policyStatements } from './policy.js';
import { publicationStatements } from './publication.js';
import { rlsDeltaStatements } from './rls.js';
import { schemaStatements } from './schema.js';
import { sequenceStatements } from './sequence.js';
import { tableStatements } from './table.js';
import { triggerStatements } from './trigger.js';
import { viewOrder, viewStatements } from './view.js';

type Generator = (d: DbDelta, ctx: DbEmitContext) => Statement[];

/** Every kind's generator, in the order they run (which orders statements within one phase). */
const GENERATORS: Array<[DbKind, Generator]> = [
  ['trigger', triggerStatements],
  ['policy', policyStatements],
  ['view', viewStatements],
  ['constraint', constraintStatements],
  ['index', indexStatements],
  ['column', columnStatements],
  ['table', tableStatements],
  ['function', functionStatements],
  ['function_body', functionStatements],
  ['composite_type', compositeTypeStatements],
  ['enum', enumStatements],
  ['sequence', sequenceStatements],
  ['extension', extensionStatements],
  ['rls', rlsDeltaStatements],
  ['grant', grantStatements],
  ['publication', publicationStatements],
];

export interface DbPlan {
  statements: Statement[];
  /** Finding keys of the deltas every statement of which runs (the proof checks they are gone). */
  fixes: Set<string>;
  /** Finding keys of the deltas left to a person (withheld destructive statements, stubs, nothing emitted). */
  left: Set<string>;
}

export interface DbPlanInput {
  deltas: readonly DbDelta[];
  from: SchemaModel;
  to: SchemaModel;
  /** The schemas each database has (all of them, not only those compared). */
  schemas: { from: ReadonlySet<string>; to: ReadonlySet<string> };
  allowDestructive: boolean;
  options?: DbEmitOptions;
}

/** Which object a delta is about (its finding's identity), whatever the definitions compared. */
export function deltaKey(d: DbDelta): string {
  return JSON.stringify([dbCode(d.kind, d.op), d.schema, d.object, d.member ?? null]);
}

export function planDiffMigration(input: DbPlanInput): DbPlan {
  const { deltas, from, to } = input;
  const ctx = new DbEmitContext(from, to, input.schemas, input.options);
  const inScope = new Set(to.schemas);
  const out: Statement[] = [...schemaStatements(input.schemas.from, input.schemas.to, inScope)];
  // A function whose attributes differ is recreated whole: its body comes with it.
  const fnKey = (d: DbDelta) => JSON.stringify([d.schema, d.object, d.member]);
  const recreated = new Set(deltas.filter((d) => d.kind === 'function' && d.op === 'changed').map(fnKey));
  const emitted = new Map<DbDelta, Statement[]>();
  for (const [kind, generate] of GENERATORS) {
    const list = ordered(
      kind,
      deltas.filter((d) => d.kind === kind && !(kind === 'function_body' && recreated.has(fnKey(d)))),
      to,
    );
    const statements: Statement[] = [];
    for (const d of list) {
      const made = generate(d, ctx);
      emitted.set(d, made);
      statements.push(...made);
    }
    out.push(...(kind === 'view' ? viewPhases(statements, from) : statements));
  }
  const dependents = dependentViews(out, deltas, ctx);
  out.unshift(...dependents.drops);
  out.push(...dependents.creates);
  const settings: Statement[] = out.some((s) => s.phase === 'function' || s.phase === 'function_early')
    ? [
        {
          sql: 'set local check_function_bodies = off',
          phase: 'unbind',
          hazards: [],
          notes: [
            'function bodies are checked when they run, not now (as pg_dump does): they may read what comes later',
          ],
        },
      ]
    : [];
  // Stable: the order above is kept within a phase.
  const statements = [...settings, ...PHASE_ORDER.flatMap((p) => out.filter((s) => s.phase === p))];
  const fixes = new Set<string>();
  const left = new Set<string>();
  for (const d of deltas) {
    const made = emitted.get(d) ?? (d.kind === 'function_body' && recreated.has(fnKey(d)) ? undefined : []);
    const key = deltaKey(d);
    if (made === undefined) continue;
    if (made.length && made.every((s) => executes(s, input.allowDestructive))) fixes.add(key);
    else left.add(key);
  }
  for (const d of deltas)
    if (d.kind === 'function_body' && recreated.has(fnKey(d))) {
      const parent = deltas.find((x) => x.kind === 'function' && fnKey(x) === fnKey(d))!;
      (fixes.has(deltaKey(parent)) ? fixes : left).add(deltaKey(d));
    }
  return { statements, fixes, left };
}

/** Deltas of one kind in the order their statements must run. */
function ordered(kind: DbKind, list: DbDelta[], to: SchemaModel): DbDelta[] {
  if (kind === 'constraint') {
    // Foreign keys are taken off before the keys they reference.
    const fk = (d: DbDelta) =>
      constraintKind((d.left as { definition?: string } | undefined)?.definition ?? '') === 'foreign';
    return [...list.filter(fk), ...list.filter((d) => !fk(d))];
  }
  if (kind === 'table')
    return [...list.filter((d) => d.op !== 'removed'), ...dropOrder(list.filter((d) => d.op === 'removed'))];
  if (kind === 'view') {
    const pos = new Map(viewOrder(to.views).map((v, i) => [JSON.stringify([v.schema, v.name]), i]));
    const at = (d: DbDelta) => pos.get(JSON.stringify([d.schema, d.object])) ?? -1;
    return [...list].sort((a, b) => at(a) - at(b));
  }
  return list;
}

/** Tables to drop, each before the tables it references. */
function dropOrder(list: DbDelta[]): DbDelta[] {
  const key = (t: { schema: string; name: string }) => JSON.stringify([t.schema, t.name]);
  const out: DbDelta[] = [];
  const seen = new Set<string>();
  const visit = (d: DbDelta) => {
    const t = d.left as Table;
    if (seen.has(key(t))) return;
    seen.add(key(t));
    // Those that reference this one go first.
    for (const other of list) {
      const u = other.left as Table;
      if (
        u !== t &&
        (u.foreignKeys ?? []).some((fk) => key({ schema: fk.referencedSchema, name: fk.referencedTable }) === key(t))
      )
        visit(other);
    }
    out.push(d);
  };
  list.forEach(visit);
  return out;
}

/** View drops run in reverse of FROM's dependency order (a view before those it reads), creations in TO's. */
function viewPhases(statements: Statement[], from: SchemaModel): Statement[] {
  const pos = new Map(viewOrder(from.views).map((v: View, i) => [JSON.stringify([v.schema, v.name]), i]));
  const at = (s: Statement) => pos.get(JSON.stringify([s.dbDelta?.schema, s.dbDelta?.object])) ?? -1;
  const drops = statements.filter((s) => s.phase === 'unbind').sort((a, b) => at(b) - at(a));
  return [...drops, ...statements.filter((s) => s.phase !== 'unbind')];
}

/**
 * Views FROM has that read (directly or through other views) a view this migration drops, or a column whose type it
 * changes: PostgreSQL refuses either while they exist, so they are dropped first and created again from TO's
 * definition, with TO's privileges. Their statements belong to the delta that needs them.
 */
function dependentViews(
  out: Statement[],
  deltas: readonly DbDelta[],
  ctx: DbEmitContext,
): { drops: Statement[]; creates: Statement[] } {
  const key = (x: { schema: string; name: string }) => JSON.stringify([x.schema, x.name]);
  const handled = new Set(
    deltas.filter((d) => d.kind === 'view').map((d) => key({ schema: d.schema, name: d.object })),
  );
  // What is in the way: dropped views, and tables with a retyped column.
  const blocked = new Map<string, DbDelta>();
  for (const s of out)
    if (s.phase === 'unbind' && s.dbDelta?.kind === 'view')
      blocked.set(key({ schema: s.dbDelta.schema, name: s.dbDelta.object }), s.dbDelta);
  for (const d of deltas)
    if (d.kind === 'column' && d.op === 'changed' && d.facts?.includes('type'))
      blocked.set(key({ schema: d.schema, name: d.object }), d);
  if (blocked.size === 0) return { drops: [], creates: [] };
  const views = viewOrder(ctx.from.views);
  const extra: Array<{ view: View; delta: DbDelta }> = [];
  for (const v of views) {
    if (handled.has(key(v))) continue;
    const cause = (v.dependsOn ?? []).map((dep) => blocked.get(key(dep))).find((x) => x !== undefined);
    if (!cause) continue;
    blocked.set(key(v), cause);
    extra.push({ view: v, delta: cause });
  }
  const drops: Statement[] = [];
  for (const { view, delta } of [...extra].reverse())
    drops.push({
      sql: `drop ${view.materialized ? 'materialized view' : 'view'} ${quoteQualified(view.schema, view.name)}`,
      phase: 'unbind',
      hazards: [],
      notes: [`it reads ${delta.object}, which this migration changes: dropped and created again`],
      dbDelta: delta,
    });
  const creates: Statement[] = [];
  for (const { view, delta } of extra) {
    const target = ctx.toView(view.schema, view.name);
    if (!target) continue;
    creates.push(
      ...viewStatements({ ...delta, kind: 'view', op: 'added', left: undefined, right: target } as DbDelta, ctx).map(
        (s) => ({ ...s, dbDelta: delta }),
      ),
    );
  }
  return { drops, creates };
}
