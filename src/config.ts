/**
 * `schema-drift.config.json`: project defaults, overridden by flags. Unknown keys are an error so a typo is
 * not silently ignored.
 */
import { existsSync, readFileSync } from 'node:fs';
import { InputError } from './errors.js';
import type { Finding, Severity } from './findings/finding.js';
import { codeInfo } from './findings/registry.js';

export interface Config {
  types?: string;
  schemas?: string[];
  migrations?: string[];
  failOn?: 'error' | 'warning' | 'never';
  format?: string;
  /** Change a finding code's severity, or turn it off. */
  severity?: Record<string, Severity | 'off'>;
  /** Objects never reported: `schema.object`, `schema.object.column`, or `code:schema.object`. */
  ignore?: string[];
  /** Exact SQL types for `fix`: `"public.payments.amount_usd": "numeric(12,2)"`. */
  columnTypes?: Record<string, string>;
}

const KEYS = new Set(['$schema', 'types', 'schemas', 'migrations', 'failOn', 'format', 'severity', 'ignore', 'columnTypes']);

export function loadConfig(file: string | undefined): Config {
  const path = file ?? 'schema-drift.config.json';
  if (!file && !existsSync(path)) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(`${path}: ${code === 'ENOENT' ? 'no such file' : `not valid JSON (${(err as Error).message})`}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new InputError(`${path}: expected a JSON object`);
  for (const key of Object.keys(parsed)) if (!KEYS.has(key)) throw new InputError(`${path}: unknown key "${key}"`);
  const config = parsed as Config;
  for (const [code, sev] of Object.entries(config.severity ?? {})) {
    if (!codeInfo(code)) throw new InputError(`${path}: severity: unknown finding code "${code}"`);
    if (!['error', 'warning', 'info', 'off'].includes(sev)) throw new InputError(`${path}: severity.${code}: expected error, warning, info or off`);
  }
  return config;
}

/** Applies the config's severities and ignores. */
export function applyConfig(findings: Finding[], config: Config): Finding[] {
  const ignore = new Set(config.ignore ?? []);
  return findings.flatMap((f) => {
    const target = `${f.schema}.${f.object}`;
    const names = [target, f.column ? `${target}.${f.column}` : '', `${f.code}:${target}`, f.column ? `${f.code}:${target}.${f.column}` : ''];
    if (names.some((n) => n && ignore.has(n))) return [];
    const sev = config.severity?.[f.code];
    if (sev === 'off') return [];
    return [sev ? { ...f, severity: sev } : f];
  });
}
