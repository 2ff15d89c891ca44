/** A table the Data API can reach with row level security off: anyone with the anon key reads and writes it. */
import { defineLint } from '../rule.js';
import { apiReachable, qualified, rlsTables } from '../scope.js';

export const rlsDisabledInPublic = defineLint('rls_disabled_in_public', (model, ctx) =>
  rlsTables(model.tables)
    .filter((t) => !t.rlsEnabled && apiReachable(t, ctx))
    .map((t) => ({
      schema: t.schema,
      object: t.name,
      message: `table ${qualified(t.schema, t.name)} is exposed through the Data API without row level security`,
    })),
);
