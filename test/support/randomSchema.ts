/**
 * Random schemas over the surface Supabase's generator covers, and random changes to them, for the differential
 * fuzz test. Everything is driven by one seeded generator, so a failing seed replays exactly.
 *
 * The schema: two exposed schemas (`public`, `app`), a hidden one (`hidden`) and `auth.users`; scalars of ~35
 * types, arrays, domains, enums, composites (nested), identity and generated columns, primary keys of several
 * shapes, foreign keys inside a schema, across schemas and into `auth.users`, views and materialized views, and
 * functions of every shape (scalar, defaults, overloads, SETOF a table, RETURNS TABLE, void, record, computed fields),
 * and now and then a hidden table named like an exposed one with a column of its row type.
 */
import { quoteIdent, quoteLiteral } from '../../src/model/quote.js';

/** mulberry32: small, fast, good enough to pick shapes. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)],
    chance: (p: number) => next() < p,
  };
}
export type Rng = ReturnType<typeof rng>;

/** SQL types with a value expression each (for defaults and generated columns). */
export const SCALARS: ReadonlyArray<[string, string]> = [
  ['boolean', 'true'],
  ['smallint', '1'],
  ['integer', '1'],
  ['bigint', '1'],
  ['real', '1'],
  ['double precision', '1'],
  ['numeric', '1'],
  ['numeric(10,2)', '1'],
  ['text', "'x'"],
  ['varchar(20)', "'x'"],
  ['char(3)', "'abc'"],
  ['uuid', 'gen_random_uuid()'],
  ['date', 'current_date'],
  ['time', 'current_time::time'],
  ['timetz', 'current_time'],
  ['timestamp', 'now()::timestamp'],
  ['timestamptz', 'now()'],
  ['interval', "'1 day'"],
  ['json', "'{}'"],
  ['jsonb', "'{}'"],
  ['bytea', "'\\x00'"],
  ['inet', "'127.0.0.1'"],
  ['cidr', "'10.0.0.0/8'"],
  ['macaddr', "'08:00:2b:01:02:03'"],
  ['tsvector', "''"],
  ['xml', "'<a/>'"],
  ['oid', '1'],
  ['money', '1'],
  ['point', "'(0,0)'"],
  ['int4range', "'[1,2)'"],
  ['tstzrange', "'[2020-01-01,2021-01-01)'"],
  ['bit(3)', "B'101'"],
  ['"char"', "'a'"],
  ['name', "'n'"],
  ['tsquery', "'a'"],
];

export interface Col {
  name: string;
  type: string;
  notNull: boolean;
  def?: string;
  identity?: 'always' | 'by default';
  generated?: string;
}
export interface Tbl {
  schema: string;
  name: string;
  cols: Col[];
  pk: string[];
  fks: Array<{ name: string; cols: string[]; ref: string }>;
}
export interface Fn {
  schema: string;
  name: string;
  /** The identity argument list, for DROP FUNCTION. */
  sig: string;
}
export interface State {
  tables: Tbl[];
  enums: Array<{ schema: string; name: string; labels: string[] }>;
  composites: Array<{ schema: string; name: string; attrs: Array<[string, string]> }>;
  domains: Array<{ schema: string; name: string; base: string }>;
  /** `query`: the view's SELECT (for CREATE OR REPLACE with the same columns). */
  views: Array<{ schema: string; name: string; materialized: boolean; query: string }>;
  functions: Fn[];
  counter: number;
}

export const EXPOSED = ['public', 'app'] as const;
export const ALL_SCHEMAS = ['public', 'app', 'hidden'] as const;
const q = quoteIdent;
export const qn = (schema: string, name: string) => `${q(schema)}.${q(name)}`;

/** A name, now and then a hostile one (capitals, spaces, quotes). */
function name(r: Rng, s: State, prefix: string): string {
  s.counter++;
  if (r.chance(0.06))
    return r.pick([
      `${prefix} Spaced ${s.counter}`,
      `${prefix}"q${s.counter}`,
      `${prefix.toUpperCase()}Mixed${s.counter}`,
    ]);
  return `${prefix}_${s.counter}`;
}

