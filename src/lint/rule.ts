/**
 * What a schema lint is: its registered facts (Supabase's advisor name, level, category) and a pure function
 * from one database model to findings. Rules never read a database; `index.ts` lists them and runs them.
 */
import type { Finding, Severity } from '../diff/finding.js';
import type { DatabaseFacts, SchemaModel } from '../model/schema.js';
import type { LintCode } from './codes.js';
import type { ExprParser } from './policyExpr.js';

export type LintCategory = 'security' | 'performance';

export interface LintInfo {
  /** Supabase's advisor lint name (splinter's `name`), so users recognise it. */
  code: LintCode;
  /** DESIGN.md's default severity (where it differs from splinter's level, README says why). */
  severity: Severity;
  /** splinter's level for the same lint, kept to document the differences. */
  splinterLevel: 'ERROR' | 'WARN' | 'INFO';
  /** The object kind a finding is about: table, view, function, extension. */
  kind: string;
  title: string;
  category: LintCategory;
  description: string;
  remediation: string;
  docs: string;
}

export interface LintContext {
  facts: DatabaseFacts;
  /** Schemas the Data API exposes (`public` unless told otherwise). */
  apiSchemas: readonly string[];
  /** Policy expressions parsed with PostgreSQL's grammar. */
  parseExpr: ExprParser;
}

/** What a rule reports about one object; `lintFinding` adds the code and severity. */
export interface LintHit {
  schema: string;
  object: string;
  column?: string;
  /** Tells apart several findings of one code on one object (a policy, a foreign key): the key's last part. */
  keyMember?: string;
  message: string;
}

export interface LintRule {
  info: LintInfo;
  run(model: SchemaModel, ctx: LintContext): Finding[];
}

export type LintFinding = Finding & { keyMember?: string };

/** Defines a rule from its facts and a function listing its hits. */
export function defineLint(info: LintInfo, hits: (model: SchemaModel, ctx: LintContext) => LintHit[]): LintRule {
  return {
    info,
    run: (model, ctx) => hits(model, ctx).map((h) => lintFinding(info, h)),
  };
}

function lintFinding(info: LintInfo, hit: LintHit): LintFinding {
  return { code: info.code, severity: info.severity, ...hit };
}

/** Supabase's advisor documentation for a lint (splinter's `remediation` link). */
export const advisorDocs = (id: string) => `https://supabase.com/docs/guides/database/database-linter?lint=${id}`;
