/**
 * What a remedy generator returns: SQL statements with their hazards and notes, pure functions of the model,
 * for `fix` to order, prove and write like the structural statements.
 */
export type RemedyHazard = 'authz_change' | 'blocks_writes' | 'drops_policy';

export interface RemedyStatement {
  sql: string;
  hazards: RemedyHazard[];
  /** Short reasons and choices, written as comments above the statement. */
  notes: string[];
  /** Destructive: written commented out with this reason unless --allow-destructive. */
  destructive?: string;
  /** Must run outside a transaction (CREATE INDEX CONCURRENTLY). */
  outsideTransaction?: boolean;
  /** The lint findings it fixes, as `code:schema.object[.member]`. */
  fixes: string[];
}

export const fixKey = (code: string, schema: string, object: string, member?: string) =>
  `${code}:${schema}.${object}${member === undefined ? '' : `.${member}`}`;
