/** The one result shape every comparison and every lint produces. */
import type { Location } from '../model/schema.js';
import { codeInfo } from './registry.js';

export type Severity = 'error' | 'warning' | 'info';

export interface Finding {
  /** A code registered in `registry.ts`; its severity and category come from there. */
  code: string;
  severity: Severity;
  /** What kind of object the finding is about: table, column, view, enum, foreign key, function, … */
  kind: string;
  /** Stable across runs: `code:schema.object[.column]`, see `findingKey`. */
  key: string;
  schema: string;
  /** The table, view, enum, function or composite type. */
  object: string;
  column?: string;
  message: string;
  /** What types.ts (or the target) says. */
  expected?: string;
  /** What the database (or the current side) has. */
  actual?: string;
  location?: Location;
}

/** What a rule supplies; severity, kind and key are filled in by `makeFinding`. */
export type FindingInput = Omit<Finding, 'severity' | 'key' | 'kind'> & {
  /** Replaces `column` as the key's last part (a foreign key is keyed by its constraint name). */
  keyMember?: string;
};

/** Builds a finding of a registered code; an unregistered code is a programming error. */
export function makeFinding(input: FindingInput): Finding {
  const info = codeInfo(input.code);
  if (!info) throw new Error(`finding code "${input.code}" is not registered`);
  const { keyMember, ...rest } = input;
  const member = keyMember ?? input.column;
  const key = findingKey(input.code, input.schema, input.object, member);
  return { ...rest, code: input.code, severity: info.severity, kind: info.kind, key };
}

/**
 * `code:schema.object[.member]`. A part that is empty or holds anything beyond letters, digits, `_` and `$`
 * is written in double quotes with inner quotes doubled (as SQL quotes identifiers), so `"a.b".c` and
 * `a."b.c"` are different keys and every key splits back into its parts.
 */
export function findingKey(code: string, schema: string, object: string, member?: string): string {
  const parts = member === undefined ? [schema, object] : [schema, object, member];
  return `${code}:${parts.map(keyPart).join('.')}`;
}

function keyPart(name: string): string {
  return /^[\p{L}\p{N}_$]+$/u.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

export const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

export function summarize(findings: readonly Finding[]): Record<Severity, number> {
  const out: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) out[f.severity]++;
  return out;
}
