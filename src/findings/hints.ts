/**
 * What to do about a finding, in one line: the command that closes the gap in the direction that is likely
 * right, and the exact config entry that silences it when the difference is intended.
 */
import type { Finding } from './finding.js';
import { codeInfo } from './registry.js';

export interface HintContext {
  /** The types file as the user named it (for `schema-drift types --out`). */
  typesFile?: string;
}

/** The `ignore` entry for this finding, as it would be written in schema-drift.config.json. */
export function ignoreEntry(f: Finding): string {
  const target = [f.schema, f.object, ...(f.column !== undefined && !f.column.includes(',') ? [f.column] : [])].join(
    '.',
  );
  return `${f.code}:${target}`;
}

export function hintFor(f: Finding, ctx: HintContext = {}): string {
  const ignore = `or ignore it in schema-drift.config.json: "ignore": [${JSON.stringify(ignoreEntry(f))}]`;
  const regenerate = `regenerate types: schema-drift types${ctx.typesFile ? ` --out ${ctx.typesFile}` : ''}`;
  const migrate = 'write the migration: schema-drift fix';
  if (f.code.endsWith('_missing_in_types')) return `${regenerate}; ${ignore}`;
  if (f.code.endsWith('_missing_in_database')) return `${migrate}; ${ignore}`;
  if (/_mismatch$/.test(f.code))
    return `if the database is right, ${regenerate}; if types.ts is right, ${migrate}; ${ignore}`;
  const remediation = codeInfo(f.code)?.remediation;
  return remediation ? `${remediation.replace(/\.$/, '')}; ${ignore}` : ignore;
}

/** The one command to run next, for the end of a report: what closes most of what was found. */
export function nextCommand(findings: readonly Finding[], ctx: HintContext = {}): string | undefined {
  const ahead = findings.filter((f) => f.code.endsWith('_missing_in_database')).length;
  const stale = findings.filter((f) => f.code.endsWith('_missing_in_types')).length;
  const lints = findings.filter(
    (f) => codeInfo(f.code)?.category === 'security' || codeInfo(f.code)?.category === 'performance',
  ).length;
  if (ahead === 0 && stale === 0 && lints === 0) return undefined;
  if (ahead >= stale && ahead > 0)
    return 'schema-drift fix   (writes the migration that brings the database up to types.ts)';
  if (stale > 0)
    return `schema-drift types --out ${ctx.typesFile ?? 'FILE'}   (regenerates types.ts from the database)`;
  return 'schema-drift fix --lints   (writes indexes, RLS and policies for the lints it can fix)';
}
