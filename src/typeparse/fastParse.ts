/**
 * A fast parser for the `Database` type of a generated types.ts: the subset of TypeScript's type syntax that
 * Supabase's generator writes (object types, unions, intersections, arrays, tuples, literals, references,
 * indexed access, mapped `[_ in never]` sections). It is several times faster than loading and running the
 * TypeScript compiler, which matters for a CI check on a large schema.
 *
 * It never guesses: on anything outside that subset it throws `Unsupported`, and the caller hands the file to
 * the TypeScript compiler, which also reports real syntax errors with their line.
 */
import { normalizeTsType, unescapeOne } from '../model/tsType.js';
import type { DatabaseDecl, Member, TypeTree } from './typeTree.js';

export class Unsupported extends Error {
  override name = 'Unsupported';
}

/** A file that no parser should go on with (not a fallback case): the caller adds the file name. */
export class BadTypesFile extends Error {
  override name = 'BadTypesFile';
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

/**
 * Deeper than any generated file nests (about 8 levels) by far, and shallow enough that the recursive descent
 * and the walks over its tree stay well inside the stack.
 */
export const MAX_NESTING = 200;

interface Token {
  /** 'id' identifier or keyword, 'str' string literal, 'num', or the punctuation character itself. */
  t: string;
  start: number;
  end: number;
  /** A line break stands between this token and the previous one. */
  nl: boolean;
  value?: string;
}

const PUNCT = new Set(['{', '}', '[', ']', '(', ')', '<', '>', '|', '&', ':', ';', ',', '?', '=', '.', '-']);

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  let nl = false;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      nl = true;
      i++;
    } else if (c === 32 || c === 9 || c === 13 || c === 0xfeff) {
      i++;
    } else if (c === 47 && text.charCodeAt(i + 1) === 47) {
      while (i < n && text.charCodeAt(i) !== 10) i++;
    } else if (c === 47 && text.charCodeAt(i + 1) === 42) {
      const close = text.indexOf('*/', i + 2);
      if (close < 0) throw new Unsupported('unclosed comment');
      if (text.slice(i, close).includes('\n')) nl = true;
      i = close + 2;
    } else if (c === 34 || c === 39) {
      const start = i;
      i++;
      while (i < n && text.charCodeAt(i) !== c) {
        if (text.charCodeAt(i) === 92) i++;
        else if (text.charCodeAt(i) === 10) throw new Unsupported('unterminated string');
        i++;
      }
      if (i >= n) throw new Unsupported('unterminated string');
      i++;
      out.push({ t: 'str', start, end: i, nl, value: unquote(text.slice(start, i)) });
      nl = false;
    } else if (isIdentStart(c)) {
      const start = i;
      while (i < n && isIdentPart(text.charCodeAt(i))) i++;
      out.push({ t: 'id', start, end: i, nl, value: text.slice(start, i) });
      nl = false;
    } else if (c >= 48 && c <= 57) {
      const start = i;
      while (i < n && /[0-9._a-zA-Z]/.test(text[i])) i++;
      out.push({ t: 'num', start, end: i, nl, value: text.slice(start, i) });
      nl = false;
    } else if (PUNCT.has(text[i])) {
      out.push({ t: text[i], start: i, end: i + 1, nl });
      nl = false;
      i++;
    } else {
      // Template literals, decorators, operators the generator never writes: let the compiler decide.
      throw new Unsupported(`unexpected character ${JSON.stringify(text[i])}`);
    }
  }
  return out;
}

const isIdentStart = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36;
const isIdentPart = (c: number) => isIdentStart(c) || (c >= 48 && c <= 57);

function unquote(literal: string): string {
  const body = literal.slice(1, -1);
  if (!body.includes('\\')) return body;
  return body.replace(/\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[\s\S])/g, (_, e: string) =>
    unescapeOne(e),
  );
}

class Parser {
  private pos = 0;
  private readonly lineStarts: number[] = [0];

