/** Policies written but never enforced: RLS is off on their table. */
import { advisorDocs, defineLint } from '../rule.js';
import { qualified, rlsTables } from '../scope.js';

export const policyExistsRlsDisabled = defineLint({
  code: 'policy_exists_rls_disabled',
  severity: 'error',
  splinterLevel: 'ERROR',
  kind: 'table',
  title: 'Policy exists, RLS disabled',
  category: 'security',
  description: 'A table has row level security policies, but row level security is not enabled, so none of them applies.',
  remediation: 'ALTER TABLE … ENABLE ROW LEVEL SECURITY (or drop the policies if the table is meant to be open).',
  docs: advisorDocs('0007_policy_exists_rls_disabled'),
}, (model) =>
  rlsTables(model.tables)
    .filter((t) => !t.rlsEnabled && (t.policies ?? []).length > 0)
    .map((t) => ({
      schema: t.schema, object: t.name,
      message: `table ${qualified(t.schema, t.name)} has policies (${t.policies!.map((p) => p.name).sort().join(', ')}) but row level security is off`,
    })));
