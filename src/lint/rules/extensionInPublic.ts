/** An extension installed into `public`: its functions and types land in the API schema beside the app's. */
import { defineLint } from '../rule.js';

export const extensionInPublic = defineLint('extension_in_public', (_model, ctx) =>
  ctx.facts.extensions
    // plpgsql lives in pg_catalog; splinter also skips it by name should it be elsewhere.
    .filter((e) => e.schema === 'public' && e.name !== 'plpgsql')
    .map((e) => ({
      schema: e.schema,
      object: e.name,
      message: `extension ${e.name} is installed in the public schema`,
    })),
);
