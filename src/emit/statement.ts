/** What every SQL generator returns: statements with their hazards and the reasons for inferred choices. */
import type { DbDelta } from '../diff/database/pair.js';
import type { Delta } from '../diff/delta.js';

export type Hazard =
  | 'deletes_data'
  | 'rewrites_table'
  | 'takes_access_exclusive_lock'
  | 'may_fail_on_existing_rows'
  | 'authz_change'
  // Lint remedies (src/lint/remedies/): CREATE INDEX without CONCURRENTLY; a policy dropped to be recreated.
  | 'blocks_writes'
  | 'drops_policy';

/**
 * Where a statement goes in the file. `enum_label` runs before the transaction (a label added inside a
 * transaction cannot be used in it); `stub` is never executed (a body types.ts cannot tell); `concurrent` runs after
 * the transaction (CREATE INDEX CONCURRENTLY cannot run inside one).
 */
export type Phase =
  | 'enum_label'
  | 'schema'
  | 'type'
  | 'table'
  | 'column'
  | 'constraint'
  | 'validate'
  | 'alter'
  | 'drop'
  | 'stub'
  | 'concurrent'
  // Database ⇄ database migrations (src/emit/database/) order more kinds of object; see DB_PHASE_ORDER there.
  | 'unbind'
  | 'extension'
  | 'sequence'
  | 'function_early'
  | 'function'
  | 'index'
  | 'foreign_key'
  | 'view'
  | 'rls'
  | 'policy'
  | 'trigger'
  | 'revoke'
  | 'grant'
  | 'publication';

export const PHASE_ORDER: readonly Phase[] = [
  'enum_label',
  'unbind',
  'schema',
  'extension',
  'type',
  'sequence',
  'function_early',
  'table',
  'column',
  'constraint',
  'index',
  'foreign_key',
  'validate',
  'alter',
  'function',
  'view',
  'rls',
  'policy',
  'trigger',
  'revoke',
  'grant',
  'publication',
  'drop',
  'stub',
  'concurrent',
];

export interface Statement {
  sql: string;
  phase: Phase;
  hazards: Hazard[];
  /** Short reasons for inferred choices, written as comments above the statement. */
  notes: string[];
  /** Destructive: written commented out, with `reason`, unless --allow-destructive. */
  destructive?: string;
  /** The delta the statement reconciles (its findings are what the proof checks are gone). */
  delta?: Delta;
  /** `diff --emit`: the database ⇄ database delta it reconciles (what the proof checks is gone). */
  dbDelta?: DbDelta;
}

export function statement(phase: Phase, sql: string, extra: Partial<Omit<Statement, 'sql' | 'phase'>> = {}): Statement {
  return { sql, phase, hazards: [], notes: [], ...extra };
}