/** A column type: scalar, array, enum, domain or composite visible so far. */
function colType(r: Rng, s: State, schema: string): string {
  const roll = r.next();
  if (roll < 0.12 && s.enums.length) {
    const e = r.pick(s.enums);
    return `${qn(e.schema, e.name)}${r.chance(0.3) ? '[]' : ''}`;
  }
  if (roll < 0.18 && s.composites.length) {
    const c = r.pick(s.composites);
    return qn(c.schema, c.name);
  }
  if (roll < 0.24 && s.domains.length) {
    const d = r.pick(s.domains.filter((x) => x.schema === schema || r.chance(0.5)).concat(s.domains[0]));
    return qn(d.schema, d.name);
  }
  const [t] = r.pick(SCALARS);
  return r.chance(0.15) ? `${t}[]` : t;
}

function valueFor(type: string): string | undefined {
  if (type.endsWith('[]')) return "'{}'";
  return SCALARS.find(([t]) => t === type)?.[1];
}

export function buildSchema(r: Rng): { sql: string[]; state: State } {
  const s: State = { tables: [], enums: [], composites: [], domains: [], views: [], functions: [], counter: 0 };
  const sql: string[] = [];
  for (const schema of ALL_SCHEMAS) {
    for (let i = r.int(0, 2); i > 0; i--) {
      const e = {
        schema,
        name: name(r, s, 'en'),
        labels: Array.from({ length: r.int(1, 4) }, (_, j) => `l${j}${r.pick(['', ' x', "'q"])}`),
      };
      s.enums.push(e);
      sql.push(`create type ${qn(schema, e.name)} as enum (${e.labels.map(quoteLiteral).join(', ')})`);
    }
    if (r.chance(0.5)) {
      const d = {
        schema,
        name: name(r, s, 'dom'),
        base: r.pick(['text', 'integer', 'numeric', 'uuid', 'timestamptz']),
      };
      s.domains.push(d);
      sql.push(`create domain ${qn(schema, d.name)} as ${d.base}${r.chance(0.3) ? ' not null' : ''}`);
    }
    for (let i = r.int(0, 2); i > 0; i--) {
      const c = {
        schema,
        name: name(r, s, 'ct'),
        attrs: Array.from({ length: r.int(1, 3) }, (_, j): [string, string] => [`a${j}`, colType(r, s, schema)]),
      };
      s.composites.push(c);
      sql.push(`create type ${qn(schema, c.name)} as (${c.attrs.map(([n, t]) => `${q(n)} ${t}`).join(', ')})`);
    }
  }
  for (const schema of ALL_SCHEMAS) {
    for (let i = r.int(schema === 'hidden' ? 0 : 1, 4); i > 0; i--) {
      const t = randomTable(r, s, schema);
      sql.push(tableSql(t));
    }
  }
  // A hidden table named like an exposed one, and a column of its row type (the generator names the exposed Row).
  const exposed = s.tables.filter((t) => t.schema !== 'hidden');
  if (exposed.length && r.chance(0.15)) {
    const twin: Tbl = {
      schema: 'hidden',
      name: r.pick(exposed).name,
      cols: [
        { name: 'id', type: 'integer', notNull: true },
        { name: 'secret', type: 'text', notNull: false },
      ],
      pk: ['id'],
      fks: [],
    };
    if (!s.tables.some((t) => t.schema === 'hidden' && t.name === twin.name)) {
      s.tables.push(twin);
      sql.push(tableSql(twin));
      const holder = r.pick(exposed);
      sql.push(
        `alter table ${qn(holder.schema, holder.name)} add column ${q(name(r, s, 'twin'))} ${qn('hidden', twin.name)}`,
      );
    }
  }
  for (const schema of EXPOSED) {
    const tables = s.tables.filter((t) => t.schema === schema);
    for (let i = r.int(0, 2); i > 0 && tables.length; i--) {
      const base = r.pick(tables);
      const cols = base.cols.filter(() => r.chance(0.7)).slice(0, 5);
      const list = cols.length ? cols.map((c) => q(c.name)).join(', ') : '1 as one';
      const query = `select ${list} from ${qn(base.schema, base.name)}`;
      const v = { schema, name: name(r, s, 'v'), materialized: r.chance(0.3), query };
      s.views.push(v);
      sql.push(`create ${v.materialized ? 'materialized ' : ''}view ${qn(schema, v.name)} as ${query}`);
    }
    for (let i = r.int(0, 3); i > 0; i--) sql.push(...randomFunction(r, s, schema));
  }
  return { sql, state: s };
}

