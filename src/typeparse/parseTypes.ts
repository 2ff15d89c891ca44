/**
 * types.ts → SchemaModel. Reads the `Database` type that `supabase gen types typescript` writes, in every
 * shape the generator has used over its versions, and keeps the line of each table, column, enum and function.
 *
 * The syntax comes from the fast parser when the file stays within what the generator writes, else from the
 * TypeScript compiler bundled with ts-morph (loaded only then: it costs a few hundred milliseconds).
 */
import { relative } from 'node:path';
import { InputError } from '../errors.js';
import type {
  Column,
  CompositeType,
  ForeignKey,
  FunctionArg,
  FunctionDef,
  FunctionSignature,
  Location,
  SchemaModel,
  Section,
  Table,
  View,
} from '../model/schema.js';
import { arrayOf, normalizeTsType, objectType, splitNullable } from '../model/tsType.js';
import { BadTypesFile, fastParse, MAX_NESTING, Unsupported } from './fastParse.js';
import { mayUseMergeDeep, splitMergeDeep } from './mergeDeep.js';
import { NOT_A_TYPES_FILE, parseWithCompiler } from './fromCompiler.js';
import { readSourceText } from './readSource.js';
import type { DatabaseDecl, Member, TypeTree } from './typeTree.js';

const SECTIONS = new Set<string>(['Tables', 'Views', 'Functions', 'Enums', 'CompositeTypes']);

/** Keys of `Database` that are not schemas. */
const NOT_SCHEMAS = new Set(['__InternalSupabase']);

export async function parseTypesFile(file: string): Promise<SchemaModel> {
  const text = readSourceText(file);
  if (mayUseMergeDeep(text) && !fastParseSucceeds(text)) {
    const parts = splitMergeDeep(text, file);
    if (parts) {
      // Findings about the generated types point into the generated file, named as the user would.
      const near = relative(process.cwd(), parts.generatedFile);
      const label = near.startsWith('..') ? parts.generatedFile : near;
      const model = parseTypesText(readSourceText(parts.generatedFile), label);
      return {
        ...model,
        generatedFrom: label,
        overrides: readDatabase(parseDeclaration(parts.overridesText, file), file),
      };
    }
  }
  return parseTypesText(text, file);
}

function fastParseSucceeds(text: string): boolean {
  try {
    return fastParse(text) !== null;
  } catch {
    return false;
  }
}

export function parseTypesText(text: string, file: string): SchemaModel {
  return readDatabase(parseDeclaration(text, file), file);
}

/**
 * The Database declaration: fast parser first, the TypeScript compiler when it declines. Input nested deeper than
 * the stack allows (the fast parser stops at MAX_NESTING; the compiler has no such limit) is one clear error.
 */
export function parseDeclaration(text: string, file: string): DatabaseDecl {
  try {
    try {
      const decl = fastParse(text);
      if (decl) return decl;
      throw new InputError(`${file}: ${NOT_A_TYPES_FILE}`);
    } catch (err) {
      if (!(err instanceof Unsupported)) throw err;
      return parseWithCompiler(text, file);
    }
  } catch (err) {
    if (err instanceof BadTypesFile) throw new InputError(`${file}:${err.line}: ${err.message}`);
    if (err instanceof RangeError && /call stack/i.test(err.message)) {
      const line = lineBeyondNesting(text, MAX_NESTING);
      throw new InputError(
        `${file}${line ? `:${line}` : ''}: types nested too deeply to read (more than ${MAX_NESTING} levels)`,
      );
    }
    throw err;
  }
}

/** The line where bracket nesting first passes `limit` (strings and comments are not skipped: a hint only). */
function lineBeyondNesting(text: string, limit: number): number | undefined {
  let depth = 0;
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n') line++;
    else if (ch === '{' || ch === '(' || ch === '[' || ch === '<') {
      if (++depth > limit) return line;
    } else if (ch === '}' || ch === ')' || ch === ']' || (ch === '>' && text[i - 1] !== '=')) depth--;
  }
  return undefined;
}

