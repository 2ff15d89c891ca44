/** The finding for an object on one side only, shared by the rules of every object kind. */
import type { FindingInput } from '../../findings/finding.js';
import type { Location } from '../../model/schema.js';
import type { Change } from '../delta.js';

type Named = { schema: string; name: string; location?: Location };

/** `added` (types.ts only) → `codes[0]`, `removed` (database only) → `codes[1]`. */
export function missingFinding<T extends Named>(
  change: Change<T> & { op: 'added' | 'removed' },
  kindText: string,
  codes: readonly [string, string],
): FindingInput {
  const obj = change.op === 'added' ? change.right : change.left;
  const why =
    change.op === 'added' ? 'types.ts has it, the database does not' : 'the database has it, types.ts does not';
  return {
    code: change.op === 'added' ? codes[0] : codes[1],
    schema: obj.schema,
    object: obj.name,
    location: obj.location,
    message: `${kindText} ${obj.schema}.${obj.name}: ${why}`,
  };
}
