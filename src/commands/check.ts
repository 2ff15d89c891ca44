/** `schema-drift check`: types.ts × database → findings → report, and whether CI should fail. */
import { applyConfig, type Config } from '../config.js';
import { compareModels, defaultSchemas } from '../diff/compare.js';
import { SEVERITY_RANK, type Finding, type Severity } from '../findings/finding.js';
import { InputError } from '../errors.js';
import { buildModel } from '../introspect/catalog.js';
import { describeSource, readSource, type DatabaseSource } from '../introspect/source.js';
import type { Report } from '../report/report.js';
import { parseTypesFile } from '../typeparse/parseTypes.js';

export interface CheckOptions {
  source: DatabaseSource;
  typesFile: string;
  schemas?: string[];
  config: Config;
  progress?: (msg: string) => void;
  notice?: (msg: string) => void;
}

export async function runCheck(opts: CheckOptions): Promise<Report> {
  // A live or embedded database is read while the types file is parsed (one waits on the network or WASM, the
  // other on the CPU); a bad types file is still the error reported. A shadow database is created on the
  // user's server, so it waits until the types file is known to be good: bad input changes nothing.
  const read = () => readSource(opts.source, { progress: opts.progress, notice: opts.notice });
  const early = opts.source.kind === 'shadow' ? undefined : read();
  early?.catch(() => {});
  const types = await parseTypesFile(opts.typesFile);
  const schemas = opts.schemas?.length ? opts.schemas : defaultSchemas(types);
  const snapshot = await (early ?? read());
  const known = new Set<string>(snapshot.rows.SCHEMAS.map((s) => s.name));
  const unknown = (opts.schemas ?? []).filter((s) => !known.has(s) && !types.schemas.includes(s));
  if (unknown.length) throw new InputError(`--schema ${unknown.join(', ')}: no such schema in the database or in ${opts.typesFile}`);
  // Types are resolved as the generator resolved them: against every schema the file was generated for.
  const db = buildModel(snapshot.rows, [...new Set([...types.schemas, ...schemas])]);
  const findings = applyConfig(compareModels(types, db, schemas), opts.config, opts.notice);
  return { database: { kind: opts.source.kind, label: describeSource(opts.source) }, types: opts.typesFile, findings };
}

export function exitCodeFor(findings: readonly Finding[], failOn: Severity | 'never'): 0 | 1 {
  if (failOn === 'never') return 0;
  return findings.some((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn]) ? 1 : 0;
}
