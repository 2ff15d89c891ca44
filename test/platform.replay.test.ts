/**
 * Migrations that lean on the Supabase platform replay on the baseline, on the embedded database and on a
 * database of the PostgreSQL 15 server (where the same stand-ins serve), and do what they do on Supabase:
 * auth triggers, identities, webhooks, realtime policies and broadcasts, storage multipart uploads, queues,
 * cron jobs, vault secrets, PostGIS columns, plv8 functions, foreign data wrappers, and GraphQL comments.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCheck } from '../src/commands/check.js';
import { buildModel } from '../src/introspect/catalog.js';
import { readSource } from '../src/introspect/source.js';
import { createTestDatabase, resolveServer, type TestDatabase } from './support/db.js';
import { replayEmbedded, replayOnServer, type Replayed } from './support/replay.js';
import { generateTypes } from './support/typegen.js';

const server = await resolveServer();
if (!server) console.warn('skipping the server half of the platform replay: no PostgreSQL server');
const tmp = mkdtempSync(join(tmpdir(), 'sd-platform-'));

const USER = '11111111-1111-1111-1111-111111111111';

/**
 * A project touching every platform piece, with data so triggers and functions really run (also the migrations
 * of a corpus case "leans on the platform").
 */
const PLATFORM_PROJECT = fileURLToPath(new URL('./fixtures/platform-project/supabase/migrations', import.meta.url));

async function checkPlatformProject(db: Replayed): Promise<void> {
  // auth: the identity is stored and the auth trigger made the profile.
  expect(await db.query(`select username from public.profiles`)).toEqual([{ username: 'ada' }]);
  expect(await db.query(`select provider, email from auth.identities`)).toEqual([
    { provider: 'email', email: 'a@example.test' },
  ]);
  // webhook: the trigger queued a request through pg_net and recorded the hook.
  expect(await db.query(`select hook_name from supabase_functions.hooks`)).toEqual([{ hook_name: 'order-created' }]);
  expect(await db.query(`select method, url from net.http_request_queue`)).toEqual([
    { method: 'POST', url: 'https://example.test/hooks/order' },
  ]);
  // realtime: policies on messages, the table in the publication.
  expect(
    (
      await db.query<{ policyname: string }>(
        `select policyname from pg_policies where schemaname = 'realtime' order by 1`,
      )
    ).map((r) => r.policyname),
  ).toEqual(['room members read', 'room members write']);
  expect(await db.query(`select tablename from pg_publication_tables where pubname = 'supabase_realtime'`)).toEqual([
    { tablename: 'orders' },
  ]);
  // storage multipart: the part belongs to the upload.
  expect(
    await db.query(
      `select u.key, p.part_number from storage.s3_multipart_uploads u join storage.s3_multipart_uploads_parts p on p.upload_id = u.id`,
    ),
  ).toEqual([{ key: `${USER}/big.png`, part_number: 1 }]);
  // queues: two messages, readable; cron: scheduling the same name twice keeps one job; vault: the secret.
  const read = await db.query<{ message: { to: string } }>(
    `select message from pgmq.read('emails', 30, 10) order by msg_id`,
  );
  expect(read.map((r) => r.message.to)).toEqual(['a@example.test', 'b@example.test']);
  expect(await db.query(`select count(*)::int as n from pgmq.read('emails', 30, 10)`)).toEqual([{ n: 0 }]);
  expect(await db.query(`select jobname, schedule from cron.job`)).toEqual([
    { jobname: 'nightly-cleanup', schedule: '30 3 * * *' },
  ]);
  expect(await db.query(`select name, decrypted_secret from vault.decrypted_secrets`)).toEqual([
    { name: 'stripe_key', decrypted_secret: 'sk_test_123' },
  ]);
  // plv8: a language whose function is created with its body unread.
  expect(
    await db.query(
      `select l.lanname from pg_proc p join pg_language l on l.oid = p.prolang where p.proname = 'js_add'`,
    ),
  ).toEqual([{ lanname: 'plv8' }]);
  expect(
    await db.query(
      `select count(*)::int as n from information_schema.foreign_tables where foreign_table_schema = 'stripe'`,
    ),
  ).toEqual([{ n: 1 }]);
}

