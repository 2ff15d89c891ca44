/** A table the Data API can reach with row level security off: anyone with the anon key reads and writes it. */
import { advisorDocs, defineLint } from '../rule.js';
import { apiReachable, qualified, rlsTables } from '../scope.js';

export const rlsDisabledInPublic = defineLint({
  code: 'rls_disabled_in_public',
  severity: 'error',
  splinterLevel: 'ERROR',
  kind: 'table',
  title: 'RLS disabled in public',
  category: 'security',
  description: 'A table in a schema the Data API exposes, readable by anon or authenticated, has row level security off.',
  remediation: 'ALTER TABLE … ENABLE ROW LEVEL SECURITY, then add policies for what each role may do.',
  docs: advisorDocs('0013_rls_disabled_in_public'),
}, (model, ctx) =>
  rlsTables(model.tables)
    .filter((t) => !t.rlsEnabled && apiReachable(t, ctx))
    .map((t) => ({
      schema: t.schema, object: t.name,
      message: `table ${qualified(t.schema, t.name)} is exposed through the Data API without row level security`,
    })));
