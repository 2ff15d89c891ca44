/** Tables on one side only. (Their columns and foreign keys have their own rules.) */
import type { FindingInput } from '../../findings/finding.js';
import type { TableDelta } from '../delta.js';
import { missingFinding } from './missing.js';

export function tableRule(d: TableDelta): FindingInput[] {
  if (d.op === 'changed') return [];
  return [missingFinding(d, 'table', ['table_missing_in_database', 'table_missing_in_types'])];
}
