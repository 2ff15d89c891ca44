/**
 * Every config value the issue found unchecked is refused with exit 2 and one line naming its JSON path; the
 * published schema and the code registry list the same finding codes; an ignore entry that matches nothing warns.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyConfig, CONFIG_SCHEMA_URL, loadConfig } from '../../src/config.js';
import { allCodes } from '../../src/findings/registry.js';
import type { Finding } from '../../src/findings/finding.js';
import { EMPTY_TYPES, runCli, scratch } from './cli.js';

const s = scratch('sd-config-');
const configFile = (name: string, value: unknown) =>
  s.file(name, typeof value === 'string' ? value : JSON.stringify(value));

const CASES: Array<[string, unknown, string]> = [
  ['failOn-errors', { failOn: 'errors' }, '/failOn: must be one of error, warning, never'],
  ['migrations-string', { migrations: 'dir' }, '/migrations: must be an array'],
  ['format-html', { format: 'html' }, '/format: must be one of text, json, markdown, github, sarif'],
  ['types-number', { types: 5 }, '/types: must be a string'],
  ['schemas-string', { schemas: 'public' }, '/schemas: must be an array'],
  ['schemas-item', { schemas: ['public', 7] }, '/schemas/1: must be a string'],
  ['unknown-key', { failon: 'warning' }, '/failon: unknown key "failon"'],
  ['unknown-code', { severity: { table_gone: 'off' } }, '/severity/table_gone: unknown finding code "table_gone"'],
  ['proto-code', '{"severity": {"__proto__": "off"}}', '/severity/__proto__: unknown finding code "__proto__"'],
  [
    'bad-severity',
    { severity: { column_type_mismatch: 'fatal' } },
    '/severity/column_type_mismatch: must be one of error, warning, info, off',
  ],
  ['ignore-string', { ignore: 'public.t' }, '/ignore: must be an array'],
  ['column-types', { columnTypes: { 'public.t.a': 5 } }, '/columnTypes/public.t.a: must be a string'],
  ['timeout-zero', { statementTimeout: 0 }, '/statementTimeout: must be greater than 0'],
  ['timeout-string', { statementTimeout: '60' }, '/statementTimeout: must be a number'],
  ['not-object', [1], '/: must be an object'],
];

describe('config values are validated against schema/config.json', () => {
  for (const [name, value, message] of CASES) {
    it(`${JSON.stringify(value)} → ${message}`, async () => {
      const file = configFile(`${name}.json`, value);
      await expect(loadConfig(file)).rejects.toThrow(`${file}: ${message}`);
    });
  }

  it('a valid file loads, with every key', async () => {
    const file = configFile('good.json', {
      $schema: './node_modules/schema-drift/schema/config.json',
      types: 't.ts',
      schemas: ['public'],
      migrations: ['m'],
      failOn: 'warning',
      format: 'json',
      severity: { column_type_mismatch: 'warning' },
      ignore: ['public.t'],
      columnTypes: { 'public.t.a': 'numeric(12,2)' },
      statementTimeout: 5,
    });
    expect(await loadConfig(file)).toMatchObject({ failOn: 'warning', statementTimeout: 5, file });
  });

  it('the CLI exits 2 with that one line and writes nothing on stdout ("failOn": "errors" no longer opens the gate)', async () => {
    const r = await runCli([
      'check',
      '--db',
      'postgres://u@127.0.0.1:1/x',
      '--types',
      s.file('t.ts', EMPTY_TYPES),
      '--config',
      configFile('cli.json', { failOn: 'errors' }),
    ]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.errorLines).toEqual([`schema-drift: ${s.dir}/cli.json: /failOn: must be one of error, warning, never`]);
  });

  it('the published schema lists exactly the registered finding codes', () => {
    const schema = JSON.parse(readFileSync(CONFIG_SCHEMA_URL, 'utf8'));
    expect(schema.properties.severity.propertyNames.enum).toEqual(allCodes().map((c) => c.code));
  });

  it('an ignore entry that matches no finding is a warning; one that matches is silent', () => {
    const finding = {
      code: 'table_missing_in_types',
      severity: 'warning',
      schema: 'public',
      object: 'extra',
      message: 'm',
    } as Finding;
    const notices: string[] = [];
    const kept = applyConfig(
      [finding],
      { ignore: ['public.extra', 'public.gone'], file: 'schema-drift.config.json' },
      (m) => notices.push(m),
    );
    expect(kept).toEqual([]);
    expect(notices).toEqual(['warning: schema-drift.config.json: ignore entry "public.gone" matches no finding']);
  });
});
