/** Enums: missing on one side, or with different labels (order counts: it is the sort order). */
import type { FindingInput } from '../../findings/finding.js';
import type { EnumDelta } from '../delta.js';
import { missingFinding } from './missing.js';

export function enumRule(d: EnumDelta): FindingInput[] {
  const codes = ['enum_missing_in_database', 'enum_missing_in_types'] as const;
  if (d.op === 'added') return [{ ...missingFinding(d, 'enum', codes), expected: d.right.labels.join(', ') }];
  if (d.op === 'removed') return [{ ...missingFinding(d, 'enum', codes), actual: d.left.labels.join(', ') }];
  const { left, right } = d;
  return [
    {
      code: 'enum_values_mismatch',
      schema: right.schema,
      object: right.name,
      location: right.location,
      message: `enum ${right.schema}.${right.name} has different labels${describeLabelChange(right.labels, left.labels)}`,
      expected: right.labels.join(', '),
      actual: left.labels.join(', '),
    },
  ];
}

function describeLabelChange(expected: string[], actual: string[]): string {
  const added = actual.filter((l) => !expected.includes(l));
  const removed = expected.filter((l) => !actual.includes(l));
  const parts = [];
  if (added.length) parts.push(`only in the database: ${added.join(', ')}`);
  if (removed.length) parts.push(`only in types.ts: ${removed.join(', ')}`);
  if (!parts.length) parts.push('same labels, different order');
  return ` (${parts.join('; ')})`;
}