export function randomTable(r: Rng, s: State, schema: string): Tbl {
  const t: Tbl = { schema, name: name(r, s, 't'), cols: [], pk: [], fks: [] };
  const pkShape = r.pick(['identity', 'uuid', 'composite', 'none', 'bigserial'] as const);
  if (pkShape === 'identity')
    t.cols.push({ name: 'id', type: 'bigint', notNull: true, identity: r.chance(0.5) ? 'always' : 'by default' });
  if (pkShape === 'uuid') t.cols.push({ name: 'id', type: 'uuid', notNull: true, def: 'gen_random_uuid()' });
  if (pkShape === 'bigserial') t.cols.push({ name: 'id', type: 'bigint', notNull: true, def: 'bigserial' });
  if (pkShape === 'composite')
    t.cols.push({ name: 'k1', type: 'integer', notNull: true }, { name: 'k2', type: 'text', notNull: true });
  if (pkShape !== 'none') t.pk = pkShape === 'composite' ? ['k1', 'k2'] : ['id'];
  for (let i = r.int(1, 6); i > 0; i--) {
    const type = colType(r, s, schema);
    const c: Col = { name: name(r, s, 'c'), type, notNull: r.chance(0.4) };
    if (r.chance(0.25)) c.def = valueFor(type);
    t.cols.push(c);
  }
  if (r.chance(0.2)) {
    const src = t.cols.find((c) => c.type === 'text' || c.type === 'integer');
    if (src) t.cols.push({ name: name(r, s, 'g'), type: src.type, notNull: false, generated: `${q(src.name)}` });
  }
  // Foreign keys: same schema, another exposed schema, auth.users.
  const targets = s.tables.filter(
    (x) => x.pk.length === 1 && x.cols.find((c) => c.name === x.pk[0])!.type !== 'bigint[]',
  );
  if (targets.length && r.chance(0.6)) {
    const ref = r.pick(targets);
    const refCol = ref.cols.find((c) => c.name === ref.pk[0])!;
    const c: Col = { name: name(r, s, 'fk'), type: refCol.type, notNull: r.chance(0.5) };
    t.cols.push(c);
    t.fks.push({
      name: `${t.name}_${c.name}_fkey`,
      cols: [c.name],
      ref: `${qn(ref.schema, ref.name)} (${q(ref.pk[0])})`,
    });
  }
  if (r.chance(0.2)) {
    const c: Col = { name: name(r, s, 'user'), type: 'uuid', notNull: false };
    t.cols.push(c);
    t.fks.push({ name: `${t.name}_${c.name}_fkey`, cols: [c.name], ref: 'auth.users (id)' });
  }
  s.tables.push(t);
  return t;
}

export function colSql(c: Col): string {
  if (c.def === 'bigserial') return `${q(c.name)} bigserial`;
  let out = `${q(c.name)} ${c.type}`;
  if (c.generated) return `${out} generated always as (${c.generated}) stored`;
  if (c.identity) out += ` generated ${c.identity} as identity`;
  if (c.notNull) out += ' not null';
  if (c.def) out += ` default ${c.def}`;
  return out;
}

export function tableSql(t: Tbl): string {
  const parts = t.cols.map(colSql);
  if (t.pk.length) parts.push(`primary key (${t.pk.map(q).join(', ')})`);
  for (const k of t.fks)
    parts.push(`constraint ${q(k.name)} foreign key (${k.cols.map(q).join(', ')}) references ${k.ref}`);
  return `create table ${qn(t.schema, t.name)} (${parts.join(', ')})`;
}

