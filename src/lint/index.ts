/** The schema lints, in report order, and running them over one database model. */
import type { Finding } from '../findings/finding.js';
import type { DatabaseFacts, SchemaModel } from '../model/schema.js';
import { loadExprParser } from './policyExpr.js';
import type { LintContext, LintRule } from './rule.js';
import { authRlsInitplan } from './rules/authRlsInitplan.js';
import { duplicateIndex } from './rules/duplicateIndex.js';
import { extensionInPublic } from './rules/extensionInPublic.js';
import { functionSearchPathMutable } from './rules/functionSearchPathMutable.js';
import { multiplePermissivePolicies } from './rules/multiplePermissivePolicies.js';
import { noPrimaryKey } from './rules/noPrimaryKey.js';
import { policyExistsRlsDisabled } from './rules/policyExistsRlsDisabled.js';
import { rlsDisabledInPublic } from './rules/rlsDisabledInPublic.js';
import { rlsEnabledNoPolicy } from './rules/rlsEnabledNoPolicy.js';
import { rlsReferencesUserMetadata } from './rules/rlsReferencesUserMetadata.js';
import { securityDefinerView } from './rules/securityDefinerView.js';
import { unindexedForeignKeys } from './rules/unindexedForeignKeys.js';

export const LINT_RULES: readonly LintRule[] = [
  rlsDisabledInPublic,
  policyExistsRlsDisabled,
  securityDefinerView,
  rlsReferencesUserMetadata,
  rlsEnabledNoPolicy,
  functionSearchPathMutable,
  extensionInPublic,
  unindexedForeignKeys,
  authRlsInitplan,
  multiplePermissivePolicies,
  duplicateIndex,
  noPrimaryKey,
];

export interface LintOptions {
  /** Schemas the Data API exposes (default `public`). */
  apiSchemas?: readonly string[];
}

export const DEFAULT_API_SCHEMAS: readonly string[] = ['public'];

/** Runs every lint; loads the SQL parser the policy lints need. */
export async function runLints(model: SchemaModel, facts: DatabaseFacts, opts: LintOptions = {}): Promise<Finding[]> {
  const ctx: LintContext = {
    facts,
    apiSchemas: opts.apiSchemas ?? DEFAULT_API_SCHEMAS,
    parseExpr: await loadExprParser(),
  };
  return LINT_RULES.flatMap((rule) => rule.run(model, ctx));
}
