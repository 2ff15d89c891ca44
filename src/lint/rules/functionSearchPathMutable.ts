/**
 * A function without its own search_path resolves names through the caller's: a caller who puts a schema of
 * their own first can make it call their objects (dangerous above all in SECURITY DEFINER functions).
 */
import { defineLint } from '../rule.js';
import { isUserObject, qualified } from '../scope.js';

export const functionSearchPathMutable = defineLint('function_search_path_mutable', (_model, ctx) =>
  ctx.facts.routines
    .filter((f) => isUserObject(f) && f.searchPath === null)
    .map((f) => ({
      schema: f.schema,
      object: f.name,
      keyMember: f.identityArgs || undefined,
      message: `function ${qualified(f.schema, f.name)}(${f.identityArgs}) has no search_path of its own${f.securityDefiner ? ' (and is SECURITY DEFINER)' : ''}`,
    })),
);