export function randomFunction(r: Rng, s: State, schema: string): string[] {
  const fname = name(r, s, 'fn');
  const tables = s.tables.filter((t) => t.schema === schema);
  const shape = r.pick([
    'scalar',
    'defaults',
    'setof',
    'table',
    'void',
    'record',
    'computed',
    'overload',
    'array',
    'enum',
  ] as const);
  const fn = (args: string, sig: string, returns: string, body: string, extra = ''): string => {
    s.functions.push({ schema, name: fname, sig });
    return `create function ${qn(schema, fname)}(${args}) returns ${returns} language sql stable${extra} as ${quoteLiteral(body)}`;
  };
  switch (shape) {
    case 'scalar':
      return [fn('a integer, b text', 'integer, text', 'integer', 'select a')];
    case 'defaults':
      return [fn("a integer, b text default 'x'", 'integer, text', 'text', 'select b')];
    case 'setof': {
      if (!tables.length) return [];
      const t = r.pick(tables);
      return [
        fn(
          'n integer',
          'integer',
          `setof ${qn(t.schema, t.name)}`,
          `select * from ${qn(t.schema, t.name)} limit n`,
          r.chance(0.3) ? ' rows 1' : '',
        ),
      ];
    }
    case 'table':
      return [fn('', '', 'table (x integer, y text)', "select 1, 'a'")];
    case 'void':
      return [fn('', '', 'void', 'select')];
    case 'record':
      return [fn('out lo integer, out hi integer', '', 'record', 'select 1, 2')];
    case 'computed': {
      if (!tables.length) return [];
      const t = r.pick(tables);
      const arg = r.chance(0.5) ? `row_ ${qn(t.schema, t.name)}` : qn(t.schema, t.name);
      return [fn(arg, qn(t.schema, t.name), 'text', "select 'x'::text")];
    }
    case 'overload': {
      const first = fn('', '', 'text', "select 'x'::text");
      s.functions.push({ schema, name: fname, sig: 'text' });
      return [first, `create function ${qn(schema, fname)}(who text) returns text language sql stable as 'select who'`];
    }
    case 'array':
      return [fn('xs bigint[]', 'bigint[]', 'text[]', "select array['a']")];
    case 'enum': {
      const e = s.enums.find((x) => x.schema !== 'hidden');
      if (!e) return [];
      return [fn(`m ${qn(e.schema, e.name)}`, qn(e.schema, e.name), `${qn(e.schema, e.name)}[]`, 'select array[m]')];
    }
  }
}

/** One random change: its SQL, and a label naming the kind (for the rates by kind). */
export interface Mutation {
  kind: string;
  sql: string;
}

