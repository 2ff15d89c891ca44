/**
 * What to do about a finding, in one line: the command that closes the gap in the direction that is likely
 * right, and the exact config entry that silences it when the difference is intended.
 */
import type { Finding } from '../findings/finding.js';

export interface HintContext {
  /** The types file as the user named it (for `schema-drift types --out`). */
  typesFile?: string;
}

/** The `ignore` entry for this finding, as it would be written in schema-drift.config.json. */
export function ignoreEntry(f: Finding): string {
  const target = [f.schema, f.object, ...(f.column !== undefined && !f.column.includes(',') ? [f.column] : [])].join('.');
  return `${f.code}:${target}`;
}

export function hintFor(f: Finding, ctx: HintContext = {}): string {
  const ignore = `or ignore it in schema-drift.config.json: "ignore": [${JSON.stringify(ignoreEntry(f))}]`;
  const regenerate = `regenerate types: schema-drift types${ctx.typesFile ? ` --out ${ctx.typesFile}` : ''}`;
  const migrate = 'write the migration: schema-drift fix';
  if (f.code.endsWith('_missing_in_types')) return `${regenerate}; ${ignore}`;
  if (f.code.endsWith('_missing_in_database')) return `${migrate}; ${ignore}`;
  if (/_mismatch$/.test(f.code)) return `if the database is right, ${regenerate}; if types.ts is right, ${migrate}; ${ignore}`;
  return ignore;
}
