/**
 * The creator-platform example as the README demo: its migrations alone lag its types.ts by exactly what the
 * requirements document lists; with migrations/ they agree completely. On the server and on the embedded database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCheck } from '../src/commands/check.js';
import type { DatabaseSource } from '../src/introspect/source.js';
import { createTestDatabase, resolveServer, type TestDatabase } from './support/db.js';
import { modelOf } from './support/model.js';
import { applyProject, COMPLETING_MIGRATIONS, FIXTURE_MIGRATIONS, FIXTURE_TYPES } from './support/fixture.js';

const server = await resolveServer();
if (!server) console.warn('skipping the server half of the fixture check tests: no PostgreSQL server');

// From ../shared/SEED-schema-requirements.md.
const MISSING_TABLES = [
  'credit_packages',
  'payments',
  'creator_earnings',
  'payouts',
  'story_pricing',
  'story_purchases',
  'reading_progress',
  'user_library',
  'subscription_usage',
  'story_covers',
  'cover_generation_queue',
  'ai_usage_logs',
  'cache_rewards',
  'creator_earnings_accumulation',
  'monthly_payout_batches',
  'individual_payouts',
];
const MISSING_PROFILE_FIELDS = [
  'credits_balance',
  'credits_earned_total',
  'credits_spent_total',
  'cache_hits',
  'cache_discount_earned',
  'is_creator',
  'creator_tier',
  'total_earnings_usd',
  'pending_payout_usd',
  'stripe_connect_account_id',
  'stripe_account_status',
  'stripe_charges_enabled',
  'stripe_payouts_enabled',
  'display_name',
];
// Enum types that only the new tables use, and the functions migrations/ adds.
const MISSING_ENUMS = [
  'payment_status',
  'payout_status',
  'purchase_type',
  'reading_status',
  'cover_style',
  'cover_generation_status',
  'ai_operation_type',
  'batch_processing_status',
];
const MISSING_FUNCTIONS = [
  'purchase_story_content',
  'calculate_creator_earnings',
  'process_monthly_payout_batch',
  'record_cache_hit',
  'complete_credit_purchase',
  'grant_bonus_credits',
  'refund_story_purchase',
];

function expectDocumentedGap(findings: Awaited<ReturnType<typeof runCheck>>['findings']) {
  const names = (code: string) =>
    findings
      .filter((f) => f.code === code)
      .map((f) => (f.column ? `${f.object}.${f.column}` : f.object))
      .sort();
  expect(names('table_missing_in_database')).toEqual([...MISSING_TABLES].sort());
  expect(names('column_missing_in_database')).toEqual(MISSING_PROFILE_FIELDS.map((c) => `profiles.${c}`).sort());
  expect(names('enum_missing_in_database')).toEqual([...MISSING_ENUMS].sort());
  expect(names('function_missing_in_database')).toEqual([...MISSING_FUNCTIONS].sort());
  expect(findings).toHaveLength(
    MISSING_TABLES.length + MISSING_PROFILE_FIELDS.length + MISSING_ENUMS.length + MISSING_FUNCTIONS.length,
  );
  expect(findings.every((f) => f.schema === 'public' && f.severity === 'error')).toBe(true);
}

describe('the example on the embedded database', () => {
  it('database-schema.sql is the same schema as migrations 001 and 007', async () => {
    const { mkdtempSync, copyFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'sd-base-schema-'));
    copyFileSync(join(FIXTURE_MIGRATIONS, '../../database-schema.sql'), join(dir, '001_database_schema.sql'));
    const fromSchema = await modelOf({ kind: 'migrations', dirs: [dir] }, ['public']);
    const fromMigrations = await modelOf({ kind: 'migrations', dirs: [FIXTURE_MIGRATIONS] }, ['public']);
    expect(fromSchema.tables.map((t) => t.name).sort()).toEqual([
      'chapters',
      'credit_transactions',
      'profiles',
      'stories',
    ]);
    expect(fromSchema).toEqual(fromMigrations);
  });

  it('fixture migrations alone: exactly the gap the requirements document describes', async () => {
    const report = await runCheck({
      only: 'structural',
      source: { kind: 'migrations', dirs: [FIXTURE_MIGRATIONS] },
      typesFile: FIXTURE_TYPES,
      config: {},
    });
    expectDocumentedGap(report.findings);
  });

  it('fixture plus migrations/: zero findings', async () => {
    const report = await runCheck({
      only: 'structural',
      source: { kind: 'migrations', dirs: [FIXTURE_MIGRATIONS, COMPLETING_MIGRATIONS] },
      typesFile: FIXTURE_TYPES,
      config: {},
    });
    expect(report.findings).toEqual([]);
  });
});

describe.runIf(server)('the example on the PostgreSQL server', () => {
  let before: TestDatabase;
  let after: TestDatabase;
  beforeAll(async () => {
    before = await createTestDatabase('sd_fixture_before');
    after = await createTestDatabase('sd_fixture_after');
    await applyProject(before, [FIXTURE_MIGRATIONS]);
    await applyProject(after, [FIXTURE_MIGRATIONS, COMPLETING_MIGRATIONS]);
  });
  afterAll(async () => {
    await before?.drop();
    await after?.drop();
  });

  it('fixture migrations alone (live database): exactly the documented gap', async () => {
    const report = await runCheck({
      only: 'structural',
      source: { kind: 'live', url: before.url },
      typesFile: FIXTURE_TYPES,
      config: {},
    });
    expectDocumentedGap(report.findings);
  });

  it('the embedded database and --shadow-db give the same model of the completed example', async () => {
    const dirs = [FIXTURE_MIGRATIONS, COMPLETING_MIGRATIONS];
    const embedded = await modelOf({ kind: 'migrations', dirs }, ['public']);
    const shadow = await modelOf({ kind: 'shadow', url: server!, dirs }, ['public']);
    expect(embedded.tables).toHaveLength(20);
    expect(embedded).toEqual(shadow);
  });

  it('fixture plus migrations/ (live database and --shadow-db): zero findings', async () => {
    const sources: DatabaseSource[] = [
      { kind: 'live', url: after.url },
      { kind: 'shadow', url: server!, dirs: [FIXTURE_MIGRATIONS, COMPLETING_MIGRATIONS] },
    ];
    for (const source of sources) {
      const report = await runCheck({ only: 'structural', source, typesFile: FIXTURE_TYPES, config: {} });
      expect(report.findings, source.kind).toEqual([]);
    }
  });
});
