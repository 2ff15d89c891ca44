/**
 * Database ⇄ database pairing: two full SchemaModels (with their `objects`) → deltas, every fact counting. `left`
 * is FROM, `right` is TO; `added` means TO has it and FROM does not (what a migration from FROM to TO creates).
 *
 * Each delta carries the definitions that were compared, rendered as text, so a finding can show both and an
 * emitter can act on the model objects.
 */
import type { Grant } from '../../model/objects.js';
import type { Constraint, ForeignKey, Index, Policy, SchemaModel, Table, Trigger, View } from '../../model/schema.js';
import type { DbKind } from '../../findings/database.js';
import type { Change } from '../delta.js';
import { pairBy } from '../pair.js';
import { TupleSet } from '../tupleMap.js';
import { normalizeExpression, normalizeQuery } from './normalize.js';

export type DbDelta = Change<unknown> & {
  kind: DbKind;
  schema: string;
  /** The table, view, function, … (for a grant: the object granted on). */
  object: string;
  /** Within the object: the column, constraint, index, policy or trigger, or a function's arguments. */
  member?: string;
  /** The compared definitions, FROM and TO. */
  from?: string;
  to?: string;
  /** Which facts differ, for the message ("type, default"). */
  facts?: string[];
};

export interface DbPairOptions {
  /** Roles whose privileges are the platform's business (Supabase's own roles), not the project's. */
  ignoreGrantee?: (role: string) => boolean;
  /** Extensions every database of this platform has (Supabase preinstalls some). */
  ignoreExtension?: (name: string) => boolean;
}

type Named = { schema: string; name: string };
const byName = <T extends Named>(x: T) => [x.schema, x.name] as const;

/** The same text is the same meaning: parsing (see normalize.ts) is only for texts that differ. */
async function sameExpression(a: string | null | undefined, b: string | null | undefined): Promise<boolean> {
  return (a ?? null) === (b ?? null) || (await normalizeExpression(a)) === (await normalizeExpression(b));
}

async function sameQuery(a: string | null | undefined, b: string | null | undefined): Promise<boolean> {
  return (a ?? null) === (b ?? null) || (await normalizeQuery(a)) === (await normalizeQuery(b));
}

/** Compares field by field; returns the names of the facts that differ. */
function differing<T>(a: T, b: T, facts: Array<[string, (x: T) => unknown]>): string[] {
  return facts.filter(([, get]) => JSON.stringify(get(a)) !== JSON.stringify(get(b))).map(([name]) => name);
}

export async function pairDatabases(from: SchemaModel, to: SchemaModel, opts: DbPairOptions = {}): Promise<DbDelta[]> {
  const out: DbDelta[] = [];
  const push = (d: DbDelta) => out.push(d);

  for (const c of pairBy(from.tables, to.tables, byName)) {
    const t = (c.left ?? c.right)!;
    if (c.op !== 'changed')
      push({ ...c, kind: 'table', schema: t.schema, object: t.name, [c.op === 'added' ? 'to' : 'from']: tableText(t) });
    else await pairTable(c.left, c.right, push);
  }
  for (const c of pairBy(from.views, to.views, byName)) {
    const v = (c.left ?? c.right)!;
    if (c.op !== 'changed') {
      push({
        ...c,
        kind: 'view',
        schema: v.schema,
        object: v.name,
        [c.op === 'added' ? 'to' : 'from']: v.definition ?? '',
      });
      continue;
    }
    const facts = differing(c.left, c.right, [
      ['materialized', (x: View) => x.materialized],
      ['security_invoker', (x: View) => Boolean(x.securityInvoker)],
    ]);
    if (!(await sameQuery(c.left.definition, c.right.definition))) facts.push('definition');
    if (facts.length)
      push({
        ...c,
        kind: 'view',
        schema: v.schema,
        object: v.name,
        from: c.left.definition ?? '',
        to: c.right.definition ?? '',
        facts,
      });
  }
  pairFunctions(from, to, push);
  for (const c of pairBy(from.enums, to.enums, byName)) {
    const e = (c.left ?? c.right)!;
    const text = (x: typeof e) => x.labels.map((l) => `'${l}'`).join(', ');
    if (c.op !== 'changed')
      push({ ...c, kind: 'enum', schema: e.schema, object: e.name, [c.op === 'added' ? 'to' : 'from']: text(e) });
    else if (text(c.left) !== text(c.right))
      push({
        ...c,
        kind: 'enum',
        schema: e.schema,
        object: e.name,
        from: text(c.left),
        to: text(c.right),
        facts: ['labels'],
      });
  }
  for (const c of pairBy(from.compositeTypes, to.compositeTypes, byName)) {
    const t = (c.left ?? c.right)!;
    const text = (x: typeof t) => x.attributes.map((a) => `${a.name} ${a.sqlType}`).join(', ');
    if (c.op !== 'changed')
      push({
        ...c,
        kind: 'composite_type',
        schema: t.schema,
        object: t.name,
        [c.op === 'added' ? 'to' : 'from']: text(t),
      });
    else if (text(c.left) !== text(c.right))
      push({
        ...c,
        kind: 'composite_type',
        schema: t.schema,
        object: t.name,
        from: text(c.left),
        to: text(c.right),
        facts: ['attributes'],
      });
  }
  pairGrants(from, to, opts, push);
  pairOthers(from, to, opts, push);
  return out;
}