export function randomMutation(r: Rng, s: State): Mutation {
  const exposedTables = s.tables.filter((t) => t.schema !== 'hidden');
  const anyTable = r.pick(s.tables);
  const t = exposedTables.length ? r.pick(exposedTables) : anyTable;
  const T = qn(t.schema, t.name);
  const plain = t.cols.filter(
    (c) =>
      !c.identity &&
      !c.generated &&
      c.def !== 'bigserial' &&
      !t.pk.includes(c.name) &&
      !t.fks.some((k) => k.cols.includes(c.name)),
  );
  const col = plain.length ? r.pick(plain) : undefined;
  const C = col ? q(col.name) : '';
  const e = s.enums.length ? r.pick(s.enums) : undefined;
  const ct = s.composites.length ? r.pick(s.composites) : undefined;
  const v = s.views.length ? r.pick(s.views) : undefined;
  const f = s.functions.length ? r.pick(s.functions) : undefined;
  const [newType] = r.pick(SCALARS);
  const kinds: Array<[string, () => string | undefined]> = [
    ['add column', () => `alter table ${T} add column ${q(`new_${s.counter++}`)} ${newType}`],
    [
      'add column not null default',
      () =>
        `alter table ${T} add column ${q(`new_${s.counter++}`)} ${newType} not null default ${SCALARS.find(([x]) => x === newType)![1]}`,
    ],
    ['add array column', () => `alter table ${T} add column ${q(`new_${s.counter++}`)} ${newType}[]`],
    ['add enum column', () => e && `alter table ${T} add column ${q(`new_${s.counter++}`)} ${qn(e.schema, e.name)}`],
    [
      'add composite column',
      () => ct && `alter table ${T} add column ${q(`new_${s.counter++}`)} ${qn(ct.schema, ct.name)}`,
    ],
    [
      'add identity column',
      () =>
        `alter table ${T} add column ${q(`new_${s.counter++}`)} bigint generated ${r.pick(['always', 'by default'])} as identity`,
    ],
    [
      'add generated column',
      () => `alter table ${T} add column ${q(`new_${s.counter++}`)} integer generated always as (1) stored`,
    ],
    ['drop column', () => col && `alter table ${T} drop column ${C} cascade`],
    ['rename column', () => col && `alter table ${T} rename column ${C} to ${q(`ren_${s.counter++}`)}`],
    ['change column type', () => col && `alter table ${T} alter column ${C} type ${newType} using null`],
    [
      'change column to array',
      () =>
        col && !col.type.endsWith('[]')
          ? `alter table ${T} alter column ${C} type ${col.type}[] using null`
          : undefined,
    ],
    ['set not null', () => col && `alter table ${T} alter column ${C} set not null`],
    ['drop not null', () => col && `alter table ${T} alter column ${C} drop not null`],
    [
      'add default',
      () =>
        col && valueFor(col.type) ? `alter table ${T} alter column ${C} set default ${valueFor(col.type)}` : undefined,
    ],
    ['drop default', () => col && `alter table ${T} alter column ${C} drop default`],
    [
      'add identity',
      () =>
        col &&
        `alter table ${T} alter column ${C} type bigint using null, alter column ${C} set not null, alter column ${C} add generated always as identity`,
    ],
    [
      'identity always ↔ by default',
      () => {
        const id = t.cols.find((c) => c.identity);
        return (
          id &&
          `alter table ${T} alter column ${q(id.name)} set generated ${id.identity === 'always' ? 'by default' : 'always'}`
        );
      },
    ],
    [
      'drop identity',
      () => {
        const id = t.cols.find((c) => c.identity);
        return id && `alter table ${T} alter column ${q(id.name)} drop identity`;
      },
    ],
    ['drop table', () => `drop table ${T} cascade`],
    ['rename table', () => `alter table ${T} rename to ${q(`ren_${s.counter++}`)}`],
    ['add table', () => `create table ${qn(t.schema, `new_${s.counter++}`)} (id bigint primary key, note text)`],
    ['add table in hidden schema', () => `create table hidden.${q(`new_${s.counter++}`)} (id bigint primary key)`],
    [
      'add foreign key',
      () => {
        const ref = s.tables.find((x) => x.schema === t.schema && x.pk.length === 1 && x !== t);
        return (
          ref &&
          `alter table ${T} add column ${q(`ref_${s.counter}`)} ${ref.cols.find((c) => c.name === ref.pk[0])!.type.replace('bigserial', 'bigint')}, add constraint ${q(`fk_${s.counter++}`)} foreign key (${q(`ref_${s.counter - 1}`)}) references ${qn(ref.schema, ref.name)}`
        );
      },
    ],
    [
      'add foreign key to auth.users',
      () => `alter table ${T} add column ${q(`owner_${s.counter}`)} uuid references auth.users (id)`,
    ],
    [
      'drop foreign key',
      () => (t.fks.length ? `alter table ${T} drop constraint ${q(r.pick(t.fks).name)}` : undefined),
    ],
    ['add enum label', () => e && `alter type ${qn(e.schema, e.name)} add value ${quoteLiteral(`new ${s.counter++}`)}`],
    [
      'rename enum label',
      () =>
        e &&
        `alter type ${qn(e.schema, e.name)} rename value ${quoteLiteral(e.labels[0])} to ${quoteLiteral(`ren ${s.counter++}`)}`,
    ],
    ['add enum', () => `create type ${qn(t.schema, `new_enum_${s.counter++}`)} as enum ('a', 'b')`],
    ['rename enum', () => e && `alter type ${qn(e.schema, e.name)} rename to ${q(`ren_${s.counter++}`)}`],
    [
      'add composite attribute',
      () => ct && `alter type ${qn(ct.schema, ct.name)} add attribute ${q(`x${s.counter++}`)} ${newType} cascade`,
    ],
    [
      'drop composite attribute',
      () =>
        ct && ct.attrs.length > 1
          ? `alter type ${qn(ct.schema, ct.name)} drop attribute ${q(ct.attrs[0][0])} cascade`
          : undefined,
    ],
    [
      'change composite attribute type',
      () => ct && `alter type ${qn(ct.schema, ct.name)} alter attribute ${q(ct.attrs[0][0])} type ${newType} cascade`,
    ],
    ['add composite', () => `create type ${qn(t.schema, `new_ct_${s.counter++}`)} as (a integer, b text)`],
    ['drop composite', () => ct && `drop type ${qn(ct.schema, ct.name)} cascade`],
    ['add view', () => `create view ${qn(t.schema, `new_v_${s.counter++}`)} as select * from ${T}`],
    [
      'add materialized view',
      () => `create materialized view ${qn(t.schema, `new_mv_${s.counter++}`)} as select * from ${T}`,
    ],
    ['drop view', () => v && `drop ${v.materialized ? 'materialized ' : ''}view ${qn(v.schema, v.name)} cascade`],
    [
      'make a view non-updatable',
      () =>
        v && !v.materialized
          ? `create or replace view ${qn(v.schema, v.name)} as select distinct * from (${v.query}) s`
          : undefined,
    ],
    [
      'add an INSTEAD OF trigger to a view',
      () =>
        v && !v.materialized
          ? `create function ${qn(v.schema, `new_tg_${s.counter}`)}() returns trigger language plpgsql as 'begin return new; end'; ` +
            `create trigger ${q(`new_tg_${s.counter}`)} instead of ${r.pick(['insert', 'update', 'delete', 'insert or update'])} on ${qn(v.schema, v.name)} ` +
            `for each row execute function ${qn(v.schema, `new_tg_${s.counter++}`)}()`
          : undefined,
    ],
    [
      'add non-updatable view',
      () => `create view ${qn(t.schema, `new_v_${s.counter++}`)} as select count(*) as n from ${T}`,
    ],
    [
      'add function',
      () =>
        `create function ${qn(t.schema, `new_fn_${s.counter++}`)}(a integer) returns integer language sql as 'select a'`,
    ],
    [
      'add overload',
      () =>
        f &&
        `create function ${qn(f.schema, f.name)}(extra_${s.counter++} uuid) returns uuid language sql as 'select null::uuid'`,
    ],
    [
      'add function with default',
      () =>
        `create function ${qn(t.schema, `new_fn_${s.counter++}`)}(a integer default 1) returns text language sql as 'select null::text'`,
    ],
    [
      'add set-returning function',
      () =>
        `create function ${qn(t.schema, `new_fn_${s.counter++}`)}() returns setof ${T} language sql as ${quoteLiteral(`select * from ${T}`)}`,
    ],
    [
      'add computed field',
      () => `create function ${qn(t.schema, `new_cf_${s.counter++}`)}(${T}) returns integer language sql as 'select 1'`,
    ],
    [
      'add function returning record',
      () =>
        `create function ${qn(t.schema, `new_fn_${s.counter++}`)}() returns setof record language sql as 'select 1, 2'`,
    ],
    [
      'add trigger function',
      () =>
        `create function ${qn(t.schema, `new_tg_${s.counter++}`)}() returns trigger language plpgsql as 'begin return new; end'`,
    ],
    [
      'add function with unnamed argument',
      () =>
        `create function ${qn(t.schema, `new_fn_${s.counter++}`)}(integer, integer) returns integer language sql as 'select 1'`,
    ],
    ['drop function', () => f && `drop function ${qn(f.schema, f.name)}(${f.sig}) cascade`],
    [
      'rename function',
      () => f && `alter function ${qn(f.schema, f.name)}(${f.sig}) rename to ${q(`ren_fn_${s.counter++}`)}`,
    ],
    ['change function volatility', () => f && `alter function ${qn(f.schema, f.name)}(${f.sig}) volatile`],
    ['change function ROWS', () => f && `alter function ${qn(f.schema, f.name)}(${f.sig}) rows ${r.pick([1, 1000])}`],
    ['add index', () => col && `create index on ${T} (${C})`],
    [
      'add unique on foreign key columns',
      () => (t.fks.length ? `alter table ${T} add unique (${r.pick(t.fks).cols.map(q).join(', ')})` : undefined),
    ],
    ['add unique constraint', () => col && `alter table ${T} add unique (${C})`],
    [
      'enable RLS and a policy',
      () =>
        `alter table ${T} enable row level security; create policy ${q(`p${s.counter++}`)} on ${T} for select using (true)`,
    ],
    ['add a check constraint', () => col && `alter table ${T} add check (${C} is not null or true)`],
    ['comment on table', () => `comment on table ${T} is 'c'`],
    ['grant', () => `grant select on ${T} to public`],
    ['add column to auth.users', () => `alter table auth.users add column ${q(`extra_${s.counter++}`)} text`],
    [
      'change a hidden table',
      () => {
        const h = s.tables.find((x) => x.schema === 'hidden');
        return h && `alter table ${qn(h.schema, h.name)} add column ${q(`extra_${s.counter++}`)} text`;
      },
    ],
    ['add enum in hidden schema', () => `create type hidden.${q(`new_enum_${s.counter++}`)} as enum ('z')`],
    [
      'add domain column',
      () => {
        const d = s.domains.find((x) => x.schema !== 'hidden') ?? s.domains[0];
        return d && `alter table ${T} add column ${q(`new_${s.counter++}`)} ${qn(d.schema, d.name)}`;
      },
    ],
  ];
  for (let tries = 0; tries < 50; tries++) {
    const [kind, make] = r.pick(kinds);
    const sql = make();
    if (sql) return { kind, sql };
  }
  return { kind: 'add table', sql: `create table ${qn('public', `new_${s.counter++}`)} (id bigint primary key)` };
}

export const MUTATION_KIND_COUNT = 63;
