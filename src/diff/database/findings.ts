/** Database ⇄ database deltas → findings: one per delta, with both definitions (TO as expected, FROM as actual). */
import { dbCode, DB_KINDS } from '../../findings/database.js';
import { makeFinding, type Finding } from '../../findings/finding.js';
import type { DbDelta } from './pair.js';

export function databaseFindings(deltas: readonly DbDelta[]): Finding[] {
  return deltas.map((d) => {
    const word = DB_KINDS[d.kind];
    const what = `${word} ${[d.schema, d.object].filter(Boolean).join('.')}${d.member !== undefined && d.kind !== 'grant' ? ` ${d.kind === 'function' || d.kind === 'function_body' ? `(${d.member})` : d.member}` : ''}`;
    const message =
      d.op === 'added'
        ? `${what}: TO has ${d.kind === 'grant' ? d.to : 'it'}, FROM does not`
        : d.op === 'removed'
          ? `${what}: FROM has ${d.kind === 'grant' ? d.from : 'it'}, TO does not`
          : `${what}: ${d.facts?.join(', ') ?? 'definition'} differ${d.facts?.length === 1 ? 's' : ''}`;
    return makeFinding({
      code: dbCode(d.kind, d.op),
      schema: d.schema,
      object: d.object,
      ...(d.kind === 'column' ? { column: d.member } : {}),
      ...(d.member !== undefined && d.kind !== 'column' ? { keyMember: d.member } : {}),
      message,
      ...(d.to !== undefined ? { expected: d.to } : {}),
      ...(d.from !== undefined ? { actual: d.from } : {}),
    });
  });
}
