/**
 * What a remedy generator returns: SQL statements with their hazards and notes, pure functions of the model,
 * for `fix` to order, prove and write like the structural statements.
 */
import type { Hazard } from '../../emit/statement.js';

export type RemedyHazard = Extract<Hazard, 'authz_change' | 'blocks_writes' | 'drops_policy'>;

export interface RemedyStatement {
  sql: string;
  hazards: RemedyHazard[];
  /** Short reasons and choices, written as comments above the statement. */
  notes: string[];
  /** Destructive: written commented out with this reason unless --allow-destructive. */
  destructive?: string;
  /** Must run outside a transaction (CREATE INDEX CONCURRENTLY). */
  outsideTransaction?: boolean;
  /** Keys of the lint findings it fixes (`findingKey`). */
  fixes: string[];
}

export { findingKey as fixKey } from '../../findings/finding.js';
