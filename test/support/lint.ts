/** Findings as short strings for exact comparison: `code schema.object[ member]`, the member unquoted. */
import { findingKey, type Finding } from '../../src/findings/finding.js';

export function memberOf(f: Finding): string | undefined {
  const prefix = findingKey(f.code, f.schema, f.object);
  if (f.key === prefix) return undefined;
  const part = f.key.slice(prefix.length + 1);
  return part.startsWith('"') ? part.slice(1, -1).replace(/""/g, '"') : part;
}

export function describeFinding(f: Finding): string {
  const member = memberOf(f);
  return `${f.code} ${f.schema}.${f.object}${member === undefined ? '' : ` ${member}`}`;
}
