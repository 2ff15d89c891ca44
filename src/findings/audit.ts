/** Audit codes (`schema-drift audit`): what a branch's migrations do that deserves a reviewer's eye. */
import type { CodeInfo } from './registry.js';

const DOCS = 'README.md#schema-drift-audit';

type Entry = [code: string, severity: CodeInfo['severity'], kind: string, title: string, description: string];

const ENTRIES: Entry[] = [
  [
    'migration_edited',
    'error',
    'migration',
    'Applied migration edited',
    'A migration already on the base revision was changed or removed: databases that ran it will never run the new text.',
  ],
  [
    'index_not_concurrent',
    'warning',
    'index',
    'Index built without CONCURRENTLY',
    'CREATE INDEX on a table that already exists locks out writes while it builds; use CREATE INDEX CONCURRENTLY (outside a transaction).',
  ],
  [
    'add_column_not_null_without_default',
    'error',
    'column',
    'NOT NULL column without a default',
    'Adding a NOT NULL column without a default to an existing table fails as soon as the table has a row.',
  ],
  ['drop_table', 'warning', 'table', 'Table dropped', 'The branch drops a table: its data is gone.'],
  [
    'drop_column',
    'warning',
    'column',
    'Column dropped',
    'The branch drops a column: its data is gone, and clients still selecting it break.',
  ],
  [
    'column_type_change',
    'warning',
    'column',
    'Column type changed',
    'Changing a column type rewrites the table under an exclusive lock and may fail on existing data.',
  ],
  [
    'possible_rename',
    'warning',
    'column',
    'Possible rename',
    'A column is dropped and another of the same type added in one table: if it is a rename, the data is lost (use RENAME COLUMN).',
  ],
  [
    'new_table_without_rls',
    'error',
    'table',
    'New table without RLS',
    'A table created in an API-exposed schema without ENABLE ROW LEVEL SECURITY is readable and writable by anyone with the anon key.',
  ],
  [
    'types_without_migration',
    'error',
    'types',
    'Types changed without a migration',
    'types.ts changed on the branch but no migration backs it: the database will not match.',
  ],
  [
    'migration_without_types',
    'error',
    'types',
    'Schema changed, types not regenerated',
    "The branch's migrations change what types.ts describes, and types.ts did not follow.",
  ],
];

export const AUDIT_CODES: CodeInfo[] = ENTRIES.map(([code, severity, kind, title, description]) => ({
  code,
  severity,
  kind,
  title,
  description,
  category: 'audit',
  docs: DOCS,
}));
