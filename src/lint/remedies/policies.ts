/**
 * Row level security remedies: RLS on where the API can reach a table without it, owner policies where a table
 * has none and its owner column is plain, and per-row auth calls rewritten as `(select …)`.
 */
import { quoteIdent, quoteQualified } from '../../model/quote.js';
import type { Policy, SchemaModel, Table } from '../../model/schema.js';
import { unwrappedAuthCalls, wrapCalls, type ExprParser } from '../policyExpr.js';
import type { LintContext } from '../rule.js';
import { apiReachable, apiReadable, rlsTables } from '../scope.js';
import { fixKey, type RemedyStatement } from './statement.js';

/** Column names that say "the row belongs to this user", best first. */
const OWNER_NAMES = ['user_id', 'owner_id', 'creator_id', 'author_id', 'profile_id', 'account_id'];
const OWNER_STYLE = /(^|_)(user|owner|creator|author|profile|account)_id$/;

const primaryKey = (t: Table): string[] =>
  ((t.indexes ?? []).find((i) => i.primary)?.columns ?? []).filter((c): c is string => c !== null);
const refsUsers = (fk: { referencedSchema: string; referencedTable: string }) =>
  fk.referencedSchema === 'auth' && fk.referencedTable === 'users';

/** A table whose one-column primary key references auth.users (the profiles table of most Supabase apps). */
function isProfilesTable(t: Table): boolean {
  const pk = primaryKey(t);
  return (
    pk.length === 1 &&
    (t.foreignKeys ?? []).some((fk) => fk.columns.length === 1 && fk.columns[0] === pk[0] && refsUsers(fk))
  );
}

export interface Owner {
  column: string;
  why: string;
}

/**
 * The column holding the row's owner: a primary key that itself references auth.users, else a
 * `user_id`/`owner_id`/`creator_id`-style column referencing auth.users or a profiles table. Null when there is
 * none: deciding who may see such rows needs a person.
 */
export function ownerColumn(t: Table, model: SchemaModel): Owner | null {
  const pk = primaryKey(t);
  if (isProfilesTable(t)) return { column: pk[0], why: 'its primary key references auth.users' };
  const profiles = new Set(model.tables.filter(isProfilesTable).map((p) => `${p.schema}\u0000${p.name}`));
  const candidates = (t.foreignKeys ?? [])
    .filter((fk) => fk.columns.length === 1 && OWNER_STYLE.test(fk.columns[0]))
    .filter((fk) => refsUsers(fk) || profiles.has(`${fk.referencedSchema}\u0000${fk.referencedTable}`))
    .map((fk) => ({
      column: fk.columns[0],
      why: `${fk.columns[0]} references ${fk.referencedSchema}.${fk.referencedTable}`,
    }));
  const rank = (c: string) => (OWNER_NAMES.includes(c) ? OWNER_NAMES.indexOf(c) : OWNER_NAMES.length);
  candidates.sort(
    (a, b) => rank(a.column) - rank(b.column) || (a.column < b.column ? -1 : a.column > b.column ? 1 : 0),
  );
  return candidates[0] ?? null;
}

const UID = '(select auth.uid())';

/** select/insert/update/delete for `authenticated`, each limited to the user's own rows. */
function ownerPolicies(t: Table, owner: Owner, fixes: string[]): RemedyStatement[] {
  const table = quoteQualified(t.schema, t.name);
  const own = `${UID} = ${quoteIdent(owner.column)}`;
  const clauses: Array<[string, string]> = [
    ['select', `using (${own})`],
    ['insert', `with check (${own})`],
    ['update', `using (${own}) with check (${own})`],
    ['delete', `using (${own})`],
  ];
  return clauses.flatMap(([command, clause], i) => {
    const name = quoteIdent(`${t.name}: ${command} own`);
    return [
      // The table has no policy: the drop only makes the file safe to apply twice.
      { sql: `drop policy if exists ${name} on ${table}`, hazards: [], notes: [], fixes: [] },
      {
        sql: `create policy ${name} on ${table} for ${command} to authenticated ${clause}`,
        hazards: ['authz_change'],
        notes: i === 0 ? [`owner column ${owner.column}: ${owner.why}`] : [],
        fixes: i === 0 ? fixes : [],
      },
    ];
  });
}

