/** A view without security_invoker runs with its owner's rights: it reads past the querying user's RLS. */
import { advisorDocs, defineLint } from '../rule.js';
import { apiReachable, isUserObject, qualified } from '../scope.js';

export const securityDefinerView = defineLint({
  code: 'security_definer_view',
  severity: 'error',
  splinterLevel: 'ERROR',
  kind: 'view',
  title: 'Security definer view',
  category: 'security',
  description: "A view the Data API exposes runs with its owner's privileges and RLS (no security_invoker), not the querying user's.",
  remediation: 'ALTER VIEW … SET (security_invoker = true), or move the view out of the exposed schemas.',
  docs: advisorDocs('0010_security_definer_view'),
}, (model, ctx) =>
  model.views
    .filter((v) => !v.materialized && isUserObject(v) && !v.securityInvoker && apiReachable(v, ctx))
    .map((v) => ({
      schema: v.schema, object: v.name,
      message: `view ${qualified(v.schema, v.name)} is exposed through the Data API and runs with its owner's rights (no security_invoker)`,
    })));
