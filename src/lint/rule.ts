/**
 * What a schema lint is: a registered code (src/findings/lints.ts: Supabase's advisor name, level, category) and a
 * pure function from one database model to findings. Rules never read a database; `index.ts` lists and runs them.
 */
import { makeFinding, type Finding } from '../findings/finding.js';
import { LINT_CODES, type LintCodeInfo } from '../findings/lints.js';
import type { DatabaseFacts, SchemaModel } from '../model/schema.js';
import type { ExprParser } from './policyExpr.js';

export interface LintContext {
  facts: DatabaseFacts;
  /** Schemas the Data API exposes (`public` unless told otherwise). */
  apiSchemas: readonly string[];
  /** Policy expressions parsed with PostgreSQL's grammar. */
  parseExpr: ExprParser;
}

/** What a rule reports about one object; the registry adds severity, kind and key. */
export interface LintHit {
  schema: string;
  object: string;
  column?: string;
  /** Tells apart several findings of one code on one object (a policy, a foreign key): the key's last part. */
  keyMember?: string;
  message: string;
}

export interface LintRule {
  info: LintCodeInfo;
  run(model: SchemaModel, ctx: LintContext): Finding[];
}

/** A rule for a registered lint code, from a function listing its hits. */
export function defineLint(code: string, hits: (model: SchemaModel, ctx: LintContext) => LintHit[]): LintRule {
  const info = LINT_CODES.find((c) => c.code === code);
  if (!info) throw new Error(`lint code "${code}" is not in src/findings/lints.ts`);
  return { info, run: (model, ctx) => hits(model, ctx).map((h) => makeFinding({ code, ...h })) };
}
