/** Each lint on in-memory models: one that triggers it, one that does not, no database. */
import { beforeAll, describe, expect, it } from 'vitest';
import { LINT_CODES } from '../src/findings/lints.js';
import { LINT_RULES } from '../src/lint/index.js';
import { loadExprParser, unwrappedAuthCalls, wrapCalls, type ExprParser } from '../src/lint/policyExpr.js';
import type { LintContext } from '../src/lint/rule.js';
import { indexShape } from '../src/lint/rules/duplicateIndex.js';
import type { DatabaseFacts, Index, Policy, SchemaModel, Table, View } from '../src/model/schema.js';
import { memberOf } from './support/lint.js';

let parseExpr: ExprParser;
beforeAll(async () => {
  parseExpr = await loadExprParser();
});

const facts = (over: Partial<DatabaseFacts> = {}): DatabaseFacts => ({
  extensions: [],
  routines: [],
  rlsBypassRoles: ['postgres', 'service_role'],
  apiReadable: null,
  ...over,
});

function table(name: string, over: Partial<Table> = {}): Table {
  return {
    schema: 'public',
    name,
    kind: 'table',
    columns: [],
    foreignKeys: [],
    constraints: [],
    policies: [],
    triggers: [],
    indexes: [pk(name)],
    rlsEnabled: true,
    rlsForced: false,
    extension: null,
    ...over,
  };
}
function pk(t: string, cols = ['id']): Index {
  return {
    name: `${t}_pkey`,
    definition: `CREATE UNIQUE INDEX ${t}_pkey ON public.${t} USING btree (${cols.join(', ')})`,
    unique: true,
    primary: true,
    method: 'btree',
    columns: cols,
    predicate: null,
  };
}
function index(t: string, name: string, cols: Array<string | null>, def?: string): Index {
  return {
    name,
    definition: def ?? `CREATE INDEX ${name} ON public.${t} USING btree (${cols.join(', ')})`,
    unique: false,
    primary: false,
    method: 'btree',
    columns: cols,
    predicate: null,
  };
}
function policy(name: string, over: Partial<Policy> = {}): Policy {
  return {
    name,
    command: 'SELECT',
    permissive: true,
    roles: ['authenticated'],
    using: 'true',
    withCheck: null,
    ...over,
  };
}
function model(tables: Table[], views: View[] = []): SchemaModel {
  return { schemas: ['public'], tables, views, enums: [], functions: [], compositeTypes: [] };
}
/** Runs one lint, returns `schema.object[ member]` of each finding. */
function lint(code: string, m: SchemaModel, f: DatabaseFacts = facts(), apiSchemas = ['public']): string[] {
  const rule = LINT_RULES.find((r) => r.info.code === code)!;
  const ctx: LintContext = { facts: f, apiSchemas, parseExpr };
  return rule.run(m, ctx).map((x) => `${x.schema}.${x.object}${memberOf(x) !== undefined ? ` ${memberOf(x)}` : ''}`);
}

describe('the lint list', () => {
  it("has one rule per DESIGN.md lint code, with splinter's documentation link", () => {
    expect(LINT_RULES.map((r) => r.info.code).sort()).toEqual(LINT_CODES.map((c) => c.code).sort());
    for (const r of LINT_RULES)
      expect(r.info.docs).toMatch(/^https:\/\/supabase\.com\/docs\/guides\/database\/database-linter\?lint=00\d\d_/);
  });
  it('levels follow DESIGN.md: three errors, the rest warnings', () => {
    const errors = LINT_RULES.filter((r) => r.info.severity === 'error')
      .map((r) => r.info.code)
      .sort();
    expect(errors).toEqual(['policy_exists_rls_disabled', 'rls_disabled_in_public', 'security_definer_view']);
  });
});

