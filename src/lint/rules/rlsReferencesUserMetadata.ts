/** A policy that trusts user_metadata, which every signed-in user can change about themselves. */
import { readsUserMetadata } from '../policyExpr.js';
import { defineLint } from '../rule.js';
import { qualified, rlsTables } from '../scope.js';

export const rlsReferencesUserMetadata = defineLint('rls_references_user_metadata', (model, ctx) =>
  rlsTables(model.tables).flatMap((t) =>
    (t.policies ?? []).flatMap((p) => {
      const reads = [p.using, p.withCheck].some((e) => {
        const parsed = e ? ctx.parseExpr(e) : null;
        return parsed !== null && readsUserMetadata(parsed);
      });
      return reads
        ? [
            {
              schema: t.schema,
              object: t.name,
              keyMember: p.name,
              message: `policy ${p.name} on ${qualified(t.schema, t.name)} decides access from user_metadata, which users can edit`,
            },
          ]
        : [];
    }),
  ),
);
