/**
 * Structural codes: types.ts ⇄ database. Every one is an error by default, in both directions (DESIGN.md:
 * stale types fail the gate, as Supabase's `gen types` + `git diff --exit-code` recipe does).
 */
import type { CodeInfo } from './registry.js';

/** The README section listing the codes (the package ships no site of its own). */
const DOCS = 'README.md#what-it-does';

type Entry = [code: string, kind: string, title: string, description: string];

const ENTRIES: Entry[] = [
  [
    'table_missing_in_database',
    'table',
    'Table missing in the database',
    'types.ts has a table the database lacks: queries on it fail at run time.',
  ],
  [
    'table_missing_in_types',
    'table',
    'Table missing in types.ts',
    'The database has a table types.ts lacks: the types are stale.',
  ],
  [
    'column_missing_in_database',
    'column',
    'Column missing in the database',
    'types.ts has a column the database lacks.',
  ],
  ['column_missing_in_types', 'column', 'Column missing in types.ts', 'The database has a column types.ts lacks.'],
  [
    'column_type_mismatch',
    'column',
    'Column type differs',
    "The column's TypeScript type differs from what the database's SQL type maps to.",
  ],
  [
    'column_nullability_mismatch',
    'column',
    'Column nullability differs',
    'types.ts and the database disagree on whether the column may be null.',
  ],
  [
    'column_optionality_mismatch',
    'column',
    'Insert optionality differs',
    'Insert makes the column optional on one side only (default, nullable or identity on the other).',
  ],
  ['enum_missing_in_database', 'enum', 'Enum missing in the database', 'types.ts has an enum the database lacks.'],
  ['enum_missing_in_types', 'enum', 'Enum missing in types.ts', 'The database has an enum types.ts lacks.'],
  [
    'enum_values_mismatch',
    'enum',
    'Enum labels differ',
    'The enum has different labels, or the same labels in another order.',
  ],
  [
    'foreign_key_missing_in_database',
    'foreign key',
    'Foreign key missing in the database',
    "types.ts's Relationships list a foreign key the database lacks.",
  ],
  [
    'foreign_key_missing_in_types',
    'foreign key',
    'Foreign key missing in types.ts',
    "The database has a foreign key types.ts's Relationships lack.",
  ],
  [
    'foreign_key_cardinality_mismatch',
    'foreign key',
    'Foreign key cardinality differs',
    "Relationships' isOneToOne differs: a unique key on the foreign key's columns was added or dropped, so an embedded select returns one row on one side and an array on the other.",
  ],
  ['view_missing_in_database', 'view', 'View missing in the database', 'types.ts has a view the database lacks.'],
  ['view_missing_in_types', 'view', 'View missing in types.ts', 'The database has a view types.ts lacks.'],
  [
    'view_updatability_mismatch',
    'view',
    'View updatability differs',
    "The view's Insert/Update in types.ts are not what the database's view allows: it became non-updatable (DISTINCT, a join, an aggregate, a dropped INSTEAD OF trigger) or updatable, so writes through it type-check on one side only.",
  ],
  [
    'function_missing_in_database',
    'function',
    'Function missing in the database',
    'types.ts has a function the database lacks.',
  ],
  [
    'function_missing_in_types',
    'function',
    'Function missing in types.ts',
    'The database has a function types.ts lacks.',
  ],
  [
    'function_signature_mismatch',
    'function',
    'Function signature differs',
    "The function's arguments or return type differ.",
  ],
  [
    'composite_type_mismatch',
    'composite type',
    'Composite type differs',
    'A composite type is missing on one side or has different attributes.',
  ],
  [
    'types_override_stale',
    'override',
    'Stale type override',
    'A MergeDeep override over the generated types names a table, view, column or function the database no longer has.',
  ],
];

export const STRUCTURAL_CODES: CodeInfo[] = ENTRIES.map(([code, kind, title, description]) => ({
  code,
  kind,
  title,
  description,
  severity: 'error',
  category: 'drift',
  docs: DOCS,
}));
