/**
 * The small type syntax tree the types reader walks. Two parsers produce it: a fast one written for the
 * generator's output (fastParse.ts), and the TypeScript compiler (fromCompiler.ts), which handles anything the
 * fast one does not know and reports syntax errors. Tests hold the two to the same trees.
 */

export interface Member {
  name: string;
  optional: boolean;
  type: TypeTree;
  /** 1-based line of the member's name. */
  line: number;
}

export type TypeTree =
  | { kind: 'object'; members: Member[]; line: number }
  | { kind: 'union'; types: TypeTree[] }
  | { kind: 'intersection'; types: TypeTree[] }
  | { kind: 'array'; element: TypeTree }
  | { kind: 'tuple'; elements: TypeTree[]; line: number }
  | { kind: 'paren'; type: TypeTree }
  | { kind: 'string'; value: string }
  /** Anything else, as its normalised source text: `number`, `never`, `Database["public"]["Enums"]["x"]`, … */
  | { kind: 'leaf'; text: string };

/** The `Database` declaration: its members are the schemas. */
export interface DatabaseDecl {
  members: Member[];
}
