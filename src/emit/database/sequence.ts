/** Sequences of their own (not a column's): CREATE / ALTER with TO's options; DROP (destructive: loses its value). */
import type { DbDelta } from '../../diff/database/pair.js';
import type { Sequence } from '../../model/objects.js';
import { quoteQualified } from '../../model/quote.js';
import type { Statement } from '../statement.js';
import { dbStatement, type DbEmitContext } from './context.js';

const NUMBER = /^-?\d+$/;

function options(s: Sequence): string {
  for (const v of [s.start, s.increment, s.min, s.max, s.cache])
    if (!NUMBER.test(v)) throw new Error(`unexpected sequence option ${JSON.stringify(v)}`);
  if (!/^(smallint|integer|bigint)$/.test(s.dataType)) throw new Error(`unexpected sequence type ${s.dataType}`);
  return `as ${s.dataType} increment by ${s.increment} minvalue ${s.min} maxvalue ${s.max} start with ${s.start} cache ${s.cache} ${s.cycle ? 'cycle' : 'no cycle'}`;
}

export function sequenceStatements(d: DbDelta, ctx: DbEmitContext): Statement[] {
  if (d.op === 'removed') {
    const s = d.left as Sequence;
    return [
      dbStatement('drop', `drop sequence ${quoteQualified(s.schema, s.name)}`, d, {
        hazards: ['deletes_data'],
        destructive: `TO has no sequence ${s.schema}.${s.name} (its current value is lost)`,
      }),
    ];
  }
  const s = d.right as Sequence;
  const name = quoteQualified(s.schema, s.name);
  if (d.op === 'added')
    return [
      dbStatement('sequence', `create sequence ${name} ${options(s)}`, d),
      ...ctx.privilegesOfNew('relation', s.schema, s.name, d),
    ];
  return [dbStatement('alter', `alter sequence ${name} ${options(s)}`, d, { notes: ['its current value is kept'] })];
}
