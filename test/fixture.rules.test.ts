/**
 * The example's money rules, on the PostgreSQL 15 server: atomic purchases under concurrency, a ledger that always
 * sums to the balance, a payout batch that pays once, and RLS that keeps users in their own rows.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session, signUp } from './support/actors.js';
import { createTestDatabase, resolveServer, type TestDatabase } from './support/db.js';
import { applyProject, COMPLETING_MIGRATIONS, FIXTURE_MIGRATIONS } from './support/fixture.js';

const server = await resolveServer();
if (!server) console.warn("skipping the example's business-rule and RLS tests: no PostgreSQL server");

interface World {
  creator: string;
  otherCreator: string;
  readers: string[];
  story: string;
  draft: string;
}

/** A creator with a published story (5 chapters, 10 credits each, chapter 1 free) and a draft, and readers. */
async function buildWorld(s: Session): Promise<World> {
  const creator = await signUp(s, `creator${Math.random()}`);
  const otherCreator = await signUp(s, `other${Math.random()}`);
  const readers = [await signUp(s, `reader-a${Math.random()}`), await signUp(s, `reader-b${Math.random()}`)];
  await s.admin('update public.profiles set is_creator = true where id = any($1)', [[creator, otherCreator]]);
  const [{ id: story }] = await s.admin(
    `insert into public.stories (user_id, title, status) values ($1, 'Published', 'published') returning id`,
    [creator],
  );
  const [{ id: draft }] = await s.admin(
    `insert into public.stories (user_id, title, status) values ($1, 'Draft', 'draft') returning id`,
    [creator],
  );
  await s.admin(
    `insert into public.chapters (story_id, chapter_number, word_count) select $1, n, 1000 from generate_series(1, 5) n`,
    [story],
  );
  await s.admin(
    `insert into public.story_pricing (story_id, creator_id, price_per_chapter, bundle_discount, free_chapters, premium_unlock_price) values ($1, $2, 10, 20, 1, 50), ($3, $2, 5, 0, 0, null)`,
    [story, creator, draft],
  );
  await s.admin(
    `insert into private.cache_entries (cache_key, story_id, generation_cost_usd) values ('a', $1, 0.40), ('b', null, 1.20) on conflict do nothing`,
    [story],
  );
  await s.admin(
    `insert into public.story_covers (story_id, cover_url, cover_style, is_primary) values ($1, 'https://x/p.png', 'fantasy', true), ($2, 'https://x/d.png', 'vintage', true)`,
    [story, draft],
  );
  return { creator, otherCreator, readers, story, draft };
}

