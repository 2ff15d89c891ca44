/**
 * The example app attacked by its own users, through the API they have (SQL as `anon` or `authenticated` with
 * the JWT claims PostgREST sets), on the PostgreSQL 15 server and on the embedded PGlite: every attempt is
 * refused or changes nothing, balances always equal their ledgers, and no payout exceeds the earnings it pays.
 * PROPERTY_RUNS sets how many random call sequences the property test tries on each engine (default 25).
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Session, signUp, type Query, type Role } from './support/actors.js';
import { createTestDatabase, resolveServer, type TestDatabase } from './support/db.js';
import { applyProject, COMPLETING_MIGRATIONS, FIXTURE_MIGRATIONS, openEmbeddedProject } from './support/fixture.js';

const server = await resolveServer();
if (!server) console.warn('skipping the server half of the attack tests: no PostgreSQL server');
const PROPERTY_RUNS = Number(process.env.PROPERTY_RUNS) || 25;
const DIRS = [FIXTURE_MIGRATIONS, COMPLETING_MIGRATIONS];

/** A database with the completed example, on one engine, and how to open more sessions on it (server only). */
interface Engine {
  session: Session;
  /** Another connection, for races; null on the single-connection embedded database. */
  another: (() => Promise<Session>) | null;
  close(): Promise<void>;
}

const ENGINES: Array<{ name: string; enabled: boolean; open: () => Promise<Engine> }> = [
  {
    name: 'PostgreSQL server',
    enabled: Boolean(server),
    async open() {
      const db: TestDatabase = await createTestDatabase('sd_attacks');
      await applyProject(db, DIRS);
      const session = await Session.open(db.url);
      return {
        session,
        another: () => Session.open(db.url),
        close: async () => {
          await session.close();
          await db.drop();
        },
      };
    },
  },
  {
    name: 'embedded PGlite',
    enabled: true,
    async open() {
      const db = await openEmbeddedProject(DIRS);
      return { session: Session.embedded(db), another: null, close: () => db.close() };
    },
  },
];

// Both engines start building at once: the server's work overlaps PGlite's, which is most of this file's time.
const OPENING = new Map(
  ENGINES.filter((e) => e.enabled).map((e) => {
    const opening = e.open();
    opening.catch(() => {}); // reported by the suite's beforeAll, which awaits it
    return [e.name, opening] as const;
  }),
);

interface World {
  creator: string;
  otherCreator: string;
  readers: string[];
  /** The creator's published story (5 chapters, 10 credits each, chapter 1 free, premium unlock 50). */
  story: string;
  /** The creator's hidden draft, with a chapter and pricing. */
  draft: string;
  draftChapter: string;
  /** The other creator's published story: 200 chapters at the highest chapter price, premium at the highest. */
  bigStory: string;
}

async function buildWorld(s: Session): Promise<World> {
  const creator = await signUp(s, 'creator');
  const otherCreator = await signUp(s, 'other-creator');
  const readers = [await signUp(s, 'reader-a'), await signUp(s, 'reader-b')];
  await s.admin('update public.profiles set is_creator = true, stripe_payouts_enabled = true where id = any($1)', [
    [creator, otherCreator],
  ]);
  const story = await one(
    s,
    `insert into public.stories (user_id, title, status) values ($1, 'Published', 'published') returning id`,
    [creator],
  );
  const draft = await one(
    s,
    `insert into public.stories (user_id, title, status) values ($1, 'Draft', 'draft') returning id`,
    [creator],
  );
  const bigStory = await one(
    s,
    `insert into public.stories (user_id, title, status) values ($1, 'Big', 'published') returning id`,
    [otherCreator],
  );
  await s.admin(
    `insert into public.chapters (story_id, chapter_number, word_count) select $1, n, 1000 from generate_series(1, 5) n`,
    [story],
  );
  await s.admin(`insert into public.chapters (story_id, chapter_number) select $1, n from generate_series(1, 200) n`, [
    bigStory,
  ]);
  const draftChapter = await one(
    s,
    `insert into public.chapters (story_id, chapter_number) values ($1, 1) returning id`,
    [draft],
  );
  await s.admin(
    `insert into public.story_pricing (story_id, creator_id, price_per_chapter, bundle_discount, free_chapters, premium_unlock_price)
                 values ($1, $2, 10, 20, 1, 50), ($3, $2, 5, 0, 0, null), ($4, $5, 1000, 0, 1, 10000)`,
    [story, creator, draft, bigStory, otherCreator],
  );
  await s.admin(
    `insert into private.cache_entries (cache_key, story_id, generation_cost_usd)
                 values ('published', $1, 0.40), ('hidden', $2, 5), ('k1', null, 1), ('k2', null, 1), ('k3', null, 1), ('k4', null, 1)`,
    [story, draft],
  );
  for (const r of readers) await bonus(s, r, 20000);
  return { creator, otherCreator, readers, story, draft, draftChapter, bigStory };
}

