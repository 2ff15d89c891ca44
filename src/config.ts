/**
 * `schema-drift.config.json`: project defaults, overridden by flags. The file is validated against the JSON
 * Schema `schema/config.json` (published with the package, so editors complete and check it too): a wrong key or
 * value is exit 2 naming its JSON path. The validator (ajv) is loaded only when there is a config file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { InputError } from './errors.js';
import type { Finding, Severity } from './findings/finding.js';
import { allCodes } from './findings/registry.js';
import { escapeControl } from './report/escape.js';

export interface Config {
  types?: string;
  schemas?: string[];
  migrations?: string[];
  failOn?: 'error' | 'warning' | 'never';
  format?: 'text' | 'json';
  /** Change a finding code's severity, or turn it off. */
  severity?: Record<string, Severity | 'off'>;
  /** Objects never reported: `schema.object`, `schema.object.column`, or `code:schema.object`. */
  ignore?: string[];
  /** Exact SQL types for `fix`: `"public.payments.amount_usd": "numeric(12,2)"`. */
  columnTypes?: Record<string, string>;
  /** Bound on each replayed migration statement, in seconds. */
  statementTimeout?: number;
  /** The file it came from (not a key of the file). */
  file?: string;
}

export const CONFIG_SCHEMA_URL = new URL('../schema/config.json', import.meta.url);

interface SchemaError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, any>;
  /** Set when a key (not a value) failed: propertyNames. */
  propertyName?: string;
}

type Validate = ((data: unknown) => boolean) & { errors?: SchemaError[] | null };
let validator: Promise<Validate> | undefined;

async function loadValidator(): Promise<Validate> {
  const { Ajv } = await import('ajv');
  const schema = JSON.parse(readFileSync(CONFIG_SCHEMA_URL, 'utf8'));
  // The registry is the truth about finding codes (codes may be registered at run time); the file carries the
  // same list for editors, and a test keeps the two equal.
  schema.properties.severity.propertyNames.enum = allCodes().map((c) => c.code);
  return new Ajv({ allErrors: false, strict: true }).compile(schema) as Validate;
}

export async function loadConfig(file: string | undefined): Promise<Config> {
  const path = file ?? 'schema-drift.config.json';
  if (!file && !existsSync(path)) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a directory'
          : code
            ? (err as Error).message
            : `not valid JSON (${(err as Error).message})`;
    throw new InputError(`${path}: ${why}`);
  }
  validator ??= loadValidator();
  const validate = await validator;
  if (!validate(parsed)) throw new InputError(`${path}: ${describeSchemaError(validate.errors![0])}`);
  return { ...(parsed as Config), file: path };
}

/** One schema error as `/json/pointer: what is wrong`, in words a user acts on. */
export function describeSchemaError(e: SchemaError): string {
  const where = e.instancePath || '/';
  switch (e.keyword) {
    case 'additionalProperties':
      return `${where === '/' ? '' : where}/${e.params.additionalProperty}: unknown key "${e.params.additionalProperty}"`;
    case 'enum':
      // A key outside propertyNames' list: in the severity map, that is an unknown finding code.
      if (e.propertyName !== undefined) return `${where}/${e.propertyName}: unknown finding code "${e.propertyName}"`;
      return `${where}: must be one of ${(e.params.allowedValues as unknown[]).join(', ')}`;
    case 'type':
      return `${where}: must be ${e.params.type === 'array' ? 'an array' : e.params.type === 'object' ? 'an object' : `a ${e.params.type}`}`;
    case 'minLength':
      return `${where}: must not be empty`;
    case 'exclusiveMinimum':
      return `${where}: must be greater than ${e.params.limit}`;
    default:
      return `${where}: ${e.message}`;
  }
}

/**
 * Applies the config's severities and ignores. An ignore entry that matches no finding is said (it is stale, or
 * misspelt, and hides nothing): a warning, not an error.
 */
export function applyConfig(
  findings: Finding[],
  config: Config,
  notice: (msg: string) => void = warnOnStderr,
): Finding[] {
  const ignore = new Set(config.ignore ?? []);
  const used = new Set<string>();
  const severity = new Map(Object.entries(config.severity ?? {}));
  const kept = findings.flatMap((f) => {
    const target = `${f.schema}.${f.object}`;
    const names = [
      target,
      f.column ? `${target}.${f.column}` : '',
      `${f.code}:${target}`,
      f.column ? `${f.code}:${target}.${f.column}` : '',
    ];
    const hit = names.filter((n) => n && ignore.has(n));
    if (hit.length) {
      for (const n of hit) used.add(n);
      return [];
    }
    const sev = severity.get(f.code);
    if (sev === 'off') return [];
    return [sev ? { ...f, severity: sev } : f];
  });
  for (const entry of ignore) {
    if (!used.has(entry)) notice(`warning: ${config.file ?? 'config'}: ignore entry "${entry}" matches no finding`);
  }
  return kept;
}

function warnOnStderr(msg: string): void {
  process.stderr.write(`schema-drift: ${escapeControl(msg)}\n`);
}