describe.runIf(server)("the example's business rules", () => {
  let db: TestDatabase;
  let s: Session;
  let w: World;

  beforeAll(async () => {
    db = await createTestDatabase('sd_rules');
    await applyProject(db, [FIXTURE_MIGRATIONS, COMPLETING_MIGRATIONS]);
    s = await Session.open(db.url);
    w = await buildWorld(s);
  });
  afterAll(async () => {
    await s?.close();
    await db?.drop();
  });

  const bonus = (user: string, amount: number) =>
    s.as('service_role', null, (q) => q('select public.grant_bonus_credits($1, $2)', [user, amount]));
  const buy = (session: Session, user: string, type: string, chapters: number[] | null = null) =>
    session.as('authenticated', user, (q) =>
      q('select public.purchase_story_content($1, $2, $3) as id', [w.story, type, chapters]),
    );
  const balance = async (user: string) =>
    (await s.admin('select credits_balance from public.profiles where id = $1', [user]))[0].credits_balance as number;

  async function ledgerInvariant() {
    const rows = await s.admin(`
      select p.id, p.credits_balance, coalesce(sum(t.amount), 0)::int as ledger
        from public.profiles p left join public.credit_transactions t on t.user_id = p.id
       group by p.id having p.credits_balance <> coalesce(sum(t.amount), 0)`);
    expect(rows).toEqual([]);
    const pending = await s.admin(`
      select p.id, p.pending_payout_usd, coalesce(sum(e.usd_equivalent) filter (where e.payout_id is null and e.individual_payout_id is null), 0) as unpaid
        from public.profiles p left join public.creator_earnings e on e.creator_id = p.id
       group by p.id having p.pending_payout_usd <> coalesce(sum(e.usd_equivalent) filter (where e.payout_id is null and e.individual_payout_id is null), 0)`);
    expect(pending).toEqual([]);
  }

  it('two concurrent purchases with credits for one: exactly one succeeds, the balance never goes negative', async () => {
    const reader = await signUp(s, `racer${Math.random()}`);
    await bonus(reader, 10); // one chapter's worth
    const [a, b] = [await Session.open(db.url), await Session.open(db.url)];
    try {
      const results = await Promise.allSettled([buy(a, reader, 'chapter', [2]), buy(b, reader, 'chapter', [3])]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const failure = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(String(failure.reason.message)).toMatch(/insufficient credits/);
    } finally {
      await a.close();
      await b.close();
    }
    expect(await balance(reader)).toBe(0);
    await ledgerInvariant();
  });

  it('a second purchase of the same thing fails cleanly and changes nothing', async () => {
    const reader = await signUp(s, `twice${Math.random()}`);
    await bonus(reader, 200);
    await buy(s, reader, 'bundle');
    const after = await balance(reader);
    await expect(buy(s, reader, 'bundle')).rejects.toThrow(/already purchased/);
    await expect(buy(s, reader, 'chapter', [3])).rejects.toThrow(/already purchased/);
    expect(await balance(reader)).toBe(after);
    // 4 paid chapters at 10 credits, 20% bundle discount.
    expect(after).toBe(200 - 32);
    await ledgerInvariant();
  });

  it('after random purchases, bonuses, refunds and cache rewards every balance equals its ledger', async () => {
    const users = w.readers;
    const action = fc.oneof(
      fc.record({ kind: fc.constant('bonus' as const), user: fc.nat(1), amount: fc.integer({ min: 1, max: 60 }) }),
      fc.record({ kind: fc.constant('chapter' as const), user: fc.nat(1), chapter: fc.integer({ min: 1, max: 6 }) }),
      fc.record({ kind: fc.constant('bundle' as const), user: fc.nat(1) }),
      fc.record({ kind: fc.constant('premium' as const), user: fc.nat(1) }),
      fc.record({ kind: fc.constant('refund' as const), user: fc.nat(1) }),
      fc.record({ kind: fc.constant('cache' as const), user: fc.nat(1), key: fc.constantFrom('a', 'b') }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 12 }), async (actions) => {
        for (const a of actions) {
          const user = users[a.user];
          try {
            if (a.kind === 'bonus') await bonus(user, a.amount);
            else if (a.kind === 'chapter') await buy(s, user, 'chapter', [a.chapter]);
            else if (a.kind === 'bundle') await buy(s, user, 'bundle');
            else if (a.kind === 'premium') await buy(s, user, 'premium_unlock');
            else if (a.kind === 'cache')
              await s.as('authenticated', user, (q) => q('select public.record_cache_hit($1)', [a.key]));
            else {
              const [p] = await s.admin(
                'select id from public.story_purchases where user_id = $1 and refunded_at is null order by created_at desc limit 1',
                [user],
              );
              if (p) await s.as('service_role', null, (q) => q('select public.refund_story_purchase($1)', [p.id]));
            }
          } catch (err) {
            // Refusals are part of the rules; anything else is a bug.
            expect(String((err as Error).message)).toMatch(
              /insufficient credits|already purchased|no paid chapters|no such chapters/,
            );
          }
          expect(await balance(user)).toBeGreaterThanOrEqual(0);
        }
        await ledgerInvariant();
      }),
      { numRuns: 15 },
    );
  });

  it('the payout batch pays each eligible creator once; re-running it is a no-op', async () => {
    await s.admin('update public.profiles set stripe_payouts_enabled = true where id = $1', [w.creator]);
    const reader = await signUp(s, `payer${Math.random()}`);
    await bonus(reader, 500);
    await buy(s, reader, 'premium_unlock');
    const [{ unpaid }] = await s.admin(
      `select sum(usd_equivalent) as unpaid from public.creator_earnings where creator_id = $1 and individual_payout_id is null and payout_id is null`,
      [w.creator],
    );
    const run = () =>
      s.as('service_role', null, (q) => q(`select public.process_monthly_payout_batch('2099-01-31', 0.01) as id`));
    const [{ id: batch }] = await run();
    const snapshot = async () =>
      s.admin(
        `select (select count(*) from public.individual_payouts) as payouts, (select sum(amount_usd) from public.individual_payouts) as paid, (select count(*) from public.monthly_payout_batches) as batches, (select sum(pending_payout_usd) from public.profiles) as pending`,
      );
    const first = await snapshot();
    const [{ id: again }] = await run();
    expect(again).toBe(batch);
    expect(await snapshot()).toEqual(first);
    const payouts = await s.admin('select creator_id, amount_usd from public.individual_payouts where batch_id = $1', [
      batch,
    ]);
    expect(payouts).toEqual([{ creator_id: w.creator, amount_usd: unpaid }]);
    // The next month's batch does not pay the same earnings again.
    const [{ id: next }] = await s.as('service_role', null, (q) =>
      q(`select public.process_monthly_payout_batch('2099-02-28', 0.01) as id`),
    );
    expect(
      await s.admin('select count(*)::int as n from public.individual_payouts where batch_id = $1', [next]),
    ).toEqual([{ n: 0 }]);
    // A creator without payouts enabled is not paid.
    expect(payouts.some((p) => p.creator_id === w.otherCreator)).toBe(false);
    await ledgerInvariant();
  });

  it('calculate_creator_earnings sums a period for the creator, and refuses anyone else', async () => {
    const reader = await signUp(s, `period${Math.random()}`);
    await bonus(reader, 100);
    await buy(s, reader, 'chapter', [4, 5]);
    const [expected] = await s.admin(
      `select count(*)::int as n, sum(credits_earned)::int as credits, sum(usd_equivalent) as usd
      from public.creator_earnings where creator_id = $1 and created_at::date between '2000-01-01' and '2999-12-31'`,
      [w.creator],
    );
    const [got] = await s.as('authenticated', w.creator, (q) =>
      q(`select * from public.calculate_creator_earnings($1, '2000-01-01', '2999-12-31')`, [w.creator]),
    );
    expect(got).toMatchObject({
      earnings_count: String(expected.n),
      credits_earned: String(expected.credits),
      usd_earned: expected.usd,
    });
    expect(expected.n).toBeGreaterThan(0);
    const [none] = await s.as('authenticated', w.creator, (q) =>
      q(`select * from public.calculate_creator_earnings($1, '1990-01-01', '1990-12-31')`, [w.creator]),
    );
    expect(none).toMatchObject({ earnings_count: '0', usd_earned: '0' });
    await expect(
      s.as('authenticated', reader, (q) =>
        q(`select * from public.calculate_creator_earnings($1, '2000-01-01', '2999-12-31')`, [w.creator]),
      ),
    ).rejects.toThrow(/not allowed/);
  });

  it('money functions are not callable by the API roles that must not call them', async () => {
    await expect(
      s.as('authenticated', w.readers[0], (q) => q('select public.grant_bonus_credits($1, 1000)', [w.readers[0]])),
    ).rejects.toThrow(/permission denied/);
    await expect(
      s.as('authenticated', w.readers[0], (q) => q(`select public.process_monthly_payout_batch('2099-03-31')`)),
    ).rejects.toThrow(/permission denied/);
    await expect(
      s.as('anon', null, (q) => q('select public.purchase_story_content($1, $2)', [w.story, 'bundle'])),
    ).rejects.toThrow(/permission denied/);
    await expect(
      s.as('authenticated', w.readers[0], (q) =>
        q('update public.profiles set credits_balance = 1000000 where id = $1', [w.readers[0]]),
      ),
    ).rejects.toThrow(/permission denied/);
  });

  describe('RLS', () => {
    let a: string;
    let b: string;
    beforeAll(async () => {
      [a, b] = [await signUp(s, `rls-a${Math.random()}`), await signUp(s, `rls-b${Math.random()}`)];
      for (const u of [a, b]) {
        await bonus(u, 100);
        await buy(s, u, 'chapter', [2]);
        await s.admin(`insert into public.payments (user_id, amount_usd, credits_purchased) values ($1, 9.99, 1000)`, [
          u,
        ]);
        await s.admin(`insert into public.user_library (user_id, story_id) values ($1, $2)`, [u, w.story]);
        await s.admin(
          `insert into public.reading_progress (user_id, story_id, progress_percentage) values ($1, $2, 10)`,
          [u, w.story],
        );
        await s.admin(
          `insert into public.subscription_usage (user_id, subscription_tier, period_start, period_end) values ($1, 'free', '2099-01-01', '2099-02-01')`,
          [u],
        );
        await s.admin(
          `insert into public.ai_usage_logs (user_id, operation_type, actual_cost_usd, charged_amount_usd, ai_model_used) values ($1, 'chapter', 0.01, 0.02, 'm')`,
          [u],
        );
      }
    });

    const OWN_TABLES = [
      'payments',
      'story_purchases',
      'user_library',
      'reading_progress',
      'subscription_usage',
      'ai_usage_logs',
      'credit_transactions',
    ];

    it.each(OWN_TABLES)('user A reads only their own %s', async (table) => {
      const rows = await s.as('authenticated', a, (q) => q(`select user_id from public.${table}`));
      expect(rows.length).toBeGreaterThan(0);
      expect(new Set(rows.map((r) => r.user_id))).toEqual(new Set([a]));
    });

    it("user A cannot write B's library, progress or payments", async () => {
      await expect(
        s.as('authenticated', a, (q) =>
          q('insert into public.user_library (user_id, story_id) values ($1, $2)', [b, w.draft]),
        ),
      ).rejects.toThrow(/row-level security/);
      await expect(
        s.as('authenticated', a, (q) =>
          q('insert into public.reading_progress (user_id, story_id) values ($1, $2)', [b, w.draft]),
        ),
      ).rejects.toThrow(/row-level security/);
      const updated = await s.as('authenticated', a, (q) =>
        q('update public.user_library set is_favorite = true where user_id = $1 returning id', [b]),
      );
      expect(updated).toEqual([]);
      await expect(
        s.as('authenticated', a, (q) =>
          q('insert into public.payments (user_id, amount_usd, credits_purchased) values ($1, 1, 1)', [a]),
        ),
      ).rejects.toThrow(/row-level security/);
    });

    it('a creator sees only their own earnings and payouts', async () => {
      const mine = await s.as('authenticated', w.creator, (q) => q('select creator_id from public.creator_earnings'));
      expect(mine.length).toBeGreaterThan(0);
      expect(new Set(mine.map((r) => r.creator_id))).toEqual(new Set([w.creator]));
      expect(await s.as('authenticated', w.otherCreator, (q) => q('select * from public.creator_earnings'))).toEqual(
        [],
      );
      expect(await s.as('authenticated', a, (q) => q('select * from public.individual_payouts'))).toEqual([]);
    });

    it('anon sees the pricing and covers of published stories only, and no money rows', async () => {
      const pricing = await s.as('anon', null, (q) => q('select story_id from public.story_pricing'));
      expect(pricing.map((r) => r.story_id)).toEqual([w.story]);
      const covers = await s.as('anon', null, (q) => q('select story_id from public.story_covers'));
      expect(covers.map((r) => r.story_id)).toEqual([w.story]);
      for (const table of [
        'payments',
        'story_purchases',
        'creator_earnings',
        'credit_transactions',
        'payouts',
        'individual_payouts',
        'monthly_payout_batches',
        'creator_earnings_accumulation',
        'cache_rewards',
      ]) {
        expect(await s.as('anon', null, (q) => q(`select * from public.${table}`)), table).toEqual([]);
      }
      const packages = await s.admin(
        `insert into public.credit_packages (name, credits_amount, price_usd) values ('Starter', 500, 4.99) returning id`,
      );
      expect(await s.as('anon', null, (q) => q('select id from public.credit_packages'))).toEqual(packages);
    });
  });
});
