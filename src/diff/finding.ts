/** The one result shape every comparison and every lint produces. */
import type { Location } from '../model/schema.js';

export type Severity = 'error' | 'warning' | 'info';

export const STRUCTURAL_CODES = [
  'table_missing_in_database', 'table_missing_in_types',
  'column_missing_in_database', 'column_missing_in_types',
  'column_type_mismatch', 'column_nullability_mismatch', 'column_optionality_mismatch',
  'enum_missing_in_database', 'enum_missing_in_types', 'enum_values_mismatch',
  'foreign_key_missing_in_database', 'foreign_key_missing_in_types',
  'view_missing_in_database', 'view_missing_in_types',
  'function_missing_in_database', 'function_missing_in_types', 'function_signature_mismatch',
  'composite_type_mismatch',
  'types_override_stale',
] as const;

export type FindingCode = (typeof STRUCTURAL_CODES)[number];

export interface Finding {
  code: FindingCode;
  severity: Severity;
  schema: string;
  /** The table, view, enum, function or composite type. */
  object: string;
  column?: string;
  message: string;
  /** What types.ts says. */
  expected?: string;
  /** What the database has. */
  actual?: string;
  location?: Location;
}

/** DESIGN.md's defaults: what the types need and the database lacks breaks the app; the reverse is a warning. */
export function defaultSeverity(code: FindingCode): Severity {
  if (code.endsWith('_missing_in_database') || code.endsWith('_mismatch')) return 'error';
  return 'warning';
}

export const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

export function summarize(findings: readonly Finding[]): Record<Severity, number> {
  const out: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) out[f.severity]++;
  return out;
}
