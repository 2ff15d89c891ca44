/**
 * Names and messages come from the database, the types file and the migrations: untrusted. On a terminal a
 * carriage return, an ANSI sequence (`\x1b[2K`) or a bidi override in a table name could erase or reorder what
 * was printed before it (a fake "In sync" over a real error). Every such character is written as a visible
 * escape instead: C0 controls, DEL, C1 controls, and the Unicode format characters that reorder or break lines.
 */

// C0 (U+0000–U+001F), DEL and C1 (U+007F–U+009F), ALM (U+061C), LRM/RLM (U+200E–F), line/paragraph separators
// (U+2028–9), the embeddings and overrides (U+202A–E), the isolates (U+2066–9).
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const UNSAFE_BUT_NEWLINE =
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const SHORT: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\x1b': '\\e' };

function visible(ch: string): string {
  const short = SHORT[ch];
  if (short) return short;
  const code = ch.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** One line of untrusted text, safe for a terminal: every control or reordering character made visible. */
export function escapeControl(text: string): string {
  return text.replace(UNSAFE, visible);
}

/** The same for text whose line breaks are its own (help, usage): only `\n` is kept. */
export function escapeControlKeepNewlines(text: string): string {
  return text.replace(UNSAFE_BUT_NEWLINE, visible);
}
