/**
 * Supabase's documented override pattern: a hand-written types file that narrows the generated one,
 *
 *   import type { MergeDeep } from 'type-fest'
 *   import type { Database as DatabaseGenerated } from './database-generated.types'
 *   export type Database = MergeDeep<DatabaseGenerated, { public: { Views: { v: { Row: { id: number } } } } }>
 *
 * The generated file is what must match the database; the overrides are checked separately (each must still
 * name something real). This module only finds the two parts: it is used when the fast parser has declined
 * (a `MergeDeep<…>` is not an object type), so loading the compiler here costs nothing extra.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { ts as TS } from 'ts-morph';
import { InputError } from '../errors.js';
import { loadTypeScript } from './fromCompiler.js';

export interface MergeDeepParts {
  /** The generated file the override file imports its base `Database` from (absolute path). */
  generatedFile: string;
  /**
   * A text whose `Database` declaration is the override object, with every line where it stood in the original
   * file, so the ordinary parser reads it and its lines point into the override file.
   */
  overridesText: string;
}

/** Cheap pre-check before the compiler is asked. */
export function mayUseMergeDeep(text: string): boolean {
  return text.includes('MergeDeep');
}

/** The parts of `export type Database = MergeDeep<Base, {…}>`, or null when the file does not use the pattern. */
export function splitMergeDeep(text: string, file: string, ts: typeof TS = loadTypeScript()): MergeDeepParts | null {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const alias = sf.statements.find(
    (s): s is TS.TypeAliasDeclaration => ts.isTypeAliasDeclaration(s) && s.name.text === 'Database',
  );
  const ref = alias?.type;
  if (!ref || !ts.isTypeReferenceNode(ref) || !ts.isIdentifier(ref.typeName) || ref.typeName.text !== 'MergeDeep')
    return null;
  const [base, overrides] = ref.typeArguments ?? [];
  const where = (node: TS.Node) => `${file}:${sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1}`;
  if (!base || !overrides || !ts.isTypeReferenceNode(base) || !ts.isIdentifier(base.typeName)) {
    throw new InputError(
      `${where(ref)}: MergeDeep<…> must name the generated Database type first (MergeDeep<DatabaseGenerated, { … }>)`,
    );
  }
  if (!ts.isTypeLiteralNode(overrides))
    throw new InputError(`${where(overrides)}: MergeDeep's second argument must be an object type`);
  const generatedFile = importedFrom(ts, sf, base.typeName.text, file);
  if (!generatedFile) {
    throw new InputError(
      `${where(base)}: cannot find where ${base.typeName.text} is imported from (import { Database as ${base.typeName.text} } from './…')`,
    );
  }
  // The object type alone, preceded by as many line breaks as stood before it: its lines keep their numbers.
  const start = overrides.getStart(sf);
  const line = sf.getLineAndCharacterOfPosition(start).line;
  return { generatedFile, overridesText: `${'\n'.repeat(line)}type Database = ${text.slice(start, overrides.end)}` };
}

/** The file a named type is imported from, resolved like TypeScript's bundler resolution would for a relative path. */
function importedFrom(ts: typeof TS, sf: TS.SourceFile, localName: string, file: string): string | undefined {
  for (const stmt of sf.statements) {
    if (!ts.isImportDeclaration(stmt) || !ts.isStringLiteral(stmt.moduleSpecifier)) continue;
    const bindings = stmt.importClause?.namedBindings;
    if (!bindings || !ts.isNamedImports(bindings)) continue;
    const match = bindings.elements.find(
      (e) => e.name.text === localName && (e.propertyName?.text ?? e.name.text) === 'Database',
    );
    if (!match) continue;
    const spec = stmt.moduleSpecifier.text;
    if (!spec.startsWith('.')) return undefined;
    const bare = resolve(dirname(file), spec);
    const stem = bare.replace(/\.(js|mjs|cjs|ts|mts|cts)$/, '');
    return [bare, `${stem}.ts`, `${stem}.d.ts`, `${stem}.mts`, resolve(bare, 'index.ts')].find(
      (p) => existsSync(p) && !p.endsWith('/'),
    );
  }
  return undefined;
}
