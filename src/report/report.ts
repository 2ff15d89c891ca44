/** What every report renderer is given: the findings and what was compared. */
import type { Finding } from '../findings/finding.js';

export interface Report {
  database: { kind: 'live' | 'migrations' | 'shadow'; label: string };
  types: string;
  findings: Finding[];
}
