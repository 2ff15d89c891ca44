/** What every report renderer is given: the findings and what was compared. */
import type { Finding } from '../findings/finding.js';

export interface DatabaseLabel {
  kind: 'live' | 'migrations' | 'shadow';
  label: string;
}

export interface Report {
  /** The database compared (for `diff`: the FROM side). */
  database: DatabaseLabel;
  /** The types file compared; null for a schema audit (no types file: lints only); empty for `diff`. */
  types: string | null;
  /** `diff` only: the TO side. */
  to?: DatabaseLabel;
  findings: Finding[];
  /** The command to run next (check only), printed after the summary. */
  next?: string;
  /** check with the markdown format only: the migration `schema-drift fix` would write (not proved). */
  fixSql?: string;
}
