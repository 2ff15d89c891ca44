/** Columns of tables and views present on both sides: missing, or a different type, nullability or optionality. */
import type { FindingInput } from '../../findings/finding.js';
import type { Column } from '../../model/schema.js';
import type { ColumnChange, ColumnDelta } from '../delta.js';
import { typeText } from '../same.js';

export function columnRule(d: ColumnDelta): FindingInput[] {
  const t = d.parent.right;
  const base = { schema: t.schema, object: t.name };
  if (d.op === 'added') {
    const c = d.right;
    return [
      {
        ...base,
        code: 'column_missing_in_database',
        column: c.name,
        location: c.location,
        message: `column ${where(d, c)}: types.ts has it, the database does not`,
        expected: typeText(c),
      },
    ];
  }
  if (d.op === 'removed') {
    const c = d.left;
    return [
      {
        ...base,
        code: 'column_missing_in_types',
        column: c.name,
        location: t.location,
        message: `column ${where(d, c)}: the database has it, types.ts does not`,
        actual: `${c.sqlType}`,
      },
    ];
  }
  return d.changes.map((change) => ({
    ...base,
    column: d.right.name,
    location: d.right.location,
    ...changeFinding(change, where(d, d.right), d.right, d.left),
  }));
}

const where = (d: ColumnDelta, c: Column) => `${d.parent.right.schema}.${d.parent.right.name}.${c.name}`;

function changeFinding(
  change: ColumnChange,
  where: string,
  tc: Column,
  dc: Column,
): Pick<FindingInput, 'code' | 'message' | 'expected' | 'actual'> {
  switch (change) {
    case 'type':
      return {
        code: 'column_type_mismatch',
        message: `column ${where}: types.ts says ${tc.tsType}, the database's ${dc.sqlType} is ${dc.tsType}`,
        expected: tc.tsType,
        actual: `${dc.tsType} (${dc.sqlType})`,
      };
    case 'nullability':
      return {
        code: 'column_nullability_mismatch',
        message: `column ${where}: types.ts says ${tc.nullable ? 'nullable' : 'NOT NULL'}, the database says ${dc.nullable ? 'nullable' : 'NOT NULL'}`,
        expected: tc.nullable ? 'nullable' : 'not null',
        actual: dc.nullable ? 'nullable' : 'not null',
      };
    case 'writability': {
      const writes = (never: boolean) => (never ? 'never written (`?: never`)' : 'writable');
      return {
        code: 'column_optionality_mismatch',
        message: `column ${where}: Insert says ${writes(Boolean(tc.insertNever))}, the database makes it ${writes(Boolean(dc.insertNever))} (${dc.identity ? `identity ${dc.identity}` : dc.generated ? 'generated' : 'a plain column'})`,
        expected: tc.insertNever ? 'never' : 'writable',
        actual: dc.insertNever ? 'never' : 'writable',
      };
    }
    case 'optionality': {
      const why = dc.insertOptional ? describeOptional(dc) : 'NOT NULL with no default';
      return {
        code: 'column_optionality_mismatch',
        message: `column ${where}: Insert says ${tc.insertOptional ? 'optional' : 'required'}, the database makes it ${dc.insertOptional ? 'optional' : 'required'} (${why})`,
        expected: tc.insertOptional ? 'optional' : 'required',
        actual: dc.insertOptional ? 'optional' : 'required',
      };
    }
  }
}

function describeOptional(c: Column): string {
  if (c.generated) return 'generated';
  if (c.identity) return `identity ${c.identity}`;
  if (c.default != null) return `default ${c.default}`;
  return 'nullable';
}
