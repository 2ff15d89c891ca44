/**
 * `auth.uid()` (and the other auth helpers, and current_setting()) called straight in a policy runs once per
 * row; written `(select auth.uid())` PostgreSQL runs it once per statement as an init plan.
 */
import type { Policy } from '../../model/schema.js';
import { unwrappedAuthCalls, type AuthCall, type ExprParser } from '../policyExpr.js';
import { defineLint } from '../rule.js';
import { qualified, rlsTables } from '../scope.js';

/** The per-row calls in a policy's USING and WITH CHECK expressions. */
export function perRowCalls(policy: Policy, parse: ExprParser): { using: AuthCall[]; withCheck: AuthCall[] } {
  const calls = (expr: string | null) => {
    const parsed = expr ? parse(expr) : null;
    return parsed ? unwrappedAuthCalls(parsed) : [];
  };
  return { using: calls(policy.using), withCheck: calls(policy.withCheck) };
}

export const authRlsInitplan = defineLint('auth_rls_initplan', (model, ctx) =>
  rlsTables(model.tables)
    .filter((t) => t.rlsEnabled)
    .flatMap((t) =>
      (t.policies ?? []).flatMap((p) => {
        const { using, withCheck } = perRowCalls(p, ctx.parseExpr);
        const called = [...new Set([...using, ...withCheck].map((c) => `${c.name}()`))];
        if (called.length === 0) return [];
        return [
          {
            schema: t.schema,
            object: t.name,
            keyMember: p.name,
            message: `policy ${p.name} on ${qualified(t.schema, t.name)} calls ${called.join(', ')} for each row; write (select ${called[0]})`,
          },
        ];
      }),
    ),
);