  constructor(
    private readonly text: string,
    private readonly tokens: Token[],
  ) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
  }

  private line(offset: number): number {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  private peek(k = 0): Token | undefined {
    return this.tokens[this.pos + k];
  }

  private is(t: string, k = 0): boolean {
    return this.tokens[this.pos + k]?.t === t;
  }

  private isWord(word: string, k = 0): boolean {
    const tok = this.tokens[this.pos + k];
    return tok?.t === 'id' && tok.value === word;
  }

  private expect(t: string): Token {
    const tok = this.tokens[this.pos];
    if (tok?.t !== t) throw new Unsupported(`expected ${t}`);
    this.pos++;
    return tok;
  }

  /**
   * Finds the top-level `type Database = {` or `interface Database {` and parses its members. A second one is an
   * error: which of the two the app's client is typed with is not for this tool to guess.
   */
  database(): DatabaseDecl | null {
    const found = this.declarations();
    if (found.length > 1) {
      throw new BadTypesFile(
        `two Database declarations, at lines ${this.line(found[0].start)} and ${this.line(found[1].start)}: keep one`,
        this.line(found[1].start),
      );
    }
    if (found.length === 0) return null;
    const [{ open }] = found;
    if (this.tokens[open]?.t !== '{') throw new Unsupported('Database is not an object type');
    this.pos = open;
    return { members: this.objectBody() };
  }

  /** Top-level Database declarations: the keyword's token index and where its `{` should be. */
  private declarations(): Array<{ index: number; open: number; start: number }> {
    const out: Array<{ index: number; open: number; start: number }> = [];
    let depth = 0;
    for (let i = 0; i < this.tokens.length; i++) {
      const tok = this.tokens[i];
      if ('{(['.includes(tok.t)) depth++;
      else if ('})]'.includes(tok.t)) depth--;
      if (depth !== 0 || tok.t !== 'id') continue;
      const named = this.tokens[i + 1]?.t === 'id' && this.tokens[i + 1].value === 'Database';
      if (tok.value === 'type' && named && this.tokens[i + 2]?.t === '=')
        out.push({ index: i, open: i + 3, start: tok.start });
      else if (tok.value === 'interface' && named) {
        if (this.tokens[i + 2]?.t !== '{') throw new Unsupported('interface Database extends something');
        out.push({ index: i, open: i + 2, start: tok.start });
      }
    }
    return out;
  }

  /** At `{`: the members of an object type, up to and including its `}`. Index signatures are skipped. */
  private objectBody(): Member[] {
    this.expect('{');
    const members: Member[] = [];
    while (!this.is('}')) {
      const tok = this.peek();
      if (!tok) throw new Unsupported('unclosed object type');
      if (tok.t === '[') {
        this.skipIndexSignature();
      } else {
        if (this.isWord('readonly') && !this.is(':', 1) && !this.is('?', 1)) this.pos++;
        const nameTok = this.peek()!;
        if (nameTok.t !== 'id' && nameTok.t !== 'str' && nameTok.t !== 'num')
          throw new Unsupported('unexpected member');
        this.pos++;
        const optional = this.is('?');
        if (optional) this.pos++;
        this.expect(':');
        const type = this.type();
        const name = nameTok.t === 'num' ? String(Number(nameTok.value)) : nameTok.value!;
        members.push({ name, optional, type, line: this.line(nameTok.start) });
      }
      if (this.is(';') || this.is(',')) this.pos++;
      else if (!this.is('}') && !this.peek()?.nl) throw new Unsupported('members not separated');
    }
    this.expect('}');
    return members;
  }

  /** `[key: string]: T` (an index signature member): not a column, skipped whole. */
  private skipIndexSignature(): void {
    this.expect('[');
    if (this.peek()?.t !== 'id' || !this.is(':', 1)) throw new Unsupported('not an index signature');
    this.skipBalanced('[', ']');
    this.expect(':');
    this.type();
  }

  /** Skips from the current opening bracket past its match (the opening one already consumed). */
  private skipBalanced(open: string, close: string): void {
    let depth = 1;
    while (depth > 0) {
      const tok = this.tokens[this.pos++];
      if (!tok) throw new Unsupported(`unclosed ${open}`);
      if (tok.t === open) depth++;
      else if (tok.t === close) depth--;
    }
  }

  private depth = 0;

  private type(): TypeTree {
    if (++this.depth > MAX_NESTING) {
      throw new BadTypesFile(
        `types nested more than ${MAX_NESTING} levels deep`,
        this.line(this.peek()?.start ?? this.text.length),
      );
    }
    // A leading `|` or `&` (prettier's layout of a long union) adds nothing.
    if (this.is('|') || this.is('&')) this.pos++;
    const node = this.union();
    this.depth--;
    return node;
  }

  private union(): TypeTree {
    return this.chain('|', 'union', () => this.intersection());
  }

  private intersection(): TypeTree {
    return this.chain('&', 'intersection', () => this.postfix());
  }

  /** `a op b op c`: one node when there is an operator, the operand itself when there is none. */
  private chain(op: '|' | '&', kind: 'union' | 'intersection', operand: () => TypeTree): TypeTree {
    const first = operand();
    if (!this.is(op)) return first;
    const types = [first];
    while (this.is(op)) {
      this.pos++;
      types.push(operand());
    }
    return { kind, types };
  }

  /** Arrays `T[]` and indexed access `T["k"]`, never across a line break (as TypeScript reads it). */
  private postfix(): TypeTree {
    const start = this.peek()?.start ?? 0;
    let node = this.primary();
    while (this.is('[') && !this.peek()!.nl) {
      if (this.is(']', 1)) {
        this.pos += 2;
        node = { kind: 'array', element: node };
      } else {
        this.pos++;
        this.type();
        const close = this.expect(']');
        node = this.leaf(start, close.end);
      }
    }
    return node;
  }

  private primary(): TypeTree {
    const tok = this.peek();
    if (!tok) throw new Unsupported('unexpected end of file');
    switch (tok.t) {
      case '{': {
        if (this.is('[', 1) && this.peek(2)?.t === 'id' && this.isWord('in', 3)) {
          // A mapped type (`{ [_ in never]: never }`): kept as text, as the compiler path keeps it.
          this.pos++;
          this.skipBalanced('{', '}');
          return this.leaf(tok.start, this.tokens[this.pos - 1].end);
        }
        const line = this.line(tok.start);
        return { kind: 'object', members: this.objectBody(), line };
      }
      case '(': {
        this.pos++;
        const inner = this.type();
        this.expect(')');
        return { kind: 'paren', type: inner };
      }
      case '[': {
        this.pos++;
        const elements: TypeTree[] = [];
        while (!this.is(']')) {
          elements.push(this.type());
          if (this.is(',')) this.pos++;
          else if (!this.is(']')) throw new Unsupported('tuple elements not separated');
        }
        this.expect(']');
        return { kind: 'tuple', elements, line: this.line(tok.start) };
      }
      case 'str':
        this.pos++;
        return { kind: 'string', value: tok.value! };
      case 'num':
        this.pos++;
        return this.leaf(tok.start, tok.end);
      case '-':
        if (this.peek(1)?.t !== 'num') throw new Unsupported('unexpected -');
        this.pos += 2;
        return this.leaf(tok.start, this.tokens[this.pos - 1].end);
      case 'id': {
        if (['typeof', 'keyof', 'infer', 'unique', 'asserts', 'new', 'import'].includes(tok.value!))
          throw new Unsupported(tok.value);
        this.pos++;
        while (this.is('.') && this.peek(1)?.t === 'id') this.pos += 2;
        if (this.is('<') && !this.peek()!.nl) {
          this.pos++;
          this.type();
          while (this.is(',')) {
            this.pos++;
            this.type();
          }
          this.expect('>');
        }
        return this.leaf(tok.start, this.tokens[this.pos - 1].end);
      }
      default:
        throw new Unsupported(`unexpected ${tok.t}`);
    }
  }

  private leaf(start: number, end: number): TypeTree {
    return { kind: 'leaf', text: normalizeTsType(this.text.slice(start, end)) };
  }
}

/** The Database declaration, or null when the file has none; throws Unsupported outside the subset. */
export function fastParse(text: string): DatabaseDecl | null {
  const tokens = tokenize(text);
  // Brackets out of balance anywhere: a syntax error for the compiler to locate.
  let depth = 0;
  for (const t of tokens) {
    if (t.t === '{' || t.t === '(' || t.t === '[') depth++;
    else if (t.t === '}' || t.t === ')' || t.t === ']') depth--;
    if (depth < 0) throw new Unsupported('unbalanced brackets');
  }
  if (depth !== 0) throw new Unsupported('unbalanced brackets');
  return new Parser(text, tokens).database();
}
