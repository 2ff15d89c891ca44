/**
 * The human report: findings grouped by schema and object, then one summary line. Every name and message is
 * untrusted and passes through `escapeControl` (report/escape.ts) before it reaches the terminal.
 */
import { summarize, type Finding, type Severity } from '../findings/finding.js';
import { escapeControl as e } from './escape.js';
import type { Report } from './report.js';

export interface Style {
  bold(s: string): string;
  dim(s: string): string;
  severity(sev: Severity, s: string): string;
}

export const PLAIN: Style = { bold: (s) => s, dim: (s) => s, severity: (_, s) => s };

/** Colour only on a terminal, never under NO_COLOR; FORCE_COLOR forces it (for CI logs that render it). */
export function wantsColor(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR) return env.FORCE_COLOR !== '0';
  return Boolean(stream.isTTY);
}

export async function ansiStyle(): Promise<Style> {
  const { Chalk } = await import('chalk');
  const c = new Chalk({ level: 1 });
  const bySeverity = { error: c.red, warning: c.yellow, info: c.cyan };
  return { bold: c.bold, dim: c.dim, severity: (sev, s) => bySeverity[sev](s) };
}

export function renderText(report: Report, style: Style = PLAIN): string {
  const lines: string[] = [];
  const header = report.to
    ? `from: ${e(report.database.label)} (${report.database.kind})   to: ${e(report.to.label)} (${report.to.kind})`
    : `database: ${e(report.database.label)} (${report.database.kind})   types: ${report.types === null ? 'none (schema audit: lints only)' : e(report.types)}`;
  lines.push(style.dim(header));
  const groups = new Map<string, Finding[]>();
  for (const f of report.findings) {
    const key = e(`${f.schema}.${f.object}`);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = []));
    g.push(f);
  }
  for (const [key, findings] of [...groups].sort(([a], [b]) => (a < b ? -1 : 1))) {
    lines.push('', style.bold(key));
    for (const f of findings) {
      const where = f.location ? style.dim(`  ${e(f.location.file)}:${f.location.line}`) : '';
      lines.push(
        `  ${style.severity(f.severity, f.severity.padEnd(7))} ${f.code}${f.column ? ` ${e(f.column)}` : ''}${where}`,
      );
      lines.push(`          ${e(f.message)}`);
      if (f.hint) lines.push(style.dim(`          hint: ${e(f.hint)}`));
    }
  }
  const s = summarize(report.findings);
  const total = s.error + s.warning + s.info;
  lines.push(
    '',
    total === 0
      ? 'In sync: no drift found.'
      : `${total} finding${total === 1 ? '' : 's'}: ${s.error} error${s.error === 1 ? '' : 's'}, ${s.warning} warning${s.warning === 1 ? '' : 's'}, ${s.info} info.`,
  );
  if (report.next) lines.push(`Next: ${e(report.next)}`);
  return `${lines.join('\n')}\n`;
}
