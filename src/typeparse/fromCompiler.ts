/**
 * types.ts → TypeTree with the TypeScript compiler that ts-morph bundles: the reference parser, used when the
 * fast parser meets something it does not know, and the one that reports syntax errors with their line.
 */
import { createRequire } from 'node:module';
import type { ts as TS } from 'ts-morph';
import { InputError } from '../errors.js';
import { normalizeTsType } from '../model/tsType.js';
import type { DatabaseDecl, Member, TypeTree } from './typeTree.js';
import { MAX_NESTING } from './fastParse.js';

/**
 * The compiler ts-morph bundles, without ts-morph's wrapper layer (not used here, ~60 ms to load). Resolved from
 * ts-morph's location, so it is the very copy ts-morph uses.
 */
export function loadTypeScript(): typeof TS {
  const fromTsMorph = createRequire(createRequire(import.meta.url).resolve('ts-morph'));
  return (fromTsMorph('@ts-morph/common') as { ts: typeof TS }).ts;
}

export const NOT_A_TYPES_FILE = 'not a Supabase types file (no `export type Database = { … }` or `interface Database`)';

export function parseWithCompiler(text: string, file: string, ts: typeof TS = loadTypeScript()): DatabaseDecl {
  // No parent pointers: the walk goes down only, and setting them costs a pass over the whole tree.
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  refuseDeepTypes(ts, sf, file);
  const diagnostics = (sf as unknown as { parseDiagnostics?: TS.Diagnostic[] }).parseDiagnostics ?? [];
  if (diagnostics.length > 0) {
    const d = diagnostics[0];
    const line = sf.getLineAndCharacterOfPosition(d.start ?? 0).line + 1;
    throw new InputError(
      `${file}:${line}: TypeScript syntax error: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`,
    );
  }
  const lineOf = (node: TS.Node) => sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;

  const members = (list: TS.NodeArray<TS.TypeElement>): Member[] =>
    list.flatMap((m): Member[] => {
      if (!ts.isPropertySignature(m) || !m.type) return [];
      const n = m.name;
      if (!(ts.isIdentifier(n) || ts.isStringLiteral(n) || ts.isNumericLiteral(n))) return [];
      return [{ name: n.text, optional: m.questionToken !== undefined, type: tree(m.type), line: lineOf(m) }];
    });

  const tree = (node: TS.TypeNode): TypeTree => {
    if (ts.isTypeLiteralNode(node)) return { kind: 'object', members: members(node.members), line: lineOf(node) };
    if (ts.isUnionTypeNode(node)) return { kind: 'union', types: node.types.map(tree) };
    if (ts.isIntersectionTypeNode(node)) return { kind: 'intersection', types: node.types.map(tree) };
    if (ts.isArrayTypeNode(node)) return { kind: 'array', element: tree(node.elementType) };
    if (ts.isTupleTypeNode(node))
      return { kind: 'tuple', elements: node.elements.map((e) => tree(e as TS.TypeNode)), line: lineOf(node) };
    if (ts.isParenthesizedTypeNode(node)) return { kind: 'paren', type: tree(node.type) };
    if (ts.isLiteralTypeNode(node) && ts.isStringLiteral(node.literal))
      return { kind: 'string', value: node.literal.text };
    return { kind: 'leaf', text: normalizeTsType(node.getText(sf)) };
  };

  const declarations = sf.statements.filter(
    (stmt) => (ts.isTypeAliasDeclaration(stmt) || ts.isInterfaceDeclaration(stmt)) && stmt.name.text === 'Database',
  );
  if (declarations.length > 1) {
    throw new InputError(
      `${file}:${lineOf(declarations[1])}: two Database declarations, at lines ${lineOf(declarations[0])} and ${lineOf(declarations[1])}: keep one`,
    );
  }
  const [stmt] = declarations;
  if (stmt && ts.isTypeAliasDeclaration(stmt) && ts.isTypeLiteralNode(stmt.type))
    return { members: members(stmt.type.members) };
  if (stmt && ts.isInterfaceDeclaration(stmt)) return { members: members(stmt.members) };
  throw new InputError(`${file}: ${NOT_A_TYPES_FILE}`);
}

/**
 * The fast parser's bound on nested types, kept here too, before anything else is reported. Whether the compiler
 * itself runs out of stack on deep input depends on how warm the process is (a test worker, an API caller's
 * server), so its RangeError cannot be the only guard. The walk keeps its own stack: it cannot overflow either.
 */
function refuseDeepTypes(ts: typeof TS, sf: TS.SourceFile, file: string): void {
  const stack: Array<[TS.Node, number]> = [[sf, 0]];
  for (let top = stack.pop(); top; top = stack.pop()) {
    const [node, outer] = top;
    const depth = ts.isTypeNode(node) ? outer + 1 : outer;
    if (depth > MAX_NESTING) {
      const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
      throw new InputError(`${file}:${line}: types nested more than ${MAX_NESTING} levels deep`);
    }
    ts.forEachChild(node, (child) => void stack.push([child, depth]));
  }
}
