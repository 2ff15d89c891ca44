/** Every lint remedy, in the order a migration applies them: indexes, RLS, policies, policy rewrites. */
import { statement, type Statement } from '../../emit/statement.js';
import { buildDatabaseFacts, buildModel } from '../../introspect/catalog.js';
import type { CatalogRows } from '../../introspect/sql/rows.js';
import type { SchemaModel } from '../../model/schema.js';
import { DEFAULT_API_SCHEMAS, LINT_RULES } from '../index.js';
import { loadExprParser } from '../policyExpr.js';
import type { LintContext } from '../rule.js';
import { isUserSchema } from '../scope.js';
import { foreignKeyIndexes, type IndexOptions } from './foreignKeyIndex.js';
import { initplanRewrites, rlsRemedies } from './policies.js';
import type { RemedyStatement } from './statement.js';

export type { RemedyStatement } from './statement.js';

export function planRemedies(model: SchemaModel, ctx: LintContext, opts: IndexOptions = {}): RemedyStatement[] {
  return [...foreignKeyIndexes(model, opts), ...rlsRemedies(model, ctx), ...initplanRewrites(model, ctx)];
}

/** The statements as SQL text: notes and hazards as comments, destructive ones commented out unless allowed. */
export function renderRemedies(statements: readonly RemedyStatement[], allowDestructive = false): string {
  return statements
    .map((s) => {
      const lines = [...s.notes.map((n) => `-- ${n}`)];
      if (s.hazards.length) lines.push(`-- hazards: ${s.hazards.join(', ')}`);
      const sql = `${s.sql};`;
      if (s.destructive && !allowDestructive) {
        lines.push(`-- destructive (${s.destructive}); run with --allow-destructive to apply:`);
        lines.push(...sql.split('\n').map((l) => `-- ${l}`));
      } else lines.push(sql);
      return lines.join('\n');
    })
    .join('\n\n');
}

/**
 * For `fix --lints`: the remedies of a database read from catalog rows, as `fix` statements (after the
 * structural ones), with the keys of the lint findings they fix and of those the database has now.
 */
export async function lintFixPlan(
  rows: CatalogRows,
  schemas: readonly string[] | undefined,
  opts: { allowDestructive: boolean; apiSchemas?: readonly string[]; concurrently?: boolean },
): Promise<LintFixPlan> {
  const lintSchemas = schemas?.length ? schemas : rows.SCHEMAS.map((s) => s.name).filter(isUserSchema);
  const model = buildModel(rows, lintSchemas);
  const facts = buildDatabaseFacts(rows, lintSchemas);
  const ctx: LintContext = {
    facts,
    apiSchemas: opts.apiSchemas ?? DEFAULT_API_SCHEMAS,
    parseExpr: await loadExprParser(),
  };
  const remedies = planRemedies(model, ctx, { concurrently: opts.concurrently });
  const fixesOf = new Map<Statement, string[]>();
  const statements = remedies.map((r) => {
    const s = statement(r.outsideTransaction ? 'concurrent' : 'alter', r.sql, {
      hazards: r.hazards,
      notes: r.notes,
      destructive: r.destructive,
    });
    fixesOf.set(s, r.fixes);
    return s;
  });
  const fixes = new Set(remedies.filter((r) => !r.destructive || opts.allowDestructive).flatMap((r) => r.fixes));
  const found = new Set(LINT_RULES.flatMap((rule) => rule.run(model, ctx)).map((f) => f.key));
  return { statements, fixes, found, fixesOf };
}

export interface LintFixPlan {
  statements: Statement[];
  /** Keys of the lint findings the running statements fix. */
  fixes: Set<string>;
  /** Keys of the lint findings the database has. */
  found: Set<string>;
  /** Keys each statement fixes (a policy's drop before its create fixes none by itself). */
  fixesOf: Map<Statement, string[]>;
}
