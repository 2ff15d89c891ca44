/** Every lint remedy, in the order a migration applies them: indexes, RLS, policies, policy rewrites. */
import type { SchemaModel } from '../../model/schema.js';
import type { LintContext } from '../rule.js';
import { foreignKeyIndexes, type IndexOptions } from './foreignKeyIndex.js';
import { initplanRewrites, rlsRemedies } from './policies.js';
import type { RemedyStatement } from './statement.js';

export type { RemedyStatement } from './statement.js';

export function planRemedies(model: SchemaModel, ctx: LintContext, opts: IndexOptions = {}): RemedyStatement[] {
  return [...foreignKeyIndexes(model, opts), ...rlsRemedies(model, ctx), ...initplanRewrites(model, ctx)];
}

/** The statements as SQL text: notes and hazards as comments, destructive ones commented out unless allowed. */
export function renderRemedies(statements: readonly RemedyStatement[], allowDestructive = false): string {
  return statements.map((s) => {
    const lines = [...s.notes.map((n) => `-- ${n}`)];
    if (s.hazards.length) lines.push(`-- hazards: ${s.hazards.join(', ')}`);
    const sql = `${s.sql};`;
    if (s.destructive && !allowDestructive) {
      lines.push(`-- destructive (${s.destructive}); run with --allow-destructive to apply:`);
      lines.push(...sql.split('\n').map((l) => `-- ${l}`));
    } else lines.push(sql);
    return lines.join('\n');
  }).join('\n\n');
}