async function one(s: Session, sql: string, params: unknown[]): Promise<string> {
  return (await s.admin<{ id: string }>(sql, params))[0].id;
}

const bonus = (s: Session, user: string, amount: number) =>
  s.as('service_role', null, (q) => q('select public.grant_bonus_credits($1, $2)', [user, amount]));

/** Every way the money could be wrong; empty when it is right. */
async function violations(s: Session): Promise<string[]> {
  const rows = await s.admin<{ v: string }>(`
    select format('balance of %s is %s, its ledger sums to %s', p.id, p.credits_balance, coalesce(t.sum, 0)) as v
      from public.profiles p
      left join (select user_id, sum(amount) from public.credit_transactions group by user_id) t on t.user_id = p.id
     where p.credits_balance <> coalesce(t.sum, 0)
    union all
    select format('pending payout of %s is %s, unpaid earnings %s', p.id, p.pending_payout_usd, coalesce(e.sum, 0))
      from public.profiles p
      left join (select creator_id, sum(usd_equivalent) from public.creator_earnings
                  where payout_id is null and individual_payout_id is null group by creator_id) e on e.creator_id = p.id
     where p.pending_payout_usd <> coalesce(e.sum, 0)
    union all
    select format('individual payout %s pays %s USD for %s USD of earnings', ip.id, ip.amount_usd, coalesce(e.sum, 0))
      from public.individual_payouts ip
      left join (select individual_payout_id, sum(usd_equivalent) from public.creator_earnings group by individual_payout_id) e
        on e.individual_payout_id = ip.id
     where ip.amount_usd > coalesce(e.sum, 0)
    union all
    select format('payout %s pays %s USD for %s USD of earnings', po.id, po.amount_usd, coalesce(e.sum, 0))
      from public.payouts po
      left join (select payout_id, sum(usd_equivalent) from public.creator_earnings group by payout_id) e on e.payout_id = po.id
     where po.amount_usd > coalesce(e.sum, 0)
    union all
    select format('earning %s is %s credits of a purchase that earned %s (refunded: %s)', e.id, e.credits_earned, sp.creator_earnings, sp.refunded_at)
      from public.creator_earnings e left join public.story_purchases sp on sp.id = e.purchase_id
     where sp.id is null or sp.refunded_at is not null or e.credits_earned <> sp.creator_earnings
    union all
    select format('earning %s is %s credits of a purchase of %s credits, %s of them cache rewards', e.id, e.credits_earned, sp.credits_spent, ppc.credits)
      from public.creator_earnings e join public.story_purchases sp on sp.id = e.purchase_id
      left join private.purchase_promotional_credits ppc on ppc.purchase_id = sp.id
     where e.credits_earned > floor((sp.credits_spent - coalesce(ppc.credits, 0)) * 0.70)
    union all
    select format('%s holds %s unspent cache-reward credits but a balance of %s', p.id, pc.credits, p.credits_balance)
      from private.promotional_credits pc join public.profiles p on p.id = pc.user_id
     where pc.credits > p.credits_balance
    union all
    select format('%s got %s credits of cache rewards on %s', user_id, sum(credits_saved), created_at::date)
      from public.cache_rewards group by user_id, created_at::date having sum(credits_saved) > 100`);
  return rows.map((r) => r.v);
}

/** An error's class and words, with ids blanked, so two refusals can be compared. */
async function refusal(p: Promise<unknown>, ...ids: string[]): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (err) {
    const e = err as { code?: string; message: string };
    let message = e.message;
    for (const id of ids) message = message.replaceAll(id, '<id>');
    return { code: e.code ?? '', message };
  }
  throw new Error('expected a refusal, the call succeeded');
}