function tableText(t: Table): string {
  return t.columns.map((c) => `${c.name} ${c.sqlType}${c.nullable ? '' : ' not null'}`).join(', ');
}

function columnText(c: Table['columns'][number]): string {
  const parts = [c.sqlType ?? '', c.nullable ? 'null' : 'not null'];
  if (c.default != null) parts.push(`default ${c.default}`);
  if (c.identity) parts.push(`generated ${c.identity} as identity`);
  if (c.generated) parts.push('generated (stored)');
  return parts.join(' ');
}

/** Constraints and foreign keys are one namespace in PostgreSQL (per table): paired by name, compared by definition. */
type AnyConstraint = { name: string; definition: string };

async function pairTable(left: Table, right: Table, push: (d: DbDelta) => void): Promise<void> {
  const base = { schema: left.schema, object: left.name };
  for (const c of pairBy(left.columns, right.columns, (x) => [x.name] as const)) {
    const col = (c.left ?? c.right)!;
    if (c.op !== 'changed') {
      push({ ...c, ...base, kind: 'column', member: col.name, [c.op === 'added' ? 'to' : 'from']: columnText(col) });
      continue;
    }
    const facts = differing(c.left, c.right, [
      ['type', (x) => x.sqlType],
      ['nullability', (x) => x.nullable],
      ['identity', (x) => x.identity ?? null],
      ['generated', (x) => Boolean(x.generated)],
    ]);
    if (!(await sameExpression(c.left.default, c.right.default))) facts.push('default');
    if (facts.length)
      push({
        ...c,
        ...base,
        kind: 'column',
        member: col.name,
        from: columnText(c.left),
        to: columnText(c.right),
        facts,
      });
  }
  // A constraint or index on columns the other side lacks altogether came (or went) with those columns: it is
  // part of their finding, not one of its own.
  const columnsOf = (t: Table) => new Set(t.columns.map((c) => c.name));
  const [leftCols, rightCols] = [columnsOf(left), columnsOf(right)];
  const onShared = (cols: Array<string | null>) =>
    cols.length === 0 || cols.some((c) => c === null || (leftCols.has(c) && rightCols.has(c)));
  const constraints = (t: Table): AnyConstraint[] => [
    ...(t.constraints ?? [])
      .filter((k: Constraint) => onShared(k.columns))
      .map((k) => ({ name: k.name, definition: k.definition })),
    ...(t.foreignKeys ?? [])
      .filter((k: ForeignKey) => onShared(k.columns))
      .map((k) => ({ name: k.name, definition: k.definition ?? '' })),
  ];
  pairDefinitions(constraints(left), constraints(right), (x) => x.definition, 'constraint', base, push);
  // An index that backs a primary key, unique or exclusion constraint is the constraint's: compared there.
  const backing = new Set([...(left.constraints ?? []), ...(right.constraints ?? [])].map((k) => k.name));
  const indexes = (t: Table) => (t.indexes ?? []).filter((i: Index) => !backing.has(i.name) && onShared(i.columns));
  pairDefinitions(indexes(left), indexes(right), (x) => x.definition, 'index', base, push);
  const rls = (t: Table) =>
    `row level security ${t.rlsEnabled ? 'enabled' : 'disabled'}${t.rlsForced ? ', forced' : ''}`;
  if (rls(left) !== rls(right))
    push({ op: 'changed', left, right, kind: 'rls', ...base, from: rls(left), to: rls(right), facts: ['rls'] });
  for (const c of pairBy(left.policies ?? [], right.policies ?? [], (p) => [p.name] as const)) {
    const p = (c.left ?? c.right)!;
    if (c.op !== 'changed') {
      push({ ...c, ...base, kind: 'policy', member: p.name, [c.op === 'added' ? 'to' : 'from']: policyText(p) });
      continue;
    }
    const facts = differing(c.left, c.right, [
      ['command', (x: Policy) => x.command],
      ['permissive', (x: Policy) => x.permissive],
      ['roles', (x: Policy) => [...x.roles].sort()],
    ]);
    if (!(await sameExpression(c.left.using, c.right.using))) facts.push('using');
    if (!(await sameExpression(c.left.withCheck, c.right.withCheck))) facts.push('with check');
    if (facts.length)
      push({ ...c, ...base, kind: 'policy', member: p.name, from: policyText(c.left), to: policyText(c.right), facts });
  }
  pairDefinitions(left.triggers ?? [], right.triggers ?? [], (x: Trigger) => x.definition, 'trigger', base, push);
}

