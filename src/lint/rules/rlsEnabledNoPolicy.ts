/** RLS on and no policy: every API role is refused everything, which is rarely what was meant. */
import { defineLint } from '../rule.js';
import { apiReadable, qualified, rlsTables } from '../scope.js';

export const rlsEnabledNoPolicy = defineLint('rls_enabled_no_policy', (model, ctx) =>
  rlsTables(model.tables)
    // A table the API roles cannot read at all is deliberately service-role only: nothing to say.
    .filter((t) => t.rlsEnabled && (t.policies ?? []).length === 0 && apiReadable(t, ctx))
    .map((t) => ({
      schema: t.schema,
      object: t.name,
      message: `table ${qualified(t.schema, t.name)} has row level security enabled but no policy`,
    })),
);
