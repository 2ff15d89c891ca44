/** A policy that trusts user_metadata, which every signed-in user can change about themselves. */
import { readsUserMetadata } from '../policyExpr.js';
import { advisorDocs, defineLint } from '../rule.js';
import { qualified, rlsTables } from '../scope.js';

export const rlsReferencesUserMetadata = defineLint({
  code: 'rls_references_user_metadata',
  severity: 'warning',
  splinterLevel: 'ERROR',
  kind: 'policy',
  title: 'RLS references user metadata',
  category: 'security',
  description: "A policy reads the JWT's user_metadata (or auth.users.raw_user_meta_data), which users can edit themselves.",
  remediation: 'Decide access from app_metadata (set only by the server) or from your own tables.',
  docs: advisorDocs('0015_rls_references_user_metadata'),
}, (model, ctx) =>
  rlsTables(model.tables).flatMap((t) => (t.policies ?? []).flatMap((p) => {
    const reads = [p.using, p.withCheck].some((e) => {
      const parsed = e ? ctx.parseExpr(e) : null;
      return parsed !== null && readsUserMetadata(parsed);
    });
    return reads ? [{
      schema: t.schema, object: t.name, keyMember: p.name,
      message: `policy ${p.name} on ${qualified(t.schema, t.name)} decides access from user_metadata, which users can edit`,
    }] : [];
  })));