describe('rls_disabled_in_public', () => {
  it('flags an exposed table without RLS, in every API schema given', () => {
    const m = model([
      table('a', { rlsEnabled: false }),
      table('b'),
      { ...table('c', { rlsEnabled: false }), schema: 'api' },
    ]);
    expect(lint('rls_disabled_in_public', m)).toEqual(['public.a']);
    expect(lint('rls_disabled_in_public', m, facts(), ['public', 'api'])).toEqual(['public.a', 'api.c']);
  });
  it('leaves alone tables the API roles cannot read, extension-owned and platform tables', () => {
    const m = model([
      table('a', { rlsEnabled: false }),
      table('spatial_ref_sys', { rlsEnabled: false, extension: 'postgis' }),
      { ...table('users', { rlsEnabled: false }), schema: 'auth' },
    ]);
    expect(lint('rls_disabled_in_public', m, facts({ apiReadable: [] }), ['public', 'auth'])).toEqual([]);
    expect(
      lint('rls_disabled_in_public', m, facts({ apiReadable: [{ schema: 'public', name: 'a' }] }), ['public', 'auth']),
    ).toEqual(['public.a']);
  });
});

describe('policy_exists_rls_disabled and rls_enabled_no_policy', () => {
  it('policies on a table with RLS off', () => {
    const m = model([
      table('a', { rlsEnabled: false, policies: [policy('p')] }),
      table('b', { policies: [policy('p')] }),
      table('c', { rlsEnabled: false }),
    ]);
    expect(lint('policy_exists_rls_disabled', m)).toEqual(['public.a']);
  });
  it('RLS on and no policy, unless the API roles cannot read the table', () => {
    const m = model([table('a'), table('b', { policies: [policy('p')] }), table('c', { rlsEnabled: false })]);
    expect(lint('rls_enabled_no_policy', m)).toEqual(['public.a']);
    expect(lint('rls_enabled_no_policy', m, facts({ apiReadable: [{ schema: 'public', name: 'b' }] }))).toEqual([]);
  });
});

describe('unindexed_foreign_keys', () => {
  const fk = (name: string, columns: string[]) => ({
    name,
    columns,
    referencedSchema: 'public',
    referencedTable: 'p',
    referencedColumns: columns.map(() => 'id'),
  });
  it("an index whose leading columns are the key's, in any order, covers it; a later position or an expression does not", () => {
    const t = table('t', {
      foreignKeys: [fk('t_a_fkey', ['a']), fk('t_bc_fkey', ['b', 'c']), fk('t_d_fkey', ['d']), fk('t_e_fkey', ['e'])],
      indexes: [
        pk('t'),
        index('t', 't_a_x', ['a', 'x']),
        index('t', 't_cb', ['c', 'b']),
        index('t', 't_x_d', ['x', 'd']),
        index('t', 't_expr_e', [null, 'e']),
      ],
    });
    expect(lint('unindexed_foreign_keys', model([t]))).toEqual(['public.t t_d_fkey', 'public.t t_e_fkey']);
  });
  it('a key with no index at all, and the primary key covering a key column', () => {
    const t = table('t', { foreignKeys: [fk('t_id_fkey', ['id']), fk('t_u_fkey', ['u'])] });
    expect(lint('unindexed_foreign_keys', model([t]))).toEqual(['public.t t_u_fkey']);
  });
});

