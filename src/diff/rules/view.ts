/**
 * Views on one side only, and views whose `Insert`/`Update` in types.ts are not what the database's view allows
 * (it became non-updatable, or updatable): that decides whether a client may write through it at all. (Their
 * columns are compared by the column rule.)
 */
import type { FindingInput } from '../../findings/finding.js';
import type { ViewDelta } from '../delta.js';
import { viewWrites, viewWritesText } from '../same.js';
import { missingFinding } from './missing.js';

export function viewRule(d: ViewDelta): FindingInput[] {
  if (d.op !== 'changed') return [missingFinding(d, 'view', ['view_missing_in_database', 'view_missing_in_types'])];
  const { left, right } = d;
  if (!right.writes) return [];
  // Today's rule (postgrest-typegen) names what the database allows; the older one is the same for a plain view.
  const allowed = viewWrites(left)[1];
  const expected = viewWritesText(right.writes);
  const actual = viewWritesText(allowed);
  return [
    {
      code: 'view_updatability_mismatch',
      schema: right.schema,
      object: right.name,
      location: right.location,
      message: `view ${right.schema}.${right.name}: types.ts has ${expected}, the database's view allows ${
        allowed.insert || allowed.update ? actual : 'no writes (not updatable)'
      }`,
      expected,
      actual,
    },
  ];
}