function policyText(p: Policy): string {
  return [
    `for ${p.command.toLowerCase()} to ${p.roles.join(', ')}`,
    p.permissive ? '' : 'as restrictive',
    p.using !== null ? `using (${p.using})` : '',
    p.withCheck !== null ? `with check (${p.withCheck})` : '',
  ]
    .filter(Boolean)
    .join(' ');
}

/** Members of a table known by name and compared by one definition text. */
function pairDefinitions<T extends { name: string }>(
  left: T[],
  right: T[],
  def: (x: T) => string,
  kind: DbKind,
  base: { schema: string; object: string },
  push: (d: DbDelta) => void,
): void {
  for (const c of pairBy(left, right, (x) => [x.name] as const)) {
    const x = (c.left ?? c.right)!;
    if (c.op !== 'changed') push({ ...c, ...base, kind, member: x.name, [c.op === 'added' ? 'to' : 'from']: def(x) });
    else if (def(c.left) !== def(c.right))
      push({ ...c, ...base, kind, member: x.name, from: def(c.left), to: def(c.right), facts: ['definition'] });
  }
}

function pairFunctions(from: SchemaModel, to: SchemaModel, push: (d: DbDelta) => void): void {
  const list = (m: SchemaModel) => m.objects?.functionDetails ?? [];
  for (const c of pairBy(list(from), list(to), (f) => [f.schema, f.name, f.identityArgs] as const)) {
    const f = (c.left ?? c.right)!;
    const base = { schema: f.schema, object: f.name, member: f.identityArgs };
    const signature = (x: typeof f) => `${x.name}(${x.identityArgs}) returns ${x.result}`;
    if (c.op !== 'changed') {
      push({ ...c, ...base, kind: 'function', [c.op === 'added' ? 'to' : 'from']: signature(f) });
      continue;
    }
    const facts = differing(c.left, c.right, [
      ['returns', (x) => x.result],
      ['language', (x) => x.language],
      ['volatility', (x) => x.volatility],
      ['security definer', (x) => x.securityDefiner],
      ['settings', (x) => [...x.config].sort()],
      ['strict', (x) => x.strict],
      ['parallel', (x) => x.parallel],
      ['leakproof', (x) => x.leakproof],
      ['kind', (x) => x.kind],
    ]);
    const attrs = (x: typeof f) =>
      `${signature(x)} language ${x.language} ${({ i: 'immutable', s: 'stable', v: 'volatile' } as const)[x.volatility]}${x.securityDefiner ? ' security definer' : ''}${x.config.length ? ` set ${x.config.join(', ')}` : ''}`;
    if (facts.length) push({ ...c, ...base, kind: 'function', from: attrs(c.left), to: attrs(c.right), facts });
    if (c.left.body.trim() !== c.right.body.trim())
      push({
        ...c,
        ...base,
        kind: 'function_body',
        from: c.left.body.trim(),
        to: c.right.body.trim(),
        facts: ['body'],
      });
  }
}

/**
 * Privileges on objects both sides have. An object on one side only is one finding already (its grants are part
 * of it, as its columns are).
 */
