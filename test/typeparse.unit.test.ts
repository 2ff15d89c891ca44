/** The two types.ts parsers, on inputs written here: agreement, fallback, and errors with their line. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InputError } from '../src/errors.js';
import { fastParse, Unsupported } from '../src/typeparse/fastParse.js';
import { parseWithCompiler } from '../src/typeparse/fromCompiler.js';
import { parseTypesText } from '../src/typeparse/parseTypes.js';

const FIXTURE_TYPES = new URL('../fixtures/creator-platform/lib/supabase/types.ts', import.meta.url);

describe('types.ts parsers', () => {
  it("the fast parser and the compiler agree on the example project's types.ts", () => {
    const text = readFileSync(FIXTURE_TYPES, 'utf8');
    const fast = fastParse(text);
    expect(fast?.members.map((m) => m.name)).toEqual(['public']);
    expect(fast).toEqual(parseWithCompiler(text, 'types.ts'));
  });

  it('hands what it does not know to the compiler, which reads it the same way', () => {
    const text =
      'type Label = `x-${string}`\nexport type Database = {\n  public: {\n    Tables: {\n      t: {\n        Row: { id: number; note: string | null }\n        Insert: { id?: number; note?: string | null }\n        Relationships: []\n      }\n    }\n  }\n}\n';
    expect(() => fastParse(text)).toThrow(Unsupported);
    const model = parseTypesText(text, 'types.ts');
    expect(model.tables[0].columns).toMatchObject([
      { name: 'id', tsType: 'number', nullable: false, insertOptional: true, location: { line: 6 } },
      { name: 'note', tsType: 'string', nullable: true, insertOptional: true, location: { line: 6 } },
    ]);
  });

  it('a syntax error inside Database is reported with its line by the compiler', () => {
    const text =
      'export type Database = {\n  public: {\n    Tables: {\n      t: { Row: { a: string b: } }\n    }\n  }\n}\n';
    expect(() => parseTypesText(text, 'bad.ts')).toThrow(InputError);
    expect(() => parseTypesText(text, 'bad.ts')).toThrow(/^bad\.ts:4: TypeScript syntax error/);
  });

  it('a file without Database is not a types file', () => {
    expect(() => parseTypesText('export type Json = string | number\n', 'x.ts')).toThrow(
      /x\.ts: not a Supabase types file/,
    );
  });

  it('quoted member names, escapes and a mapped empty section', () => {
    const text = `export type Database = {\n  "my schema": {\n    Tables: { [_ in never]: never }\n    Enums: { "odd name": "it's" | "a\\"b" | 'c' }\n  }\n}\n`;
    const fast = fastParse(text);
    expect(fast).toEqual(parseWithCompiler(text, 'x.ts'));
    const model = parseTypesText(text, 'x.ts');
    expect(model.schemas).toEqual(['my schema']);
    expect(model.tables).toEqual([]);
    expect(model.enums[0]).toMatchObject({ name: 'odd name', labels: ["it's", 'a"b', 'c'] });
  });
});