describe('auth_rls_initplan', () => {
  it('flags auth.uid()/jwt()/role()/email()/current_setting() outside a FROM-less select', () => {
    const cases: Record<string, string | null> = {
      '(auth.uid() = user_id)': 'auth.uid',
      "((auth.jwt() ->> 'role'::text) = 'admin'::text)": 'auth.jwt',
      "(auth.role() = 'authenticated'::text)": 'auth.role',
      '(auth.email() = email)': 'auth.email',
      "(current_setting('request.jwt.claims'::text, true) IS NOT NULL)": 'current_setting',
      '(EXISTS ( SELECT 1 FROM members m WHERE (m.user_id = auth.uid())))': 'auth.uid',
      '(( SELECT auth.uid() AS uid) = user_id)': null,
      "(( SELECT (auth.jwt() ->> 'role'::text)) = 'admin'::text)": null,
      "(user_id = ( SELECT auth.uid() AS uid)) AND (status = 'x'::text)": null,
      '(owner = my_uid())': null,
    };
    for (const [expr, name] of Object.entries(cases)) {
      const calls = unwrappedAuthCalls(parseExpr(expr)!);
      expect(
        calls.map((c) => c.name),
        expr,
      ).toEqual(name ? [name] : []);
    }
  });
  it('finds the call in WITH CHECK too, and only on tables with RLS on', () => {
    const m = model([
      table('a', {
        policies: [policy('ins', { command: 'INSERT', using: null, withCheck: '(auth.uid() = user_id)' })],
      }),
      table('b', { rlsEnabled: false, policies: [policy('sel', { using: '(auth.uid() = user_id)' })] }),
      table('c', { policies: [policy('ok', { using: '(( SELECT auth.uid() AS uid) = user_id)' })] }),
    ]);
    expect(lint('auth_rls_initplan', m)).toEqual(['public.a ins']);
  });
  it('wrapping the calls it finds leaves none per row, and keeps strings that look like calls', () => {
    const expr =
      "((auth.uid() = user_id) OR ((auth.jwt() ->> 'x)('::text) = current_setting('a.b'::text, true)) OR (note = 'auth.uid()'::text))";
    const wrapped = wrapCalls(expr, unwrappedAuthCalls(parseExpr(expr)!));
    expect(wrapped).toBe(
      "(((select auth.uid()) = user_id) OR (((select auth.jwt()) ->> 'x)('::text) = (select current_setting('a.b'::text, true))) OR (note = 'auth.uid()'::text))",
    );
    expect(unwrappedAuthCalls(parseExpr(wrapped)!)).toEqual([]);
  });
  it('a multi-byte name before the call does not shift the splice', () => {
    const expr = '(("naïve_ß" = \'é\'::text) AND (auth.uid() = owner))';
    expect(wrapCalls(expr, unwrappedAuthCalls(parseExpr(expr)!))).toBe(
      '(("naïve_ß" = \'é\'::text) AND ((select auth.uid()) = owner))',
    );
  });
  it('an expression that is not one expression is not parsed', () => {
    expect(parseExpr('1; drop table x')).toBeNull();
    expect(parseExpr('1 from pg_class')).toBeNull();
  });
});

describe('multiple_permissive_policies', () => {
  it('same role and command, with FOR ALL covering every command and TO public every role', () => {
    const m = model([
      table('a', { policies: [policy('p1'), policy('p2')] }),
      table('b', { policies: [policy('all', { command: 'ALL' }), policy('upd', { command: 'UPDATE' })] }),
      table('c', { policies: [policy('pub', { roles: ['public'] }), policy('anon', { roles: ['anon'] })] }),
      table('d', {
        policies: [policy('sel'), policy('ins', { command: 'INSERT' }), policy('anon', { roles: ['anon'] })],
      }),
      table('e', { policies: [policy('p1'), policy('restrictive', { permissive: false })] }),
      table('f', { policies: [policy('p1', { roles: ['service_role'] }), policy('p2', { roles: ['service_role'] })] }),
    ]);
    expect(lint('multiple_permissive_policies', m)).toEqual(['public.a', 'public.b', 'public.c']);
    const rule = LINT_RULES.find((r) => r.info.code === 'multiple_permissive_policies')!;
    const [b] = rule.run(model([m.tables[1]]), { facts: facts(), apiSchemas: ['public'], parseExpr });
    expect(b.message).toContain('authenticated UPDATE: all, upd');
    expect(b.message).not.toContain('SELECT');
  });
});

describe('duplicate_index', () => {
  it('indexes equal but for their names, quoted names included; a different predicate or column is not a duplicate', () => {
    const t = table('t', {
      indexes: [
        pk('t'),
        index('t', 't_a', ['a']),
        index('t', 'Odd "name" ON x', ['a'], 'CREATE INDEX "Odd ""name"" ON x" ON public.t USING btree (a)'),
        index('t', 't_a_partial', ['a'], 'CREATE INDEX t_a_partial ON public.t USING btree (a) WHERE (a > 0)'),
        index('t', 't_b', ['b']),
        {
          ...pk('t'),
          name: 't_id_key',
          definition: 'CREATE UNIQUE INDEX t_id_key ON public.t USING btree (id)',
          primary: false,
        },
      ],
    });
    expect(lint('duplicate_index', model([t]))).toEqual(['public.t t_id_key,t_pkey', 'public.t Odd "name" ON x,t_a']);
    expect(indexShape(t.indexes![2])).toBe('CREATE INDEX ON public.t USING btree (a)');
  });
});

