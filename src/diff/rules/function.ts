/** Functions: missing on one side, or overloads that do not match (see `sameOverloads` for the tolerances). */
import type { FindingInput } from '../../findings/finding.js';
import type { FunctionDelta } from '../delta.js';
import { signatureText } from '../same.js';
import { missingFinding } from './missing.js';

export function functionRule(d: FunctionDelta): FindingInput[] {
  if (d.op !== 'changed')
    return [missingFinding(d, 'function', ['function_missing_in_database', 'function_missing_in_types'])];
  const { left, right } = d;
  const expected = right.overloads.map(signatureText).sort().join(' | ');
  const actual = left.overloads.map(signatureText).sort().join(' | ');
  return [
    {
      code: 'function_signature_mismatch',
      schema: right.schema,
      object: right.name,
      location: right.location,
      message: `function ${right.schema}.${right.name}: types.ts has ${expected}; the database has ${actual}`,
      expected,
      actual,
    },
  ];
}
