/**
 * Several permissive policies for one role and one command: PostgreSQL evaluates every one of them for every
 * row (they are OR-ed), where one policy with the conditions OR-ed would do.
 */
import type { Policy } from '../../model/schema.js';
import { defineLint } from '../rule.js';
import { qualified, rlsTables } from '../scope.js';

const COMMANDS = ['SELECT', 'INSERT', 'UPDATE', 'DELETE'] as const;
/** The pseudo-role of `TO public`: every role. */
const EVERY_ROLE = 'public';

export interface Overlap {
  role: string;
  command: (typeof COMMANDS)[number];
  policies: string[];
}

/**
 * For each role a policy names, and for `public` (every role), the permissive policies that apply to it per
 * command: `FOR ALL` applies to every command, `TO public` to every role. Roles that bypass RLS, PostgreSQL's
 * own `pg_*` roles and Supabase's admin roles are skipped: policies never apply to them.
 */
export function overlaps(policies: readonly Policy[], bypass: ReadonlySet<string>): Overlap[] {
  const permissive = policies.filter((p) => p.permissive);
  const roles = [...new Set(permissive.flatMap((p) => p.roles))]
    .filter((r) => !bypass.has(r) && !r.startsWith('pg_') && !/^supabase.*admin$/.test(r))
    .sort();
  const out: Overlap[] = [];
  for (const role of roles) {
    for (const command of COMMANDS) {
      const applying = permissive.filter(
        (p) =>
          (p.command === 'ALL' || p.command === command) && (p.roles.includes(role) || p.roles.includes(EVERY_ROLE)),
      );
      if (applying.length > 1) out.push({ role, command, policies: applying.map((p) => p.name).sort() });
    }
  }
  return out;
}

export const multiplePermissivePolicies = defineLint('multiple_permissive_policies', (model, ctx) => {
  const bypass = new Set(ctx.facts.rlsBypassRoles);
  return rlsTables(model.tables).flatMap((t) => {
    const found = overlaps(t.policies ?? [], bypass);
    if (found.length === 0) return [];
    const list = found.map(
      (o) => `${o.role === EVERY_ROLE ? 'every role (public)' : o.role} ${o.command}: ${o.policies.join(', ')}`,
    );
    return [
      {
        schema: t.schema,
        object: t.name,
        message: `table ${qualified(t.schema, t.name)} has several permissive policies for one role and command (${list.join('; ')})`,
      },
    ];
  });
});