describe('no_primary_key', () => {
  it('ordinary tables without a primary key; not foreign tables or extension tables', () => {
    const m = model([
      table('a', { indexes: [] }),
      table('b'),
      table('f', { kind: 'foreign', indexes: [] }),
      table('x', { indexes: [], extension: 'pg_stat' }),
    ]);
    expect(lint('no_primary_key', m)).toEqual(['public.a']);
  });
});

describe('function_search_path_mutable', () => {
  it('functions without their own search_path, overloads apart; extension functions never', () => {
    const r = (name: string, args: string, searchPath: string | null, extension: string | null = null) => ({
      schema: 'public',
      name,
      identityArgs: args,
      securityDefiner: false,
      searchPath,
      extension,
    });
    const f = facts({
      routines: [
        r('f', 'a integer', null),
        r('f', 'a text', '""'),
        r('g', '', 'public'),
        r('h', '', null, 'pg_trgm'),
        { ...r('i', '', null), schema: 'auth' },
      ],
    });
    expect(lint('function_search_path_mutable', model([]), f)).toEqual(['public.f a integer']);
  });
});

describe('security_definer_view', () => {
  const view = (name: string, over: Partial<View> = {}): View => ({
    schema: 'public',
    name,
    materialized: false,
    columns: [],
    securityInvoker: false,
    extension: null,
    ...over,
  });
  it('exposed views without security_invoker; not invoker views, materialized views or views the API cannot read', () => {
    const m = model(
      [],
      [
        view('a'),
        view('b', { securityInvoker: true }),
        view('m', { materialized: true }),
        view('c'),
        { ...view('d'), schema: 'private' },
      ],
    );
    expect(
      lint(
        'security_definer_view',
        m,
        facts({
          apiReadable: [
            { schema: 'public', name: 'a' },
            { schema: 'public', name: 'b' },
            { schema: 'private', name: 'd' },
          ],
        }),
      ),
    ).toEqual(['public.a']);
  });
});

describe('extension_in_public', () => {
  it('extensions installed in public, but plpgsql', () => {
    const f = facts({
      extensions: [
        { name: 'pg_trgm', schema: 'public', version: '1.6' },
        { name: 'pgcrypto', schema: 'extensions', version: '1.3' },
        { name: 'plpgsql', schema: 'public', version: '1.0' },
      ],
    });
    expect(lint('extension_in_public', model([]), f)).toEqual(['public.pg_trgm']);
  });
});

describe('rls_references_user_metadata', () => {
  it('user_metadata read from auth.jwt() or the claims setting, or raw_user_meta_data; not app_metadata', () => {
    const cases: Record<string, boolean> = {
      "(((auth.jwt() -> 'user_metadata'::text) ->> 'role'::text) = 'admin'::text)": true,
      "((( SELECT auth.jwt() AS jwt) -> 'user_metadata'::text) ->> 'role'::text) = 'admin'::text": true,
      "((auth.jwt() #>> '{user_metadata,role}'::text[]) = 'admin'::text)": true,
      "((((current_setting('request.jwt.claims'::text, true))::jsonb -> 'user_metadata'::text) ->> 'role'::text) = 'admin'::text)": true,
      "(jsonb_extract_path_text(auth.jwt(), 'user_metadata', 'role') = 'admin'::text)": true,
      "(EXISTS ( SELECT 1 FROM auth.users u WHERE ((u.id = auth.uid()) AND ((u.raw_user_meta_data ->> 'role'::text) = 'admin'::text))))": true,
      "(((auth.jwt() -> 'app_metadata'::text) ->> 'role'::text) = 'admin'::text)": false,
      "((data -> 'user_metadata'::text) IS NOT NULL)": false,
      "(note = 'auth.jwt() user_metadata'::text)": false,
    };
    const m = model(Object.keys(cases).map((expr, i) => table(`t${i}`, { policies: [policy('p', { using: expr })] })));
    const flagged = lint('rls_references_user_metadata', m);
    expect(flagged).toEqual(Object.entries(cases).flatMap(([, hit], i) => (hit ? [`public.t${i} p`] : [])));
  });
});
