/**
 * Building blocks of stand-ins. A stand-in type stores its text form (textin/textout). Its type modifiers come
 * in two kinds: numeric ones that are kept (`vector(1536)`, through varchar's typmod functions), and free-form
 * ones that are accepted and dropped (`geometry(Point,4326)` reads back as `geometry`): PostgreSQL only takes
 * typmod functions written in C, and no built-in one parses words, so the stand-in borrows two built-ins that
 * turn any modifier list into "no modifier".
 */

export type Typmod = 'none' | 'numeric' | 'any';

const TYPMOD_FUNCS: Record<Exclude<Typmod, 'none'>, [string, string]> = {
  numeric: ['varchartypmodin', 'varchartypmodout'],
  // pg_trigger_depth() is 0 outside triggers, and charout(0) is the empty string: any modifiers, none shown.
  any: ['pg_trigger_depth', 'charout'],
};

/** A base type `s.name` stored as text, with implicit casts from and to text. */
export function textType(s: string, name: string, typmod: Typmod = 'none'): string {
  const t = `${s}.${name}`;
  const mods = typmod === 'none' ? [] : TYPMOD_FUNCS[typmod];
  return `
create type ${t};
create function ${s}.${name}_in(cstring) returns ${t} language internal immutable strict as 'textin';
create function ${s}.${name}_out(${t}) returns cstring language internal immutable strict as 'textout';
${
  mods.length
    ? `create function ${s}.${name}_typmod_in(cstring[]) returns integer language internal immutable strict as '${mods[0]}';
create function ${s}.${name}_typmod_out(integer) returns cstring language internal immutable strict as '${mods[1]}';`
    : ''
}
create type ${t} (input = ${s}.${name}_in, output = ${s}.${name}_out,
  ${mods.length ? `typmod_in = ${s}.${name}_typmod_in, typmod_out = ${s}.${name}_typmod_out, ` : ''}internallength = variable, storage = extended);
create cast (text as ${t}) with inout as implicit;
create cast (${t} as text) with inout;`;
}

/** A binary operator `s.op` backed by a function that returns a constant of the operator's type. */
export function operator(s: string, op: string, left: string, right: string, returns: string, fn: string): string {
  return `
create function ${s}.${fn}(${left}, ${right}) returns ${returns} language sql immutable as $b$select null::${returns}$b$;
create operator ${s}.${op} (leftarg = ${left}, rightarg = ${right}, function = ${s}.${fn});`;
}

/** A function with this signature whose SQL body returns NULL of its type (never called during replay). */
export function nullFn(s: string, name: string, args: string, returns: string, volatility = 'immutable'): string {
  return `create function ${s}.${name}(${args}) returns ${returns} language sql ${volatility} as $b$select null::${returns}$b$;`;
}

/** A function returning no rows, for set-returning signatures. */
export function emptySetFn(s: string, name: string, args: string, returns: string): string {
  return `create function ${s}.${name}(${args}) returns ${returns} language plpgsql as 'begin return; end';`;
}
