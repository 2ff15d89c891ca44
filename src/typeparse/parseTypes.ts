/**
 * types.ts → SchemaModel. Reads the `Database` type that `supabase gen types typescript` writes, in every
 * shape the generator has used over its versions, and keeps the line of each table, column, enum and function.
 *
 * It walks the TypeScript compiler's own syntax tree (ts-morph's bundled `ts`), loaded lazily: the import
 * costs a few hundred milliseconds that commands not reading types should not pay.
 */
import { createRequire } from 'node:module';
import type { ts as TS } from 'ts-morph';
import { InputError } from '../errors.js';
import type {
  Column, CompositeType, EnumType, ForeignKey, FunctionArg, FunctionDef, FunctionSignature, Location, SchemaModel,
  Table, View,
} from '../model/schema.js';
import { arrayOf, normalizeTsType, objectType, splitNullable } from '../model/tsType.js';
import { readSourceText } from './readSource.js';

/** Keys of `Database` that are not schemas. */
const NOT_SCHEMAS = new Set(['__InternalSupabase']);

export async function parseTypesFile(file: string): Promise<SchemaModel> {
  const text = readSourceText(file);
  return parseTypesText(loadTypeScript(), text, file);
}

/**
 * The TypeScript compiler ts-morph bundles, without ts-morph's own wrapper layer (which this reader does not
 * use and which costs ~60 ms to load). Resolved from ts-morph's location, so it is the very copy ts-morph uses.
 */
export function loadTypeScript(): typeof TS {
  const fromTsMorph = createRequire(createRequire(import.meta.url).resolve('ts-morph'));
  return (fromTsMorph('@ts-morph/common') as { ts: typeof TS }).ts;
}

