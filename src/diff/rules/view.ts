/** Views on one side only. (Their columns are compared by the column rule.) */
import type { FindingInput } from '../../findings/finding.js';
import type { ViewDelta } from '../delta.js';
import { missingFinding } from './missing.js';

export function viewRule(d: ViewDelta): FindingInput[] {
  if (d.op === 'changed') return [];
  return [missingFinding(d, 'view', ['view_missing_in_database', 'view_missing_in_types'])];
}