function readDatabase(decl: DatabaseDecl, file: string): SchemaModel {
  // Keyed by schema names from the file: no prototype, so `constructor` or `__proto__` is just a name.
  const sections: Record<string, Section[]> = Object.create(null);
  const model: SchemaModel = {
    schemas: [],
    tables: [],
    views: [],
    enums: [],
    functions: [],
    compositeTypes: [],
    sections,
  };
  const loc = (line: number): Location => ({ file, line });
  for (const schemaMember of decl.members) {
    if (NOT_SCHEMAS.has(schemaMember.name) || schemaMember.type.kind !== 'object') continue;
    const schema = schemaMember.name;
    model.schemas.push(schema);
    model.sections![schema] = schemaMember.type.members.map((m) => m.name).filter((n): n is Section => SECTIONS.has(n));
    const section = (name: Section) => {
      const t =
        schemaMember.type.kind === 'object' ? schemaMember.type.members.find((m) => m.name === name)?.type : undefined;
      return t?.kind === 'object' ? t.members : [];
    };
    const tables = section('Tables');
    const tableNames = new Set(tables.map((m) => m.name));
    for (const m of tables) {
      if (m.type.kind !== 'object') continue;
      const parts = byName(m.type.members);
      const table: Table = {
        schema,
        name: m.name,
        kind: 'table',
        location: loc(m.line),
        columns: readColumns(parts.get('Row'), parts.get('Insert'), loc),
      };
      const rel = parts.get('Relationships');
      if (rel) table.foreignKeys = readRelationships(schema, rel, tableNames, loc);
      model.tables.push(table);
    }
    for (const m of section('Views')) {
      if (m.type.kind !== 'object') continue;
      const parts = byName(m.type.members);
      const view: View = {
        schema,
        name: m.name,
        materialized: false,
        location: loc(m.line),
        columns: readColumns(parts.get('Row'), undefined, loc),
        writes: { insert: parts.has('Insert'), update: parts.has('Update') },
      };
      model.views.push(view);
    }
    for (const m of section('Enums')) {
      const variants = m.type.kind === 'union' ? m.type.types : [m.type];
      const labels = variants.flatMap((v) => (v.kind === 'string' ? [v.value] : []));
      model.enums.push({ schema, name: m.name, labels, location: loc(m.line) });
    }
    for (const m of section('Functions')) model.functions.push(readFunction(schema, m, loc));
    for (const m of section('CompositeTypes')) {
      const composite: CompositeType = {
        schema,
        name: m.name,
        attributes: readColumns(m.type, undefined, loc),
        location: loc(m.line),
      };
      model.compositeTypes.push(composite);
    }
  }
  if (model.schemas.length === 0) {
    throw new InputError(`${file}: the Database type has no schemas (expected e.g. public: { Tables: … })`);
  }
  return model;
}

function byNameOf(node: TypeTree | undefined): Map<string, TypeTree> {
  return node?.kind === 'object' ? byName(node.members) : new Map();
}

function byName(members: Member[]): Map<string, TypeTree> {
  return new Map(members.map((m) => [m.name, m.type]));
}

function readColumns(
  row: TypeTree | undefined,
  insert: TypeTree | undefined,
  loc: (line: number) => Location,
): Column[] {
  if (row?.kind !== 'object') return [];
  const inserts = insert?.kind === 'object' ? new Map(insert.members.map((m) => [m.name, m])) : undefined;
  return row.members.map((m) => {
    const { tsType, nullable } = splitNullable(canonical(m.type));
    const column: Column = { name: m.name, tsType, nullable, location: loc(m.line) };
    if (inserts) {
      const ins = inserts.get(m.name);
      // A Row field with no Insert field is a computed field (a function of the row), not a column.
      if (!ins) column.computed = true;
      else {
        column.insertOptional = ins.optional;
        column.insertNever = ins.type.kind === 'leaf' && ins.type.text === 'never';
      }
    }
    return column;
  });
}

