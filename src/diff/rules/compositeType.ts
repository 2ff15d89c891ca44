/** Composite types: one code for missing on either side and for different attributes. */
import type { FindingInput } from '../../findings/finding.js';
import type { CompositeTypeDelta } from '../delta.js';
import { attributesText } from '../same.js';
import { missingFinding } from './missing.js';

export function compositeTypeRule(d: CompositeTypeDelta): FindingInput[] {
  if (d.op !== 'changed')
    return [missingFinding(d, 'composite type', ['composite_type_mismatch', 'composite_type_mismatch'])];
  const { left, right } = d;
  return [
    {
      code: 'composite_type_mismatch',
      schema: right.schema,
      object: right.name,
      location: right.location,
      message: `composite type ${right.schema}.${right.name} has different attributes`,
      expected: attributesText(right),
      actual: attributesText(left),
    },
  ];
}
