/**
 * A function without its own search_path resolves names through the caller's: a caller who puts a schema of
 * their own first can make it call their objects (dangerous above all in SECURITY DEFINER functions).
 */
import { advisorDocs, defineLint } from '../rule.js';
import { isUserObject, qualified } from '../scope.js';

export const functionSearchPathMutable = defineLint({
  code: 'function_search_path_mutable',
  severity: 'warning',
  splinterLevel: 'WARN',
  kind: 'function',
  title: 'Function search path mutable',
  category: 'security',
  description: 'A function does not set search_path, so the names it uses resolve through the caller\'s search_path.',
  remediation: "ALTER FUNCTION … SET search_path = '' and schema-qualify the names in its body.",
  docs: advisorDocs('0011_function_search_path_mutable'),
}, (_model, ctx) =>
  ctx.facts.routines
    .filter((f) => isUserObject(f) && f.searchPath === null)
    .map((f) => ({
      schema: f.schema, object: f.name, keyMember: f.identityArgs,
      message: `function ${qualified(f.schema, f.name)}(${f.identityArgs}) has no search_path of its own${f.securityDefiner ? ' (and is SECURITY DEFINER)' : ''}`,
    })));
