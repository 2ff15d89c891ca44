/**
 * What the SQL generators know besides the delta: both models (to resolve a foreign key's referenced column and
 * an enum's labels), the config's `columnTypes`, and which schemas exist.
 */
import type { Column, SchemaModel, Table } from '../model/schema.js';
import { quoteIdent, quoteLiteral } from '../model/quote.js';
import { TupleMap } from '../diff/tupleMap.js';
import { parseDatabaseRef, sqlTypeByName, sqlTypeOfTs, type SqlTypeChoice } from './sqlType.js';

export interface EmitOptions {
  /** Exact SQL types by `schema.table.column` (config `columnTypes`). */
  columnTypes?: Record<string, string>;
  allowDestructive?: boolean;
}

export class EmitContext {
  private readonly dbTables: TupleMap<[string, string], Table>;
  private readonly typeTables: TupleMap<[string, string], Table>;
  private readonly chosen = new TupleMap<[string, string, string], SqlTypeChoice>();

  constructor(
    readonly db: SchemaModel,
    readonly types: SchemaModel,
    readonly options: EmitOptions = {},
  ) {
    this.dbTables = new TupleMap(db.tables.map((t) => [[t.schema, t.name], t] as const));
    this.typeTables = new TupleMap(types.tables.map((t) => [[t.schema, t.name], t] as const));
  }

  dbTable(schema: string, name: string): Table | undefined {
    return this.dbTables.get([schema, name]);
  }

  typesTable(schema: string, name: string): Table | undefined {
    return this.typeTables.get([schema, name]);
  }

  /** The SQL type for a column types.ts describes, with the reason (see sqlType.ts for the order). */
  columnType(table: Table, column: Column, visiting = new Set<string>()): SqlTypeChoice {
    const key: [string, string, string] = [table.schema, table.name, column.name];
    const known = this.chosen.get(key);
    if (known) return known;
    const choice = this.chooseType(table, column, visiting);
    this.chosen.set(key, choice);
    return choice;
  }

  private chooseType(table: Table, column: Column, visiting: Set<string>): SqlTypeChoice {
    const overrides = this.options.columnTypes ?? {};
    const configKey = `${table.schema}.${table.name}.${column.name}`;
    if (Object.prototype.hasOwnProperty.call(overrides, configKey))
      return { sql: overrides[configKey], why: `columnTypes["${configKey}"] in the config` };
    const referenced = this.referencedColumnType(table, column, visiting);
    if (referenced) return referenced;
    return sqlTypeByName(column.name, column.tsType) ?? sqlTypeOfTs(column.tsType);
  }

  private referencedColumnType(table: Table, column: Column, visiting: Set<string>): SqlTypeChoice | undefined {
    const visitKey = JSON.stringify([table.schema, table.name, column.name]);
    if (visiting.has(visitKey)) return undefined;
    visiting.add(visitKey);
    for (const fk of table.foreignKeys ?? []) {
      const i = fk.columns.indexOf(column.name);
      if (i < 0) continue;
      const refName = fk.referencedColumns[i];
      const where = `${fk.referencedSchema}.${fk.referencedTable}.${refName}`;
      const dbCol = this.dbTable(fk.referencedSchema, fk.referencedTable)?.columns.find((c) => c.name === refName);
      if (dbCol?.sqlType) return { sql: dbCol.sqlType, why: `the type of the referenced column ${where}` };
      const refTable = this.typesTable(fk.referencedSchema, fk.referencedTable);
      const typesCol = refTable?.columns.find((c) => c.name === refName);
      if (refTable && typesCol) {
        const t = this.columnType(refTable, typesCol, visiting);
        // An identity column is referenced by its plain integer type.
        return { sql: t.sql, why: `the type of the referenced column ${where}` };
      }
    }
    return undefined;
  }

  /** Labels of an enum, from the database or types.ts. */
  enumLabels(schema: string, name: string): string[] | undefined {
    const find = (m: SchemaModel) => m.enums.find((e) => e.schema === schema && e.name === name)?.labels;
    return find(this.types) ?? find(this.db);
  }

  /**
   * What makes a NOT NULL column optional in Insert, as types.ts says it is: an identity for a numeric `id`,
   * else a default by type. Undefined when nothing sensible can be inferred.
   */
  impliedDefault(column: Column, sqlType: string): { sql: string; why: string } | undefined {
    const integral = sqlType === 'bigint' || sqlType === 'integer';
    if (integral && (column.name === 'id' || column.insertNever)) {
      const always = column.insertNever ? 'always' : 'by default';
      return {
        sql: `generated ${always} as identity`,
        why: `identity (${column.insertNever ? 'never written in Insert' : 'optional in Insert'})`,
      };
    }
    const fixed: Record<string, string> = {
      uuid: 'gen_random_uuid()',
      timestamptz: 'now()',
      timestamp: 'now()',
      date: 'current_date',
      boolean: 'false',
      jsonb: "'{}'::jsonb",
      json: "'{}'::json",
      text: "''",
    };
    const ofType = Object.prototype.hasOwnProperty.call(fixed, sqlType) ? fixed[sqlType] : undefined;
    if (ofType) return { sql: `default ${ofType}`, why: `default ${ofType} (optional in Insert)` };
    if (sqlType.endsWith('[]')) return { sql: "default '{}'", why: "default '{}' (optional in Insert)" };
    if (integral || sqlType.startsWith('numeric')) return { sql: 'default 0', why: 'default 0 (optional in Insert)' };
    const ref = parseDatabaseRef(column.tsType);
    if (ref?.[1] === 'Enums') {
      const first = this.enumLabels(ref[0], ref[2])?.[0];
      if (first !== undefined)
        return {
          sql: `default ${quoteLiteral(first)}`,
          why: `default ${first}, the enum's first label (optional in Insert)`,
        };
    }
    return undefined;
  }

  /** `"name" type [identity | default …] [not null]`, and why (the SQL type's reason, then the default's). */
  columnDefinition(table: Table, column: Column): { sql: string; why: string } {
    const type = this.columnType(table, column);
    const why = [type.why];
    let sql = `${quoteIdent(column.name)} ${type.sql}`;
    if (!column.nullable && (column.insertOptional || column.insertNever)) {
      const d = this.impliedDefault(column, type.sql);
      if (d) {
        sql += ` ${d.sql}`;
        why.push(d.why);
      } else why.push('Insert makes it optional but no default could be inferred: add one');
    }
    if (!column.nullable) sql += ' not null';
    return { sql, why: why.join('; ') };
  }
}
