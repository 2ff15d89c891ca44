/** The stable, versioned JSON report of DESIGN.md. */
import { summarize } from '../findings/finding.js';
import type { Report } from './report.js';

export function renderJson(report: Report): string {
  const findings = report.findings.map((f) => ({
    code: f.code,
    severity: f.severity,
    kind: f.kind,
    key: f.key,
    schema: f.schema,
    object: f.object,
    ...(f.column !== undefined ? { column: f.column } : {}),
    message: f.message,
    ...(f.expected !== undefined ? { expected: f.expected } : {}),
    ...(f.actual !== undefined ? { actual: f.actual } : {}),
    ...(f.location ? { location: { file: f.location.file, line: f.location.line } } : {}),
  }));
  return `${JSON.stringify({ version: 1, database: report.database, types: report.types, summary: summarize(report.findings), findings }, null, 2)}\n`;
}