/** RLS on where it is missing, and owner policies where a table has none. */
export function rlsRemedies(model: SchemaModel, ctx: LintContext): RemedyStatement[] {
  const out: RemedyStatement[] = [];
  for (const t of rlsTables(model.tables)) {
    const table = quoteQualified(t.schema, t.name);
    const policies = t.policies ?? [];
    const owner = ownerColumn(t, model);
    const reachable = apiReachable(t, ctx);
    if (!t.rlsEnabled && (reachable || policies.length > 0)) {
      const fixes = [
        ...(reachable ? [fixKey('rls_disabled_in_public', t.schema, t.name)] : []),
        ...(policies.length ? [fixKey('policy_exists_rls_disabled', t.schema, t.name)] : []),
      ];
      const notes =
        policies.length || owner
          ? []
          : [
              `${t.schema}.${t.name} has no owner column: RLS on and no policy, so only the service role (and other roles that bypass RLS) can use it; add policies to open it to users`,
            ];
      out.push({ sql: `alter table ${table} enable row level security`, hazards: ['authz_change'], notes, fixes });
    }
    const needsPolicies = policies.length === 0 && (t.rlsEnabled ? apiReadable(t, ctx) : reachable);
    if (needsPolicies && owner)
      out.push(...ownerPolicies(t, owner, t.rlsEnabled ? [fixKey('rls_enabled_no_policy', t.schema, t.name)] : []));
  }
  return out;
}

const COMMANDS: Record<Policy['command'], string> = {
  ALL: 'all',
  SELECT: 'select',
  INSERT: 'insert',
  UPDATE: 'update',
  DELETE: 'delete',
};

/** `TO` list: `public` is the keyword, any other role is quoted. */
const roleList = (roles: string[]) => roles.map((r) => (r === 'public' ? 'public' : quoteIdent(r))).join(', ');

/** An expression with its per-row auth calls wrapped, or null when it cannot be rewritten safely. */
function rewritten(expr: string | null, parse: ExprParser): string | null | undefined {
  if (expr === null) return null;
  const parsed = parse(expr);
  if (!parsed) return undefined;
  const out = wrapCalls(expr, unwrappedAuthCalls(parsed));
  const again = parse(out);
  return again && unwrappedAuthCalls(again).length === 0 ? out : undefined;
}

/**
 * auth_rls_initplan → the same policy with `(select auth.uid())`: dropped and created again in the file's
 * transaction. Destructive (a policy is dropped): written commented out unless --allow-destructive.
 */
export function initplanRewrites(model: SchemaModel, ctx: LintContext): RemedyStatement[] {
  return rlsTables(model.tables)
    .filter((t) => t.rlsEnabled)
    .flatMap((t) =>
      (t.policies ?? []).flatMap((p) => {
        const calls = [p.using, p.withCheck].flatMap((e) => {
          const parsed = e ? ctx.parseExpr(e) : null;
          return parsed ? unwrappedAuthCalls(parsed) : [];
        });
        if (calls.length === 0) return [];
        const using = rewritten(p.using, ctx.parseExpr);
        const check = rewritten(p.withCheck, ctx.parseExpr);
        if (using === undefined || check === undefined) return [];
        const table = quoteQualified(t.schema, t.name);
        const name = quoteIdent(p.name);
        const reason = `drops and recreates policy ${p.name} on ${t.schema}.${t.name} with its auth calls wrapped in (select …)`;
        return [
          {
            sql: `drop policy if exists ${name} on ${table}`,
            hazards: ['drops_policy', 'authz_change'],
            notes: [],
            destructive: reason,
            fixes: [],
          },
          {
            sql: [
              `create policy ${name} on ${table} as ${p.permissive ? 'permissive' : 'restrictive'} for ${COMMANDS[p.command]} to ${roleList(p.roles)}`,
              ...(using !== null ? [`  using (${using})`] : []),
              ...(check !== null ? [`  with check (${check})`] : []),
            ].join('\n'),
            hazards: ['authz_change'],
            notes: [
              `was: ${[p.using && `using ${p.using}`, p.withCheck && `with check ${p.withCheck}`].filter(Boolean).join(' ')}`,
            ],
            destructive: reason,
            fixes: [fixKey('auth_rls_initplan', t.schema, t.name, p.name)],
          },
        ];
      }),
    );
}
