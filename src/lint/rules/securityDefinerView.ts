/** A view without security_invoker runs with its owner's rights: it reads past the querying user's RLS. */
import { defineLint } from '../rule.js';
import { apiReachable, isUserObject, qualified } from '../scope.js';

export const securityDefinerView = defineLint('security_definer_view', (model, ctx) =>
  model.views
    .filter((v) => !v.materialized && isUserObject(v) && !v.securityInvoker && apiReachable(v, ctx))
    .map((v) => ({
      schema: v.schema,
      object: v.name,
      message: `view ${qualified(v.schema, v.name)} is exposed through the Data API and runs with its owner's rights (no security_invoker)`,
    })),
);
