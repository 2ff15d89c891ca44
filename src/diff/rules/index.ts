/** Drift rules: deltas → findings, one rule per object kind. A new kind adds one line here. */
import { makeFinding, type Finding, type FindingInput } from '../../findings/finding.js';
import type { Delta, DeltaKind, DeltaOf } from '../delta.js';
import { columnRule } from './column.js';
import { compositeTypeRule } from './compositeType.js';
import { enumRule } from './enum.js';
import { foreignKeyRule } from './foreignKey.js';
import { functionRule } from './function.js';
import { tableRule } from './table.js';
import { viewRule } from './view.js';

const RULES: { [K in DeltaKind]: (d: DeltaOf<K>) => FindingInput[] } = {
  table: tableRule,
  view: viewRule,
  column: columnRule,
  foreignKey: foreignKeyRule,
  enum: enumRule,
  function: functionRule,
  compositeType: compositeTypeRule,
};

export function driftFindings(deltas: readonly Delta[]): Finding[] {
  return deltas.flatMap((d) => (RULES[d.kind] as (d: Delta) => FindingInput[])(d).map(makeFinding));
}
