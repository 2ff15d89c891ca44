/**
 * Statements → the migration file: a header, new enum labels before the transaction, everything else in one
 * transaction, then destructive statements commented out (unless allowed) and the stubs a person must finish.
 * Each statement carries its notes and hazards as comments.
 */
import { sqlComment } from '../model/quote.js';
import { executes } from './plan.js';
import type { Statement } from './statement.js';

export interface RenderOptions {
  allowDestructive: boolean;
  /** Lines for the header (what was compared), already free of secrets. */
  header: string[];
  /** The command that emits the withheld statements (default `schema-drift fix --allow-destructive`). */
  allowCommand?: string;
}

export function renderMigration(statements: Statement[], opts: RenderOptions): string {
  const runs = statements.filter((s) => executes(s, opts.allowDestructive));
  const labels = runs.filter((s) => s.phase === 'enum_label');
  const body = runs.filter((s) => s.phase !== 'enum_label' && s.phase !== 'concurrent');
  const concurrent = runs.filter((s) => s.phase === 'concurrent');
  const withheld = statements.filter((s) => s.phase !== 'stub' && !executes(s, opts.allowDestructive));
  const stubs = statements.filter((s) => s.phase === 'stub');
  const parts: string[] = [opts.header.map(sqlComment).join('\n')];
  if (labels.length) {
    parts.push(
      [
        sqlComment('New enum labels, outside the transaction: a label added inside one cannot be used in it.'),
        ...labels.map(block),
      ].join('\n\n'),
    );
  }
  if (body.length) parts.push(['begin;', ...body.map(block), 'commit;'].join('\n\n'));
  if (concurrent.length) {
    parts.push(
      [
        sqlComment('Built CONCURRENTLY (the database keeps taking writes), so outside the transaction.'),
        ...concurrent.map(block),
      ].join('\n\n'),
    );
  }
  if (withheld.length) {
    parts.push(
      [
        sqlComment(
          `Destructive: not applied. Run \`${opts.allowCommand ?? 'schema-drift fix --allow-destructive'}\` to emit these.`,
        ),
        ...withheld.map((s) =>
          [notes(s), sqlComment(`not applied (${s.destructive}):`), sqlComment(`${s.sql};`)].filter(Boolean).join('\n'),
        ),
      ].join('\n\n'),
    );
  }
  if (stubs.length) {
    parts.push(
      [
        sqlComment('Needs hand-written SQL (types.ts cannot tell it):'),
        ...stubs.map((s) =>
          [notes(s), sqlComment(s.sql.endsWith(';') ? s.sql : `${s.sql};`)].filter(Boolean).join('\n'),
        ),
      ].join('\n\n'),
    );
  }
  return `${parts.join('\n\n')}\n`;
}

function notes(s: Statement): string {
  const lines = [...s.notes];
  if (s.hazards.length) lines.push(`hazards: ${s.hazards.join(', ')}`);
  return lines.map(sqlComment).join('\n');
}

function block(s: Statement): string {
  return [notes(s), `${s.sql};`].filter(Boolean).join('\n');
}