describe('a project leaning on the Supabase platform', () => {
  it('replays on the embedded database and does what it does on Supabase', async () => {
    const db = await replayEmbedded([PLATFORM_PROJECT]);
    try {
      await checkPlatformProject(db);
      expect(db.notices).toContainEqual(
        expect.stringMatching(/20240106000000_gis_and_more\.sql:\d+: skipped index places_location_idx: .*geometry/),
      );
      for (const ext of ['pgmq', 'pg_cron', 'postgis', 'plv8', 'wrappers', 'pg_jsonschema', 'pg_hashids']) {
        expect(db.notices).toContainEqual(expect.stringContaining(`extension ${ext}: not available`));
      }
    } finally {
      await db.close();
    }
  }, 300_000);

  it('gives a model with the platform-facing columns, foreign keys into auth.users and views', async () => {
    const model = buildModel(
      (await readSource({ kind: 'migrations', dirs: [PLATFORM_PROJECT] }, { notice: () => {} })).rows,
      ['public'],
    );
    const places = model.tables.find((t) => t.name === 'places')!;
    // PostGIS modifiers are accepted and not kept by the stand-in (see src/supabase/standins/shapes.ts).
    expect(places.columns.map((c) => [c.name, c.sqlType])).toContainEqual([
      'location',
      expect.stringMatching(/geometry$/),
    ]);
    expect(model.tables.find((t) => t.name === 'profiles')!.foreignKeys![0]).toMatchObject({
      referencedSchema: 'auth',
      referencedTable: 'users',
    });
    expect(model.views.map((v) => v.name)).toEqual(['nearby']);
    // Trigger functions are not part of the API (nor of types.ts); the plv8 and SQL ones are.
    expect(model.functions.map((f) => f.name).sort()).toEqual(['js_add', 'order_code']);
  }, 300_000);

  it('the baseline has every auth table and enum GoTrue creates, and the platform schemas', async () => {
    const db = await replayEmbedded([]);
    try {
      const tables = (
        await db.query<{ t: string }>(`select table_schema || '.' || table_name as t from information_schema.tables
        where table_schema in ('auth', 'storage', 'realtime', 'supabase_functions', 'supabase_migrations', 'vault', 'net', 'pgsodium') order by 1`)
      ).map((r) => r.t);
      for (const t of [
        'auth.users',
        'auth.identities',
        'auth.sessions',
        'auth.refresh_tokens',
        'auth.mfa_factors',
        'auth.mfa_challenges',
        'auth.mfa_amr_claims',
        'auth.sso_providers',
        'auth.sso_domains',
        'auth.saml_providers',
        'auth.saml_relay_states',
        'auth.flow_state',
        'auth.one_time_tokens',
        'auth.audit_log_entries',
        'auth.instances',
        'auth.schema_migrations',
        'auth.oauth_clients',
        'storage.buckets',
        'storage.objects',
        'storage.s3_multipart_uploads',
        'storage.s3_multipart_uploads_parts',
        'storage.migrations',
        'realtime.messages',
        'realtime.subscription',
        'realtime.schema_migrations',
        'supabase_functions.hooks',
        'supabase_migrations.schema_migrations',
        'vault.secrets',
        'vault.decrypted_secrets',
        'net.http_request_queue',
        'net._http_response',
      ]) {
        expect(tables).toContain(t);
      }
      const enums = (
        await db.query<{ e: string }>(
          `select t.typname as e from pg_type t where t.typnamespace = 'auth'::regnamespace and t.typtype = 'e' order by 1`,
        )
      ).map((r) => r.e);
      expect(enums).toEqual(
        expect.arrayContaining([
          'aal_level',
          'code_challenge_method',
          'factor_status',
          'factor_type',
          'one_time_token_type',
        ]),
      );
      const fns = (
        await db.query<{ f: string }>(`select p.oid::regprocedure::text as f from pg_proc p
        where p.pronamespace in ('auth'::regnamespace, 'storage'::regnamespace, 'realtime'::regnamespace, 'pgbouncer'::regnamespace,
          'graphql_public'::regnamespace, 'supabase_functions'::regnamespace, 'vault'::regnamespace, 'net'::regnamespace) order by 1`)
      ).map((r) => r.f);
      expect(fns).toEqual(
        expect.arrayContaining([
          'auth.uid()',
          'auth.jwt()',
          'auth.role()',
          'auth.email()',
          'storage.foldername(text)',
          'storage.get_size_by_bucket()',
          'realtime.topic()',
          'realtime.send(jsonb,text,text,boolean)',
          'pgbouncer.get_auth(text)',
          'supabase_functions.http_request()',
          'vault.create_secret(text,text,text,uuid)',
          'vault.update_secret(uuid,text,text,text,uuid)',
          'graphql_public.graphql(text,text,jsonb,jsonb)',
          'net.http_get(text,jsonb,jsonb,integer)',
          'net.http_post(text,jsonb,jsonb,jsonb,integer)',
          'net.http_delete(text,jsonb,jsonb,integer)',
        ]),
      );
      // Supabase's default privileges: what postgres creates in public later is the API roles'.
      const acl = await db.query<{ defaclacl: string }>(
        `select defaclacl::text from pg_default_acl d where d.defaclnamespace = 'public'::regnamespace and d.defaclobjtype = 'r'`,
      );
      expect(acl.map((r) => r.defaclacl).join()).toMatch(/anon=arwdDxt/);
    } finally {
      await db.close();
    }
  }, 300_000);

  describe.runIf(server)('on a database of the PostgreSQL 15 server (as --shadow-db uses it)', () => {
    let live: TestDatabase;
    beforeAll(async () => {
      live = await createTestDatabase('sd_platform');
    });
    afterAll(async () => live?.drop());

    it('replays the same project with the same effects', async () => {
      const db = await replayOnServer(live, [PLATFORM_PROJECT]);
      await checkPlatformProject(db);
    }, 300_000);

    it("check gives zero findings, embedded and --shadow-db, against the types Supabase's generator writes for it", async () => {
      const typesFile = join(tmp, 'platform-types.ts');
      const types = await generateTypes(live.url, ['public']);
      for (const name of ['profiles', 'orders', 'places', 'nearby', 'js_add', 'order_code'])
        expect(types).toContain(`${name}: {`);
      writeFileSync(typesFile, types);
      for (const source of [
        { kind: 'migrations' as const, dirs: [PLATFORM_PROJECT] },
        { kind: 'shadow' as const, url: server!, dirs: [PLATFORM_PROJECT] },
      ]) {
        const report = await runCheck({ only: 'structural', source, typesFile, config: {} });
        expect(report.findings, source.kind).toEqual([]);
      }
    }, 300_000);

    it('--shadow-db gives the same model as the embedded database', async () => {
      const embedded = buildModel(
        (await readSource({ kind: 'migrations', dirs: [PLATFORM_PROJECT] }, { notice: () => {} })).rows,
        ['public'],
      );
      const shadow = buildModel(
        (await readSource({ kind: 'shadow', url: server!, dirs: [PLATFORM_PROJECT] }, { notice: () => {} })).rows,
        ['public'],
      );
      for (const v of [...embedded.views, ...shadow.views]) delete v.definition;
      expect(shadow).toEqual(embedded);
    }, 300_000);
  });
});
