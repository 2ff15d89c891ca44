/** Policies written but never enforced: RLS is off on their table. */
import { defineLint } from '../rule.js';
import { qualified, rlsTables } from '../scope.js';

export const policyExistsRlsDisabled = defineLint('policy_exists_rls_disabled', (model) =>
  rlsTables(model.tables)
    .filter((t) => !t.rlsEnabled && (t.policies ?? []).length > 0)
    .map((t) => ({
      schema: t.schema,
      object: t.name,
      message: `table ${qualified(t.schema, t.name)} has policies (${t
        .policies!.map((p) => p.name)
        .sort()
        .join(', ')}) but row level security is off`,
    })),
);
