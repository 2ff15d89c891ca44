/** Type text compares structurally: spellings the generator's releases differ in are one type. */
import { describe, expect, it } from 'vitest';
import { canonicalTsType, sameTsType } from '../src/model/tsType.js';

describe('sameTsType', () => {
  it.each([
    ['Record<string, unknown>', 'Record<string,unknown>'],
    ['{ b: number; a: string }', '{a:string,b:number,}'],
    ['A | B', 'B|A'],
    ['(string)[]', 'string[]'],
    ['readonly string[]', 'string[]'],
    ['{ readonly a: string; }', '{a: string}'],
    ["'a' | 'b'", '"b"|"a"'],
    ['{ "we\\"ird": string }', '{ "we\\"ird" : string; }'],
    ['Database["p"]["Enums"]["m"][]', '(Database["p"]["Enums"]["m"])[]'],
    ["Database['p']['Enums']['m']", 'Database["p"]["Enums"]["m"]'],
    ['{ [_ in never]: never }', '{[_ in never]: never}'],
    ['string | null;', 'null | string'],
  ])('%s is %s', (a, b) => {
    expect(sameTsType(a, b)).toBe(true);
    expect(canonicalTsType(a)).toBe(canonicalTsType(b));
  });

  it.each([
    ['string', 'number'],
    ['{a: string}', '{a?: string}'],
    ['{a: string}', '{a: string; b: string}'],
    ['string[]', 'string'],
    ['"a" | "b"', '"a" | "c"'],
    ['unknown', 'string'],
    ['unknown', 'Database["p"]["Enums"]["m"]'],
  ])('%s is not %s', (a, b) => {
    expect(sameTsType(a, b)).toBe(false);
  });

  it('accepts what older releases wrote for the same database', () => {
    // postgres-meta < 0.83 named no row types.
    expect(sameTsType('unknown', 'Database["public"]["Tables"]["authors"]["Row"]')).toBe(true);
    expect(sameTsType('{ p: unknown }', '{ p: Database["public"]["Views"]["v"]["Row"] }')).toBe(true);
    // postgres-meta 0.60 wrote every record as an array.
    expect(sameTsType('Record<string, unknown>[]', 'Record<string, unknown>')).toBe(true);
    // A position-specific tolerance: `unknown` where the caller says a release wrote it.
    expect(sameTsType('unknown', 'string', { unknownFor: (d) => d.k === 'leaf' && d.text === 'string' })).toBe(true);
  });
});

describe('quotes inside names', () => {
  it('a `"` inside a type name neither ends the string nor hides `| null`', async () => {
    const { splitNullable, normalizeTsType } = await import('../src/model/tsType.js');
    const text = normalizeTsType(`Database["app"]["Enums"]['en"q4'][] | null`);
    expect(splitNullable(text)).toEqual({ tsType: 'Database["app"]["Enums"]["en\\"q4"][]', nullable: true });
    expect(normalizeTsType(`"l0'q" | "l1" | "l3'q"`)).toBe(`"l0'q"|"l1"|"l3'q"`);
  });
});