function pairGrants(from: SchemaModel, to: SchemaModel, opts: DbPairOptions, push: (d: DbDelta) => void): void {
  const targets = (m: SchemaModel) =>
    new TupleSet<readonly unknown[]>([
      ...[...m.tables, ...m.views].map((r) => ['relation', r.schema, r.name] as const),
      ...[...m.tables, ...m.views].flatMap((r) => r.columns.map((c) => ['column', r.schema, r.name, c.name] as const)),
      ...(m.objects?.sequences ?? []).map((q) => ['relation', q.schema, q.name] as const),
      ...(m.objects?.functionDetails ?? []).map((f) => ['function', f.schema, f.name, f.identityArgs] as const),
      ...m.schemas.map((n) => ['schema', n, n] as const),
    ]);
  const [inFrom, inTo] = [targets(from), targets(to)];
  const target = (g: Grant) =>
    g.kind === 'relation' || g.kind === 'schema' ? [g.kind, g.schema, g.name] : [g.kind, g.schema, g.name, g.detail];
  const onBoth = (g: Grant) => inFrom.has(target(g)) && inTo.has(target(g));
  const list = (m: SchemaModel) =>
    (m.objects?.grants ?? []).filter((g) => !opts.ignoreGrantee?.(g.grantee) && onBoth(g));
  const key = (g: Grant) => [g.kind, g.schema, g.name, g.detail, g.grantee, g.privilege, g.grantable] as const;
  for (const c of pairBy(list(from), list(to), key)) {
    if (c.op === 'changed') continue;
    const g = (c.left ?? c.right)!;
    const on =
      g.kind === 'column'
        ? `${g.schema}.${g.name} (${g.detail})`
        : g.kind === 'function'
          ? `function ${g.schema}.${g.name}(${g.detail})`
          : g.kind === 'schema'
            ? `schema ${g.name}`
            : `${g.schema}.${g.name}`;
    const text = `${g.privilege} on ${on} to ${g.grantee}${g.grantable ? ' with grant option' : ''}`;
    push({
      ...c,
      kind: 'grant',
      schema: g.schema,
      object: g.name,
      member: `${g.grantee}:${g.privilege}${g.detail !== null ? `:${g.detail}` : ''}`,
      [c.op === 'added' ? 'to' : 'from']: text,
    });
  }
}

function pairOthers(from: SchemaModel, to: SchemaModel, opts: DbPairOptions, push: (d: DbDelta) => void): void {
  const seqs = (m: SchemaModel) => m.objects?.sequences ?? [];
  for (const c of pairBy(seqs(from), seqs(to), byName)) {
    const s = (c.left ?? c.right)!;
    const text = (x: typeof s) =>
      `as ${x.dataType} start ${x.start} increment ${x.increment} minvalue ${x.min} maxvalue ${x.max} cache ${x.cache}${x.cycle ? ' cycle' : ''}`;
    if (c.op !== 'changed')
      push({ ...c, kind: 'sequence', schema: s.schema, object: s.name, [c.op === 'added' ? 'to' : 'from']: text(s) });
    else if (text(c.left) !== text(c.right))
      push({
        ...c,
        kind: 'sequence',
        schema: s.schema,
        object: s.name,
        from: text(c.left),
        to: text(c.right),
        facts: ['definition'],
      });
  }
  // Versions are the engine's (an embedded replay ships its own builds): an extension's presence and schema count.
  const exts = (m: SchemaModel) => (m.objects?.extensions ?? []).filter((e) => !opts.ignoreExtension?.(e.name));
  for (const c of pairBy(exts(from), exts(to), (e) => [e.name] as const)) {
    const e = (c.left ?? c.right)!;
    if (c.op !== 'changed')
      push({
        ...c,
        kind: 'extension',
        schema: e.schema,
        object: e.name,
        [c.op === 'added' ? 'to' : 'from']: `schema ${e.schema}`,
      });
    else if (c.left.schema !== c.right.schema)
      push({
        ...c,
        kind: 'extension',
        schema: e.schema,
        object: e.name,
        from: `schema ${c.left.schema}`,
        to: `schema ${c.right.schema}`,
        facts: ['schema'],
      });
  }
  const inScope = new Set([...from.schemas, ...to.schemas]);
  const pubs = (m: SchemaModel) =>
    (m.objects?.publications ?? []).map((p) => ({
      ...p,
      tables: p.tables.filter((t) => inScope.has(t.schema)),
    }));
  for (const c of pairBy(pubs(from), pubs(to), (p) => [p.name] as const)) {
    const p = (c.left ?? c.right)!;
    const text = (x: typeof p) =>
      `${x.allTables ? 'for all tables' : `for table ${x.tables.map((t) => `${t.schema}.${t.name}`).join(', ') || '(none)'}`} (${Object.entries(
        x.actions,
      )
        .filter(([, on]) => on)
        .map(([a]) => a)
        .join(', ')})`;
    if (c.op !== 'changed')
      push({ ...c, kind: 'publication', schema: '', object: p.name, [c.op === 'added' ? 'to' : 'from']: text(p) });
    else if (text(c.left) !== text(c.right))
      push({
        ...c,
        kind: 'publication',
        schema: '',
        object: p.name,
        from: text(c.left),
        to: text(c.right),
        facts: ['tables'],
      });
  }
}
