/**
 * Database ⇄ database codes (`schema-drift diff`, and `audit` between revisions). One code per object kind and
 * direction or change: `_missing_in_to` (FROM has it, TO lacks it), `_missing_in_from` (TO has it, FROM lacks
 * it), `_differs` (on both, different). Each finding carries both definitions as expected (TO) / actual (FROM).
 */
import type { CodeInfo } from './registry.js';

const DOCS = 'README.md#schema-drift-diff';

/** Object kinds compared between databases, with the word used in messages. */
export const DB_KINDS = {
  table: 'table',
  column: 'column',
  constraint: 'constraint',
  index: 'index',
  rls: 'row level security',
  policy: 'policy',
  trigger: 'trigger',
  view: 'view',
  function: 'function',
  function_body: 'function body',
  enum: 'enum',
  composite_type: 'composite type',
  grant: 'grant',
  sequence: 'sequence',
  extension: 'extension',
  publication: 'publication',
} as const;

export type DbKind = keyof typeof DB_KINDS;

/** Kinds that are only ever "differs" (they exist whenever their parent does). */
const CHANGE_ONLY = new Set<DbKind>(['rls', 'function_body']);
/** Kinds that are only present or absent (a grant has no definition to differ). */
const PRESENCE_ONLY = new Set<DbKind>(['grant']);

export function dbCode(kind: DbKind, op: 'added' | 'removed' | 'changed'): string {
  if (op === 'changed') return kind === 'function_body' ? 'function_body_differs' : `${kind}_differs`;
  return `${kind}_missing_in_${op === 'added' ? 'from' : 'to'}`;
}

export const DATABASE_CODES: CodeInfo[] = (Object.keys(DB_KINDS) as DbKind[]).flatMap((kind) => {
  const word = DB_KINDS[kind];
  const make = (code: string, title: string, description: string): CodeInfo => ({
    code,
    kind: word,
    title,
    description,
    severity: 'error',
    category: 'diff',
    docs: DOCS,
  });
  const out: CodeInfo[] = [];
  if (!CHANGE_ONLY.has(kind)) {
    out.push(make(dbCode(kind, 'removed'), `${cap(word)} missing in TO`, `FROM has this ${word}; TO does not.`));
    out.push(make(dbCode(kind, 'added'), `${cap(word)} missing in FROM`, `TO has this ${word}; FROM does not.`));
  }
  if (!PRESENCE_ONLY.has(kind))
    out.push(
      make(dbCode(kind, 'changed'), `${cap(word)} differs`, `The ${word} is defined differently in FROM and TO.`),
    );
  return out;
});

function cap(s: string): string {
  return s[0].toUpperCase() + s.slice(1);
}
