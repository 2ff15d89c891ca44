/**
 * The registry of every finding code: its default severity, title, category and documentation. Severity comes
 * from here, never from a code's spelling. Each category keeps its codes in its own file (a static table) and is
 * listed once below; `registerCodes` adds codes at run time (plugins, tests).
 */
import type { Severity } from './finding.js';
import { LINT_CODES } from './lints.js';
import { AUDIT_CODES } from './audit.js';
import { DATABASE_CODES } from './database.js';
import { STRUCTURAL_CODES } from './structural.js';

export type Category = 'drift' | 'security' | 'performance' | 'audit' | 'diff';

export interface CodeInfo {
  code: string;
  /** Default severity; config may change it. */
  severity: Severity;
  /** The object kind the code is about (`table`, `column`, …), reported as the finding's `kind`. */
  kind: string;
  title: string;
  category: Category;
  description: string;
  /** A URL or a README anchor explaining the code and its fix. */
  docs: string;
  /** What to do about it, in one line (lints have one; structural codes get theirs from hints.ts). */
  remediation?: string;
}

const registry = new Map<string, CodeInfo>();

/** Adds codes; registering a code twice with different facts is a programming error. */
export function registerCodes(codes: readonly CodeInfo[]): void {
  for (const info of codes) {
    const known = registry.get(info.code);
    if (known && JSON.stringify(known) !== JSON.stringify(info))
      throw new Error(`finding code "${info.code}" registered twice`);
    registry.set(info.code, info);
  }
}

/** Removes codes registered for a while (a test's own, so the published list stays the built-in one). */
export function unregisterCodes(codes: readonly string[]): void {
  for (const code of codes) registry.delete(code);
}

export function codeInfo(code: string): CodeInfo | undefined {
  return registry.get(code);
}

export function allCodes(): CodeInfo[] {
  return [...registry.values()];
}

export function codesIn(category: Category): string[] {
  return allCodes()
    .filter((c) => c.category === category)
    .map((c) => c.code);
}

// One line per category table.
registerCodes(STRUCTURAL_CODES);
registerCodes(LINT_CODES);
registerCodes(DATABASE_CODES);
registerCodes(AUDIT_CODES);