describe.each(ENGINES.filter((e) => e.enabled))('attacks on the example ($name)', ({ name }) => {
  let engine: Engine;
  let s: Session;
  let w: World;
  /** The three kinds of caller every attempt is made as. */
  let actors: Array<{ name: string; role: Role; sub: string | null }>;

  beforeAll(async () => {
    engine = await OPENING.get(name)!;
    s = engine.session;
    w = await buildWorld(s);
    actors = [
      { name: 'anon', role: 'anon', sub: null },
      { name: 'a signed-in user', role: 'authenticated', sub: w.readers[0] },
      { name: 'a creator', role: 'authenticated', sub: w.creator },
    ];
  }, 120_000);
  afterAll(async () => engine?.close());
  afterEach(async () => {
    if (s) expect(await violations(s)).toEqual([]);
  });

  /** Runs `sql` as each actor: it must be refused (matching `refused`) or, when it runs, change nothing money counts. */
  async function refusedForAll(
    sql: string,
    params: unknown[] = [],
    refused: RegExp = /permission denied|row-level security|not allowed|needs a signed-in user/,
  ) {
    for (const a of actors) {
      await expect(
        s.as(a.role, a.sub, (q) => q(sql, params)),
        `${a.name}: ${sql}`,
      ).rejects.toThrow(refused);
      expect(await violations(s)).toEqual([]);
    }
  }
  /** Runs a write that RLS must filter to nothing, or that the role may not run at all; returns the rows changed. */
  const changed = (a: { role: Role; sub: string | null }, sql: string, params: unknown[] = []) =>
    s
      .as(a.role, a.sub, (q) => q(sql, params))
      .catch((err: Error) => {
        if (!/permission denied/.test(err.message)) throw err;
        return [];
      });
  const asUser = <T>(sub: string | null, fn: (q: Query) => Promise<T>) => s.as('authenticated', sub, fn);
  const balance = async (user: string) =>
    Number((await s.admin('select credits_balance from public.profiles where id = $1', [user]))[0].credits_balance);

  it('cache rewards: a cost the caller names mints nothing; a key rewards once; a day is capped', async () => {
    await refusedForAll(
      `select public.record_cache_hit('k1', 999999.99, 0)`,
      [],
      /function public\.record_cache_hit\(unknown, numeric, integer\) does not exist/,
    );
    await expect(s.as('anon', null, (q) => q(`select public.record_cache_hit('k1')`))).rejects.toThrow(
      /permission denied/,
    );
    await expect(asUser(null, (q) => q(`select public.record_cache_hit('k1')`))).rejects.toThrow(
      /needs a signed-in user/,
    );
    const user = w.readers[1];
    const before = await balance(user);
    const hit = async (key: string) =>
      Number((await asUser(user, (q) => q('select public.record_cache_hit($1) as r', [key])))[0].r);
    expect(await hit('published')).toBe(20); // half of the recorded 0.40 USD
    expect(await hit('published')).toBe(0);
    expect(await hit('published')).toBe(0);
    const rewards = [await hit('k1'), await hit('k2'), await hit('k3'), await hit('k4')];
    expect(rewards.reduce((a, b) => a + b, 0)).toBe(80); // 50 + 30 to the daily cap of 100, then nothing
    expect(await balance(user)).toBe(before + 100);
    const [row] = await s.admin(
      `select hit_count, credits_saved from public.cache_rewards where user_id = $1 and cache_key = 'published'`,
      [user],
    );
    expect(row).toEqual({ hit_count: 3, credits_saved: 20 });
    // Rewards buy stories but never become a creator's earnings, even refunded and bought again.
    const farmer = await signUp(s, 'farmer');
    const farm = async (key: string) => asUser(farmer, (q) => q('select public.record_cache_hit($1)', [key]));
    await farm('published');
    await farm('k1');
    expect(await balance(farmer)).toBe(70);
    const buy = async () =>
      (await asUser(farmer, (q) => q(`select public.purchase_story_content($1, 'premium_unlock') as id`, [w.story])))[0]
        .id as string;
    const first = await buy();
    await s.as('service_role', null, (q) => q('select public.refund_story_purchase($1)', [first]));
    const second = await buy();
    expect(
      await s.admin('select count(*)::int as n from public.creator_earnings where purchase_id = any($1)', [
        [first, second],
      ]),
    ).toEqual([{ n: 0 }]);
    expect(await balance(farmer)).toBe(20);
    // The entry of a hidden draft answers exactly as a missing one.
    const hidden = await refusal(asUser(user, (q) => q(`select public.record_cache_hit('hidden')`)));
    expect(hidden).toEqual(await refusal(asUser(user, (q) => q(`select public.record_cache_hit('no-such-key')`))));
    expect(await violations(s)).toEqual([]);
  });

  it('prices stay within bounds; a bundle of many chapters costs at most the purchase limit', async () => {
    const asCreator = (sql: string, params: unknown[]) => asUser(w.creator, (q) => q(sql, params));
    await expect(
      asCreator('update public.story_pricing set premium_unlock_price = 150000000 where story_id = $1', [w.story]),
    ).rejects.toThrow(/check constraint/);
    await expect(
      asCreator('update public.story_pricing set price_per_chapter = 1000000 where story_id = $1', [w.story]),
    ).rejects.toThrow(/check constraint/);
    const fresh = await one(
      s,
      `insert into public.stories (user_id, title, status) values ($1, 'Fresh', 'published') returning id`,
      [w.creator],
    );
    await expect(
      asCreator(
        'insert into public.story_pricing (story_id, creator_id, premium_unlock_price) values ($1, $2, 150000000)',
        [fresh, w.creator],
      ),
    ).rejects.toThrow(/check constraint/);
    // Only creators price stories at all.
    const readerStory = await one(
      s,
      `insert into public.stories (user_id, title, status) values ($1, 'Mine', 'published') returning id`,
      [w.readers[0]],
    );
    await expect(
      asUser(w.readers[0], (q) =>
        q('insert into public.story_pricing (story_id, creator_id, premium_unlock_price) values ($1, $2, 100)', [
          readerStory,
          w.readers[0],
        ]),
      ),
    ).rejects.toThrow(/row-level security/);
    await expect(
      s.as('anon', null, (q) => q('update public.story_pricing set premium_unlock_price = 10000')),
    ).rejects.toThrow(/permission denied/);
    // A friend buys: the price paid is the bounded one.
    const friend = w.readers[0];
    const before = await balance(friend);
    await asUser(friend, (q) => q(`select public.purchase_story_content($1, 'premium_unlock')`, [w.story]));
    expect(await balance(friend)).toBe(before - 50);
    const afterPremium = await balance(friend);
    await expect(
      asUser(friend, (q) =>
        q(`select public.purchase_story_content($1, 'chapter', $2)`, [
          w.bigStory,
          Array.from({ length: 19 }, (_, i) => i + 2),
        ]),
      ),
    ).rejects.toThrow(/at most 10000 credits/);
    await asUser(friend, (q) => q(`select public.purchase_story_content($1, 'bundle')`, [w.bigStory]));
    expect(await balance(friend)).toBe(afterPremium - 10000);
    expect(await violations(s)).toEqual([]);
  });

  it("a creator cannot move pricing onto another creator's story, nor price one", async () => {
    await refusedForAll('update public.story_pricing set story_id = $1 where story_id = $2', [w.bigStory, w.story]);
    await refusedForAll('update public.story_pricing set creator_id = $1', [w.creator]);
    await refusedForAll(
      'insert into public.story_pricing (story_id, creator_id, price_per_chapter) values ($1, $2, 1)',
      [w.bigStory, w.creator],
    );
    for (const a of actors) {
      expect(
        await changed(a, 'delete from public.story_pricing where story_id = $1 returning id', [w.bigStory]),
        a.name,
      ).toEqual([]);
    }
    const pricing = await s.admin(
      'select story_id, creator_id, price_per_chapter from public.story_pricing where story_id = any($1) order by price_per_chapter',
      [[w.story, w.bigStory]],
    );
    expect(pricing).toEqual([
      { story_id: w.story, creator_id: w.creator, price_per_chapter: 10 },
      { story_id: w.bigStory, creator_id: w.otherCreator, price_per_chapter: 1000 },
    ]);
    // The owner still prices their own story.
    expect(
      await asUser(w.otherCreator, (q) =>
        q('update public.story_pricing set bundle_discount = 10 where story_id = $1 returning id', [w.bigStory]),
      ),
    ).toHaveLength(1);
  });

  it('the API roles hold no TRUNCATE, TRIGGER or REFERENCES, now or on tables created later', async () => {
    await refusedForAll('truncate public.credit_transactions cascade');
    await refusedForAll(
      'create trigger planted before update on public.stories for each row execute function public.set_updated_at()',
    );
    const held = await s.admin(`
      select c.relname, r.rolname, p.priv
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
       cross join (values ('anon'), ('authenticated')) r (rolname)
       cross join (values ('TRUNCATE'), ('TRIGGER'), ('REFERENCES')) p (priv)
       where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm') and has_table_privilege(r.rolname, c.oid, p.priv)`);
    expect(held).toEqual([]);
    expect(await s.admin('select count(*)::int as n from public.credit_transactions')).not.toEqual([{ n: 0 }]);
    await s.admin('begin');
    try {
      await s.admin('create table public.later_table (id int primary key)');
      const [later] =
        await s.admin(`select has_table_privilege('anon', 'public.later_table', 'TRUNCATE, TRIGGER, REFERENCES') as anon,
        has_table_privilege('authenticated', 'public.later_table', 'TRUNCATE, TRIGGER, REFERENCES') as authenticated,
        has_table_privilege('authenticated', 'public.later_table', 'SELECT') as reads`);
      expect(later).toEqual({ anon: false, authenticated: false, reads: true });
    } finally {
      await s.admin('rollback');
    }
  });

  it('a missing sub is never the service role', async () => {
    await expect(
      asUser(null, (q) =>
        q(`select * from public.calculate_creator_earnings($1, '2000-01-01', '2999-12-31')`, [w.creator]),
      ),
    ).rejects.toThrow(/not allowed/);
    await expect(
      s.as('anon', null, (q) =>
        q(`select * from public.calculate_creator_earnings($1, '2000-01-01', '2999-12-31')`, [w.creator]),
      ),
    ).rejects.toThrow(/permission denied/);
    await expect(
      asUser(w.readers[0], (q) =>
        q(`select * from public.calculate_creator_earnings($1, '2000-01-01', '2999-12-31')`, [w.creator]),
      ),
    ).rejects.toThrow(/not allowed/);
    await expect(
      asUser(w.otherCreator, (q) =>
        q(`select * from public.calculate_creator_earnings($1, '2000-01-01', '2999-12-31')`, [w.creator]),
      ),
    ).rejects.toThrow(/not allowed/);
    expect(
      await asUser(w.creator, (q) =>
        q(`select * from public.calculate_creator_earnings($1, '2000-01-01', '2999-12-31')`, [w.creator]),
      ),
    ).toHaveLength(1);
    expect(
      await s.as('service_role', null, (q) =>
        q(`select * from public.calculate_creator_earnings($1, '2000-01-01', '2999-12-31')`, [w.creator]),
      ),
    ).toHaveLength(1);
    // The same for the queue and reading rows: no sub, no rows.
    await expect(
      asUser(null, (q) =>
        q('insert into public.reading_progress (user_id, story_id) values ($1, $2)', [w.readers[0], w.story]),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it("cover requests: status and priority are the queue's, for one's own story, a few at a time", async () => {
    await refusedForAll(
      `insert into public.cover_generation_queue (story_id, user_id, generation_prompt, cover_style, status, priority)
                         values ($1, $2, 'p', 'fantasy', 'completed', 10)`,
      [w.story, w.creator],
    );
    await refusedForAll(
      `insert into public.cover_generation_queue (story_id, user_id, generation_prompt, cover_style) values ($1, $2, 'p', 'fantasy')`,
      [w.bigStory, w.readers[0]],
      /permission denied|row-level security|for oneself/,
    );
    await refusedForAll(`update public.cover_generation_queue set priority = 10`);
    const request = (user: string, story: string) =>
      asUser(user, (q) =>
        q(
          `insert into public.cover_generation_queue (story_id, user_id, generation_prompt, cover_style) values ($1, $2, 'a dragon', 'fantasy') returning status, priority, retry_count`,
          [story, user],
        ),
      );
    expect(await request(w.creator, w.story)).toEqual([{ status: 'pending', priority: 0, retry_count: 0 }]);
    await request(w.creator, w.story);
    await request(w.creator, w.draft);
    await expect(request(w.creator, w.story)).rejects.toThrow(/too many cover requests/);
    // Naming someone else as the requester is refused before anything about them is looked at.
    await expect(
      asUser(w.otherCreator, (q) =>
        q(
          `insert into public.cover_generation_queue (story_id, user_id, generation_prompt, cover_style) values ($1, $2, 'x', 'fantasy')`,
          [w.bigStory, w.creator],
        ),
      ),
    ).rejects.toThrow(/for oneself/);
  });

  it('hidden rows cannot be told from missing ones through foreign keys or functions', async () => {
    const user = w.readers[0];
    const missing = randomUUID();
    const same = async (hidden: (id: string) => Promise<unknown>, hiddenId: string) =>
      expect(await refusal(hidden(hiddenId), hiddenId)).toEqual(await refusal(hidden(missing), missing));
    await same(
      (id) =>
        asUser(user, (q) => q('insert into public.reading_progress (user_id, story_id) values ($1, $2)', [user, id])),
      w.draft,
    );
    await same(
      (id) => asUser(user, (q) => q('insert into public.user_library (user_id, story_id) values ($1, $2)', [user, id])),
      w.draft,
    );
    await same(
      (id) =>
        asUser(user, (q) =>
          q('insert into public.reading_progress (user_id, story_id, chapter_id) values ($1, $2, $3)', [
            user,
            w.story,
            id,
          ]),
        ),
      w.draftChapter,
    );
    await same((id) => asUser(user, (q) => q(`select public.purchase_story_content($1, 'bundle')`, [id])), w.draft);
    await same(
      (id) =>
        s.as('anon', null, (q) => q('insert into public.user_library (user_id, story_id) values ($1, $2)', [user, id])),
      w.draft,
    );
    await asUser(user, (q) =>
      q('insert into public.reading_progress (user_id, story_id) values ($1, $2) on conflict do nothing', [
        user,
        w.story,
      ]),
    );
    await same(
      (id) => asUser(user, (q) => q('update public.reading_progress set story_id = $2 where user_id = $1', [user, id])),
      w.draft,
    );
    await same(
      (id) =>
        asUser(w.otherCreator, (q) =>
          q(
            'insert into public.cover_generation_queue (story_id, user_id, generation_prompt, cover_style) values ($1, $2, $3, $4)',
            [id, w.otherCreator, 'p', 'fantasy'],
          ),
        ),
      w.draft,
    );
    // The legitimate use still works: progress on a chapter of a published story.
    const [chapter] = await s.admin('select id from public.chapters where story_id = $1 and chapter_number = 2', [
      w.story,
    ]);
    expect(
      await asUser(user, (q) =>
        q(
          'update public.reading_progress set chapter_id = $2, progress_percentage = 40 where user_id = $1 and story_id = $3 returning id',
          [user, chapter.id, w.story],
        ),
      ),
    ).toHaveLength(1);
  });

  it('what the existing tests block stays blocked for every caller', async () => {
    const victim = w.readers[1];
    await refusedForAll('update public.profiles set credits_balance = 1000000, pending_payout_usd = 1000000');
    await refusedForAll('select public.grant_bonus_credits($1, 1000)', [victim]);
    await refusedForAll(`select public.process_monthly_payout_batch('2099-03-31', 0.01)`);
    await refusedForAll('select public.refund_story_purchase(id) from public.story_purchases');
    await refusedForAll('select public.complete_credit_purchase($1)', [randomUUID()]);
    await refusedForAll(
      `insert into public.credit_transactions (user_id, transaction_type, amount, balance_after) values ($1, 'bonus', 1000, 1000)`,
      [victim],
    );
    await refusedForAll(
      `insert into public.creator_earnings (creator_id, story_id, credits_earned, usd_equivalent) values ($1, $2, 1000, 10)`,
      [w.creator, w.story],
    );
    await refusedForAll(
      `insert into public.story_purchases (user_id, story_id, creator_id, purchase_type, credits_spent, creator_earnings) values ($1, $2, $3, 'bundle', 0, 0)`,
      [victim, w.story, w.creator],
    );
    await refusedForAll(`insert into public.payments (user_id, amount_usd, credits_purchased) values ($1, 1, 100000)`, [
      victim,
    ]);
    await refusedForAll(
      `insert into public.cache_rewards (user_id, cache_key, credits_saved, original_cost, discounted_cost) values ($1, 'x', 1000, 10, 0)`,
      [victim],
    );
    await refusedForAll(`insert into public.monthly_payout_batches (batch_date) values ('2099-04-30')`);
    await refusedForAll(`select * from private.cache_entries`);
    // Writes RLS filters to nothing: they run and change nothing.
    for (const a of actors) {
      for (const sql of [
        'update public.individual_payouts set amount_usd = 5000',
        'delete from public.credit_transactions',
        'update public.creator_earnings set usd_equivalent = 1000',
        'delete from public.story_purchases where user_id <> $1',
      ]) {
        expect(
          await changed(a, `${sql} returning 1`, sql.includes('$1') ? [a.sub ?? randomUUID()] : []),
          `${a.name}: ${sql}`,
        ).toEqual([]);
      }
    }
    await expect(
      asUser(w.creator, (q) => q(`select public.purchase_story_content($1, 'premium_unlock')`, [w.story])),
    ).rejects.toThrow(/own stories/);
    const seen = await asUser(w.readers[0], (q) => q('select distinct user_id from public.credit_transactions'));
    expect(seen).toEqual([{ user_id: w.readers[0] }]);
    expect(await violations(s)).toEqual([]);
  });

  it('payouts pay completed, unrefunded purchases once, at most the period limit per creator', async () => {
    // A refunded purchase earns nothing; a paid-out one cannot be refunded.
    const reader = w.readers[1];
    const [{ id: refunded }] = await asUser(reader, (q) =>
      q(`select public.purchase_story_content($1, 'chapter', '{3}') as id`, [w.story]),
    );
    await s.as('service_role', null, (q) => q('select public.refund_story_purchase($1)', [refunded]));
    expect(
      await s.admin('select count(*)::int as n from public.creator_earnings where purchase_id = $1', [refunded]),
    ).toEqual([{ n: 0 }]);
    // 73 readers each buy the big story's premium unlock: 73 × 70 USD earned, more than one period's 5000 USD.
    const buyers = await s.admin<{ id: string }>(
      `insert into auth.users (id, email) select gen_random_uuid(), 'buyer' || n || '@example.test' from generate_series(1, 73) n returning id`,
    );
    await s.admin(`select public.grant_bonus_credits(id, 10000) from unnest($1::uuid[]) id`, [buyers.map((b) => b.id)]);
    for (const b of buyers)
      await asUser(b.id, (q) => q(`select public.purchase_story_content($1, 'premium_unlock')`, [w.bigStory]));
    const [{ id: batch }] = await s.as('service_role', null, (q) =>
      q(`select public.process_monthly_payout_batch(current_date, 0.01) as id`),
    );
    const [paid] = await s.admin(
      `select amount_usd::float8 as amount, error_message from public.individual_payouts where batch_id = $1 and creator_id = $2`,
      [batch, w.otherCreator],
    );
    expect(paid.amount).toBeLessThanOrEqual(5000);
    expect(paid.amount).toBeGreaterThan(4900);
    expect(paid.error_message).toMatch(/held for review/);
    const [{ unpaid }] = await s.admin(
      `select pending_payout_usd::float8 as unpaid from public.profiles where id = $1`,
      [w.otherCreator],
    );
    expect(unpaid).toBeGreaterThan(0);
    // Paid earnings are final: their purchases are not refunded.
    const [{ id: paidPurchase }] = await s.admin(
      `select e.purchase_id as id from public.creator_earnings e join public.individual_payouts ip on ip.id = e.individual_payout_id where ip.batch_id = $1 limit 1`,
      [batch],
    );
    await expect(
      s.as('service_role', null, (q) => q('select public.refund_story_purchase($1)', [paidPurchase])),
    ).rejects.toThrow(/already paid out/);
    expect(await violations(s)).toEqual([]);
  }, 60_000);

  // Only where a second connection exists: the embedded database has one, so nothing there can race.
  if (name !== 'embedded PGlite')
    it('concurrent payout batches never pay the same earnings twice; concurrent cache hits never pass the daily cap', async () => {
      if (!engine.another) throw new Error('no second connection on this engine');
      const reader = w.readers[0];
      await asUser(reader, (q) => q(`select public.purchase_story_content($1, 'chapter', '{4,5}')`, [w.story]));
      const [a, b] = [await engine.another(), await engine.another()];
      try {
        const run = (x: Session, date: string) =>
          x.as('service_role', null, (q) => q(`select public.process_monthly_payout_batch($1, 0.01)`, [date]));
        await Promise.all([run(a, '2099-05-31'), run(b, '2099-06-30')]);
      } finally {
        await a.close();
        await b.close();
      }
      // One user's cache hits on four keys at once: 50 + 50 credits, then the day's cap.
      const racers = await Promise.all([1, 2, 3, 4].map(() => engine.another!()));
      try {
        const rewards = await Promise.all(
          racers.map((x, i) =>
            x.as('authenticated', reader, (q) => q('select public.record_cache_hit($1) as r', [`k${i + 1}`])),
          ),
        );
        expect(rewards.reduce((sum, [row]) => sum + Number(row.r), 0)).toBe(100);
      } finally {
        await Promise.all(racers.map((x) => x.close()));
      }
      expect(await violations(s)).toEqual([]);
    });

  it('random API call sequences by several users keep every balance equal to its ledger and every payout covered', async () => {
    const users = () => [null, ...w.readers, w.creator, w.otherCreator];
    const stories = () => [w.story, w.draft, w.bigStory];
    const call = fc.oneof(
      fc.record({ kind: fc.constant('bonus' as const), user: fc.nat(4), amount: fc.integer({ min: 1, max: 5000 }) }),
      fc.record({
        kind: fc.constant('buy' as const),
        user: fc.nat(4),
        story: fc.nat(2),
        type: fc.constantFrom('chapter', 'bundle', 'premium_unlock'),
        chapters: fc.array(fc.integer({ min: 0, max: 8 }), { maxLength: 3 }),
      }),
      fc.record({ kind: fc.constant('refund' as const), user: fc.nat(4) }),
      fc.record({
        kind: fc.constant('cache' as const),
        user: fc.nat(4),
        key: fc.constantFrom('published', 'hidden', 'k1', 'k2', 'k3', 'k4', 'nope'),
      }),
      fc.record({
        kind: fc.constant('price' as const),
        user: fc.nat(4),
        story: fc.nat(2),
        column: fc.constantFrom('price_per_chapter', 'premium_unlock_price', 'free_chapters', 'story_id'),
        value: fc.constantFrom(0, 1, 50, 1000, 10000, 150000000),
      }),
      fc.record({
        kind: fc.constant('batch' as const),
        day: fc.integer({ min: 0, max: 40 }),
        minimum: fc.constantFrom(0.01, 1, 50),
      }),
      fc.record({ kind: fc.constant('earnings' as const), user: fc.nat(4), creator: fc.nat(4) }),
      fc.record({
        kind: fc.constant('truncate' as const),
        user: fc.nat(4),
        table: fc.constantFrom('credit_transactions', 'creator_earnings', 'individual_payouts', 'profiles'),
      }),
    );
    type Call = typeof call extends fc.Arbitrary<infer T> ? T : never;
    const run = async (c: Call): Promise<void> => {
      const sub = 'user' in c ? users()[c.user] : null;
      const role: Role = sub ? 'authenticated' : 'anon';
      const story = 'story' in c ? stories()[c.story] : null;
      switch (c.kind) {
        case 'bonus':
          return void (sub && (await bonus(s, sub, c.amount)));
        case 'buy':
          return void (await s.as(role, sub, (q) =>
            q('select public.purchase_story_content($1, $2, $3)', [
              story,
              c.type,
              c.type === 'chapter' ? c.chapters : null,
            ]),
          ));
        case 'refund': {
          const [p] = await s.admin(
            'select id from public.story_purchases where user_id = $1 and refunded_at is null order by created_at desc limit 1',
            [sub ?? randomUUID()],
          );
          if (p) await s.as('service_role', null, (q) => q('select public.refund_story_purchase($1)', [p.id]));
          return;
        }
        case 'cache':
          return void (await s.as(role, sub, (q) => q('select public.record_cache_hit($1)', [c.key])));
        case 'price': {
          const value = c.column === 'story_id' ? stories()[c.value % 3] : c.value;
          return void (await s.as(role, sub, (q) =>
            q(`update public.story_pricing set ${c.column} = $1 where story_id = $2`, [value, story]),
          ));
        }
        case 'batch':
          return void (await s.as('service_role', null, (q) =>
            q(`select public.process_monthly_payout_batch(current_date + $1::int, $2)`, [c.day, c.minimum]),
          ));
        case 'earnings':
          return void (await s.as(role, sub, (q) =>
            q(`select * from public.calculate_creator_earnings($1, '2000-01-01', '2999-12-31')`, [
              users()[c.creator] ?? randomUUID(),
            ]),
          ));
        case 'truncate':
          return void (await s.as(role, sub, (q) => q(`truncate public.${c.table} cascade`)));
      }
    };
    // Refusals the rules make (SQLSTATE): privilege/RLS, raised by the functions, unique, check, bad argument, limits.
    const REFUSALS = new Set(['42501', 'P0001', 'P0002', '23505', '23514', '22023', '54000']);
    await fc.assert(
      fc.asyncProperty(fc.array(call, { minLength: 1, maxLength: 10 }), async (calls) => {
        for (const c of calls) {
          try {
            await run(c);
          } catch (err) {
            const code = (err as { code?: string }).code ?? '';
            if (!REFUSALS.has(code)) throw err;
          }
          expect(await violations(s)).toEqual([]);
        }
      }),
      { numRuns: PROPERTY_RUNS },
    );
  }, 120_000);
});
