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
import { TupleMap, TupleSet } from '../tupleMap.js';
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
function sameExpression(a: string | null | undefined, b: string | null | undefined): boolean | Promise<boolean> {
  if ((a ?? null) === (b ?? null)) return true;
  return Promise.all([normalizeExpression(a), normalizeExpression(b)]).then(([x, y]) => x === y);
}

function sameQuery(a: string | null | undefined, b: string | null | undefined): boolean | Promise<boolean> {
  if ((a ?? null) === (b ?? null)) return true;
  return Promise.all([normalizeQuery(a), normalizeQuery(b)]).then(([x, y]) => x === y);
}

/** pairBy for members known by one name (columns, constraints, policies): a Map of names, no tuple keys. */
function pairByName<T>(from: T[], to: T[], name: (x: T) => string): Change<T>[] {
  const fromByName = new Map(from.map((x) => [name(x), x]));
  const seen = new Set<string>();
  const out: Change<T>[] = [];
  for (const right of to) {
    const n = name(right);
    seen.add(n);
    const left = fromByName.get(n);
    out.push(left !== undefined ? { op: 'changed', left, right } : { op: 'added', right });
  }
  for (const left of from) if (!seen.has(name(left))) out.push({ op: 'removed', left });
  return out;
}

/** Compares field by field; returns the names of the facts that differ. */
function differing<T>(a: T, b: T, facts: Array<[string, (x: T) => unknown]>): string[] {
  const same = (x: unknown, y: unknown) =>
    x === y || (typeof x === 'object' && typeof y === 'object' && JSON.stringify(x) === JSON.stringify(y));
  return facts.filter(([, get]) => !same(get(a), get(b))).map(([name]) => name);
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
  for (const c of pairByName(left.columns, right.columns, (x) => x.name)) {
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
  for (const c of pairByName(left.policies ?? [], right.policies ?? [], (p) => p.name)) {
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
  for (const c of pairByName(left, right, (x) => x.name)) {
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
  const grants = (m: SchemaModel) => (m.objects?.grants ?? []).filter((g) => !opts.ignoreGrantee?.(g.grantee));
  const [fromGrants, toGrants] = [grants(from), grants(to)];
  if (fromGrants.length === 0 && toGrants.length === 0) return;
  // What can be granted on, per model: relations with their columns, functions, schemas.
  const targets = (m: SchemaModel) => {
    const relations = new TupleMap<readonly [string, string], Set<string>>();
    for (const r of [...m.tables, ...m.views]) relations.set([r.schema, r.name], new Set(r.columns.map((c) => c.name)));
    for (const q of m.objects?.sequences ?? []) relations.set([q.schema, q.name], new Set());
    const functions = new TupleSet<readonly [string, string, string]>(
      (m.objects?.functionDetails ?? []).map((f) => [f.schema, f.name, f.identityArgs] as const),
    );
    const schemas = new Set(m.schemas);
    return (g: Grant) => {
      if (g.kind === 'schema') return schemas.has(g.name);
      if (g.kind === 'function') return functions.has([g.schema, g.name, g.detail ?? '']);
      const columns = relations.get([g.schema, g.name]);
      return columns !== undefined && (g.kind === 'relation' || columns.has(g.detail ?? ''));
    };
  };
  const [inFrom, inTo] = [targets(from), targets(to)];
  const onBoth = (g: Grant) => inFrom(g) && inTo(g);
  const list = (m: SchemaModel) => (m === from ? fromGrants : toGrants).filter(onBoth);
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