function readRelationships(
  schema: string,
  node: TypeTree,
  tableNames: Set<string>,
  loc: (line: number) => Location,
): ForeignKey[] {
  if (node.kind !== 'tuple') return [];
  // Newer generators repeat a foreign key once per view that exposes the referenced table: keep one, the
  // entry that names a table.
  const byKey = new Map<string, ForeignKey>();
  for (const el of node.elements) {
    if (el.kind !== 'object') continue;
    const f = byName(el.members);
    const fk: ForeignKey = {
      name: stringOf(f.get('foreignKeyName')) ?? '',
      columns: stringsOf(f.get('columns')),
      referencedSchema: schema,
      referencedTable: stringOf(f.get('referencedRelation')) ?? '',
      referencedColumns: stringsOf(f.get('referencedColumns')),
      location: loc(el.line),
    };
    const oneToOne = f.get('isOneToOne');
    if (oneToOne?.kind === 'leaf' && (oneToOne.text === 'true' || oneToOne.text === 'false'))
      fk.oneToOne = oneToOne.text === 'true';
    const key = `${fk.name}\u0000${fk.columns.join(',')}`;
    const seen = byKey.get(key);
    if (!seen || (!tableNames.has(seen.referencedTable) && tableNames.has(fk.referencedTable))) byKey.set(key, fk);
  }
  return [...byKey.values()];
}

function readFunction(schema: string, m: Member, loc: (line: number) => Location): FunctionDef {
  const variants = m.type.kind === 'union' ? m.type.types : [m.type];
  const overloads: FunctionSignature[] = variants.flatMap((v) => {
    if (v.kind !== 'object') return [];
    const parts = byName(v.members);
    const returns = parts.get('Returns');
    const returnsText = returns ? canonical(returns) : 'unknown';
    // postgres-meta 0.91 writes overloads that share a return type as one entry with a union of Args.
    const args = parts.get('Args');
    const argVariants = args?.kind === 'union' ? args.types : [args];
    const setof = byNameOf(parts.get('SetofOptions'));
    const oneToOne = setof.get('isOneToOne');
    const setofOneToOne = oneToOne?.kind === 'leaf' ? oneToOne.text === 'true' : undefined;
    const setofTo = stringOf(setof.get('to'));
    return argVariants.map((a): FunctionSignature => ({
      args: readArgs(a),
      returns: returnsText,
      ...(setofOneToOne !== undefined ? { setofOneToOne } : {}),
      ...(setofTo !== undefined ? { setofTo } : {}),
    }));
  });
  return { schema, name: m.name, overloads, location: loc(m.line) };
}

/** `never`, `Record<PropertyKey, never>` and `{ [_ in never]: never }` all mean: no arguments. */
function readArgs(node: TypeTree | undefined): FunctionArg[] {
  if (node?.kind !== 'object') return [];
  return node.members.map((m) => ({ name: m.name, tsType: canonical(m.type), optional: m.optional }));
}

/** A type in the normal form the database side writes (see model/tsType.ts). */
function canonical(node: TypeTree): string {
  switch (node.kind) {
    case 'paren':
      return canonical(node.type);
    case 'object':
      return objectType(
        node.members.map((m): [string, string] => [`${m.name}${m.optional ? '?' : ''}`, canonical(m.type)]),
      );
    case 'array':
      return arrayOf(canonical(node.element));
    case 'union':
      return node.types.map(canonical).join('|');
    case 'intersection':
      return node.types.map(canonical).join('&');
    case 'string':
      return JSON.stringify(node.value);
    case 'tuple':
      return normalizeTsType(`[${node.elements.map(canonical).join(',')}]`);
    case 'leaf':
      return node.text;
  }
}

function stringOf(node: TypeTree | undefined): string | undefined {
  return node?.kind === 'string' ? node.value : undefined;
}

function stringsOf(node: TypeTree | undefined): string[] {
  return node?.kind === 'tuple' ? node.elements.flatMap((e) => (e.kind === 'string' ? [e.value] : [])) : [];
}
