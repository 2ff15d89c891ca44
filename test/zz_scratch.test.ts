import { readFileSync, writeFileSync } from 'node:fs';
import { it } from 'vitest';
import { runCheck } from '../src/commands/check.js';
import { createTestDatabase } from './support/db.js';
import { GENERATORS, generateWith } from './support/generators.js';
it('gen', async () => {
  const db = await createTestDatabase('sd_7a');
  await db.exec(readFileSync('test/fixtures/features.sql', 'utf8'));
  for (const g of GENERATORS) {
    const text = await generateWith(g, db.url, ['public', 'billing']);
    writeFileSync(`/tmp/7a/${g}.ts`, text);
    const r = await runCheck({ source: { kind: 'live', url: db.url }, typesFile: `/tmp/7a/${g}.ts`, config: {} });
    console.log(g, r.findings.length);
    for (const f of r.findings) console.log('  ', f.code, f.schema, f.object, f.column ?? '', '|', f.expected, '|', f.actual);
  }
  await db.drop();
}, 120000);
