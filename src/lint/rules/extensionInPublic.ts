/** An extension installed into `public`: its functions and types land in the API schema beside the app's. */
import { advisorDocs, defineLint } from '../rule.js';

export const extensionInPublic = defineLint({
  code: 'extension_in_public',
  severity: 'warning',
  splinterLevel: 'WARN',
  kind: 'extension',
  title: 'Extension in public',
  category: 'security',
  description: 'An extension is installed in the public schema.',
  remediation: 'Install it into the extensions schema (ALTER EXTENSION … SET SCHEMA extensions, where the extension allows it).',
  docs: advisorDocs('0014_extension_in_public'),
}, (_model, ctx) =>
  ctx.facts.extensions
    // plpgsql lives in pg_catalog; splinter also skips it by name should it be elsewhere.
    .filter((e) => e.schema === 'public' && e.name !== 'plpgsql')
    .map((e) => ({ schema: e.schema, object: e.name, message: `extension ${e.name} is installed in the public schema` })));