export function parseTypesText(ts: typeof TS, text: string, file: string): SchemaModel {
  // No parent pointers: the reader walks down only, and setting them costs a pass over the whole tree.
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const diagnostics = (sf as unknown as { parseDiagnostics?: TS.Diagnostic[] }).parseDiagnostics ?? [];
  if (diagnostics.length > 0) {
    const d = diagnostics[0];
    const line = sf.getLineAndCharacterOfPosition(d.start ?? 0).line + 1;
    throw new InputError(`${file}:${line}: TypeScript syntax error: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
  }
  return new TypesReader(ts, sf, file).read();
}

class TypesReader {
  private readonly model: SchemaModel = { schemas: [], tables: [], views: [], enums: [], functions: [], compositeTypes: [] };

  constructor(private readonly ts: typeof TS, private readonly sf: TS.SourceFile, private readonly file: string) {}

  read(): SchemaModel {
    const database = this.findDatabase();
    for (const member of database) {
      const name = this.memberName(member);
      if (name === undefined || NOT_SCHEMAS.has(name)) continue;
      const body = this.memberType(member);
      if (!body || !this.ts.isTypeLiteralNode(body)) continue;
      this.model.schemas.push(name);
      this.readSchema(name, body);
    }
    if (this.model.schemas.length === 0) {
      throw new InputError(`${this.file}: the Database type has no schemas (expected e.g. public: { Tables: … })`);
    }
    return this.model;
  }

  private findDatabase(): TS.NodeArray<TS.TypeElement> {
    const { ts } = this;
    for (const stmt of this.sf.statements) {
      if (ts.isTypeAliasDeclaration(stmt) && stmt.name.text === 'Database' && ts.isTypeLiteralNode(stmt.type)) {
        return stmt.type.members;
      }
      if (ts.isInterfaceDeclaration(stmt) && stmt.name.text === 'Database') return stmt.members;
    }
    throw new InputError(`${this.file}: not a Supabase types file (no \`export type Database = { … }\` or \`interface Database\`)`);
  }

  private readSchema(schema: string, body: TS.TypeLiteralNode): void {
    const section = (name: string) => {
      const m = body.members.find((x) => this.memberName(x) === name);
      const t = m && this.memberType(m);
      return t && this.ts.isTypeLiteralNode(t) ? t.members : undefined;
    };
    const tables = section('Tables') ?? [];
    const viewMembers = section('Views') ?? [];
    const tableNames = new Set(tables.map((m) => this.memberName(m)));
    for (const m of tables) this.readTable(schema, m, tableNames);
    for (const m of viewMembers) this.readView(schema, m);
    for (const m of section('Enums') ?? []) this.readEnum(schema, m);
    for (const m of section('Functions') ?? []) this.readFunction(schema, m);
    for (const m of section('CompositeTypes') ?? []) this.readComposite(schema, m);
  }

  private readTable(schema: string, member: TS.TypeElement, tableNames: Set<string | undefined>): void {
    const name = this.memberName(member);
    const body = this.memberType(member);
    if (name === undefined || !body || !this.ts.isTypeLiteralNode(body)) return;
    const parts = this.sections(body);
    const table: Table = {
      schema, name, kind: 'table', location: this.loc(member), columns: this.readColumns(parts.get('Row'), parts.get('Insert')),
    };
    const rel = parts.get('Relationships');
    if (rel) table.foreignKeys = this.readRelationships(schema, rel, tableNames);
    this.model.tables.push(table);
  }

  private readView(schema: string, member: TS.TypeElement): void {
    const name = this.memberName(member);
    const body = this.memberType(member);
    if (name === undefined || !body || !this.ts.isTypeLiteralNode(body)) return;
    const parts = this.sections(body);
    const view: View = {
      schema, name, materialized: false, location: this.loc(member), columns: this.readColumns(parts.get('Row'), undefined),
    };
    this.model.views.push(view);
  }

  private sections(body: TS.TypeLiteralNode): Map<string, TS.TypeNode> {
    const out = new Map<string, TS.TypeNode>();
    for (const m of body.members) {
      const n = this.memberName(m);
      const t = this.memberType(m);
      if (n !== undefined && t) out.set(n, t);
    }
    return out;
  }

  private readColumns(row: TS.TypeNode | undefined, insert: TS.TypeNode | undefined): Column[] {
    if (!row || !this.ts.isTypeLiteralNode(row)) return [];
    const inserts = new Map<string, TS.TypeElement>();
    if (insert && this.ts.isTypeLiteralNode(insert)) {
      for (const m of insert.members) inserts.set(this.memberName(m) ?? '', m);
    }
    const hasInsert = insert !== undefined && this.ts.isTypeLiteralNode(insert);
    return row.members.flatMap((m): Column[] => {
      const name = this.memberName(m);
      const t = this.memberType(m);
      if (name === undefined || !t) return [];
      const { tsType, nullable } = splitNullable(this.canonical(t));
      const column: Column = { name, tsType, nullable, location: this.loc(m) };
      if (hasInsert) {
        const ins = inserts.get(name);
        // A Row field without an Insert field is a computed field (a function of the row), not a column.
        if (!ins) column.computed = true;
        else {
          column.insertOptional = this.ts.isPropertySignature(ins) && ins.questionToken !== undefined;
          const insType = this.memberType(ins);
          column.insertNever = insType?.kind === this.ts.SyntaxKind.NeverKeyword;
        }
      }
      return [column];
    });
  }

  private readRelationships(schema: string, node: TS.TypeNode, tableNames: Set<string | undefined>): ForeignKey[] {
    if (!this.ts.isTupleTypeNode(node)) return [];
    // Newer generators repeat a foreign key once per view that exposes the referenced table: keep one, the
    // entry that names a table.
    const byKey = new Map<string, ForeignKey>();
    for (const el of node.elements) {
      if (!this.ts.isTypeLiteralNode(el)) continue;
      const f = this.sections(el);
      const fk: ForeignKey = {
        name: this.stringLiteral(f.get('foreignKeyName')) ?? '',
        columns: this.stringTuple(f.get('columns')),
        referencedSchema: schema,
        referencedTable: this.stringLiteral(f.get('referencedRelation')) ?? '',
        referencedColumns: this.stringTuple(f.get('referencedColumns')),
        location: this.loc(el),
      };
      const key = `${fk.name}\u0000${fk.columns.join(',')}`;
      const seen = byKey.get(key);
      if (!seen || (!tableNames.has(seen.referencedTable) && tableNames.has(fk.referencedTable))) byKey.set(key, fk);
    }
    return [...byKey.values()];
  }

  private readEnum(schema: string, member: TS.TypeElement): void {
    const name = this.memberName(member);
    const t = this.memberType(member);
    if (name === undefined || !t) return;
    const types = this.ts.isUnionTypeNode(t) ? t.types : [t];
    const labels = types.flatMap((x) => {
      const s = this.stringLiteral(x);
      return s === undefined ? [] : [s];
    });
    const en: EnumType = { schema, name, labels, location: this.loc(member) };
    this.model.enums.push(en);
  }

  private readFunction(schema: string, member: TS.TypeElement): void {
    const name = this.memberName(member);
    const t = this.memberType(member);
    if (name === undefined || !t) return;
    const variants = this.ts.isUnionTypeNode(t) ? t.types : [t];
    const overloads: FunctionSignature[] = [];
    for (const v of variants) {
      if (!this.ts.isTypeLiteralNode(v)) continue;
      const parts = this.sections(v);
      const returns = parts.get('Returns');
      overloads.push({ args: this.readArgs(parts.get('Args')), returns: returns ? this.canonical(returns) : 'unknown' });
    }
    const fn: FunctionDef = { schema, name, overloads, location: this.loc(member) };
    this.model.functions.push(fn);
  }

  /** `never`, `Record<PropertyKey, never>` and `{ [_ in never]: never }` all mean: no arguments. */
  private readArgs(node: TS.TypeNode | undefined): FunctionArg[] {
    if (!node || !this.ts.isTypeLiteralNode(node)) return [];
    return node.members.flatMap((m): FunctionArg[] => {
      const name = this.memberName(m);
      const t = this.memberType(m);
      if (name === undefined || !t) return [];
      const optional = this.ts.isPropertySignature(m) && m.questionToken !== undefined;
      return [{ name, tsType: this.canonical(t), optional }];
    });
  }

  private readComposite(schema: string, member: TS.TypeElement): void {
    const name = this.memberName(member);
    const t = this.memberType(member);
    if (name === undefined || !t) return;
    const composite: CompositeType = { schema, name, attributes: this.readColumns(t, undefined), location: this.loc(member) };
    this.model.compositeTypes.push(composite);
  }

  /** A type written in the normal form the database side writes (see model/tsType.ts). */
  private canonical(node: TS.TypeNode): string {
    const { ts } = this;
    if (ts.isParenthesizedTypeNode(node)) return this.canonical(node.type);
    if (ts.isTypeLiteralNode(node)) {
      return objectType(node.members.flatMap((m): Array<[string, string]> => {
        const n = this.memberName(m);
        const t = this.memberType(m);
        if (n === undefined || !t) return [];
        const opt = ts.isPropertySignature(m) && m.questionToken ? '?' : '';
        return [[`${n}${opt}`, this.canonical(t)]];
      }));
    }
    if (ts.isArrayTypeNode(node)) {
      return arrayOf(this.canonical(node.elementType));
    }
    if (ts.isUnionTypeNode(node)) return node.types.map((t) => this.canonical(t)).join('|');
    if (ts.isIntersectionTypeNode(node)) return node.types.map((t) => this.canonical(t)).join('&');
    return normalizeTsType(node.getText(this.sf));
  }

  private memberName(m: TS.TypeElement | TS.Node): string | undefined {
    const { ts } = this;
    if (!ts.isPropertySignature(m)) return undefined;
    const n = m.name;
    if (ts.isIdentifier(n) || ts.isStringLiteral(n) || ts.isNumericLiteral(n)) return n.text;
    return undefined;
  }

  private memberType(m: TS.TypeElement): TS.TypeNode | undefined {
    return this.ts.isPropertySignature(m) ? m.type : undefined;
  }

  private stringLiteral(node: TS.TypeNode | undefined): string | undefined {
    const { ts } = this;
    if (node && ts.isLiteralTypeNode(node) && ts.isStringLiteral(node.literal)) return node.literal.text;
    return undefined;
  }

  private stringTuple(node: TS.TypeNode | undefined): string[] {
    if (!node || !this.ts.isTupleTypeNode(node)) return [];
    return node.elements.flatMap((e) => {
      const s = this.stringLiteral(e as TS.TypeNode);
      return s === undefined ? [] : [s];
    });
  }

  private loc(node: TS.Node): Location {
    return { file: this.file, line: this.sf.getLineAndCharacterOfPosition(node.getStart(this.sf)).line + 1 };
  }
}
