/**
 * `--format sarif`: SARIF 2.1.0 for code scanning. One rule per finding code that occurs, one result per
 * finding, located in types.ts (or the migration) when the finding has a place; a stable fingerprint from the
 * finding's key so code scanning tracks a finding across runs instead of reopening it.
 */
import type { Severity } from '../findings/finding.js';
import type { Report } from './report.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

export interface SarifOptions {
  version: string;
  /** Where each code is documented (a README anchor, or the registry's docs link). */
  helpUri?: (code: string) => string | undefined;
  /** A short description per code (the registry's title). */
  describe?: (code: string) => string | undefined;
}

export function renderSarif(report: Report, opts: SarifOptions): string {
  const codes = [...new Set(report.findings.map((f) => f.code))].sort();
  const ruleIndex = new Map(codes.map((c, i) => [c, i]));
  const rules = codes.map((code) => {
    const help = opts.helpUri?.(code);
    const text = opts.describe?.(code) ?? code.replace(/_/g, ' ');
    return { id: code, name: code, shortDescription: { text }, ...(help ? { helpUri: help } : {}) };
  });
  const results = report.findings.map((f) => {
    const hint = f.hint;
    return {
      ruleId: f.code,
      ruleIndex: ruleIndex.get(f.code)!,
      level: LEVEL[f.severity],
      message: { text: hint ? `${f.message} ${hint}` : f.message },
      ...(f.location
        ? {
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: toUri(f.location.file) },
                  region: { startLine: Math.max(1, f.location.line) },
                },
              },
            ],
          }
        : {}),
      partialFingerprints: { 'schemaDriftKey/v1': f.key },
      properties: { schema: f.schema, object: f.object, ...(f.column !== undefined ? { column: f.column } : {}) },
    };
  });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'schema-drift', version: opts.version, rules } },
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** A relative path as a URI reference (forward slashes, each segment percent-encoded). */
function toUri(file: string): string {
  return file.split(/[\\/]/).map(encodeURIComponent).join('/');
}
