/** In-memory SchemaModels for tests of pure logic (pairing, rules, emitters): no database, no file. */
import type { Column, EnumType, ForeignKey, SchemaModel, Table } from '../../src/model/schema.js';

export function model(parts: Partial<SchemaModel> = {}): SchemaModel {
  const objects = [
    ...(parts.tables ?? []),
    ...(parts.views ?? []),
    ...(parts.enums ?? []),
    ...(parts.functions ?? []),
    ...(parts.compositeTypes ?? []),
  ];
  return {
    schemas: parts.schemas ?? [...new Set(objects.map((o) => o.schema))],
    tables: [],
    views: [],
    enums: [],
    functions: [],
    compositeTypes: [],
    ...parts,
  };
}

/** A column as types.ts describes it (`insertOptional` follows nullability unless given). */
export function col(name: string, tsType: string, extra: Partial<Column> = {}): Column {
  const nullable = extra.nullable ?? false;
  return { name, tsType, nullable, insertOptional: nullable, ...extra };
}

export function table(schema: string, name: string, columns: Column[], foreignKeys: ForeignKey[] = []): Table {
  return { schema, name, kind: 'table', columns, foreignKeys };
}

export function fk(
  name: string,
  columns: string[],
  referencedTable: string,
  referencedColumns: string[],
  referencedSchema = 'public',
): ForeignKey {
  return { name, columns, referencedSchema, referencedTable, referencedColumns };
}

export function enumType(schema: string, name: string, labels: string[]): EnumType {
  return { schema, name, labels };
}
