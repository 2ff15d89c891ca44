-- 009 (phase 2): what creators earn and how they are paid; what readers buy.

create type public.payout_status as enum ('pending', 'processing', 'paid', 'failed');
create type public.purchase_type as enum ('chapter', 'bundle', 'premium_unlock');

-- Prices a creator sets for a story, in credits (1 credit = 0.01 USD). Bounded so no price can be a lever for
-- minting money: a chapter costs at most 10 USD, a premium unlock at most 100 USD, and no single purchase (a
-- bundle of many chapters included) costs more than MAX_PURCHASE_CREDITS = 10,000 credits.
create table public.story_pricing (
  id uuid primary key default gen_random_uuid(),
  story_id uuid not null unique references public.stories (id) on delete cascade,
  creator_id uuid not null references public.profiles (id) on delete cascade,
  price_per_chapter integer not null default 0 check (price_per_chapter between 0 and 1000),
  bundle_discount numeric(5, 2) not null default 0 check (bundle_discount >= 0 and bundle_discount < 100),
  is_free_sample boolean not null default false,
  free_chapters integer not null default 0 check (free_chapters between 0 and 10000),
  premium_unlock_price integer check (premium_unlock_price between 1 and 10000),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index story_pricing_creator_id_idx on public.story_pricing (creator_id);
create trigger story_pricing_updated_at before update on public.story_pricing
  for each row execute function public.set_updated_at();

-- What a reader bought. A bundle or a premium unlock is bought once per story; chapters once each.
create table public.story_purchases (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.profiles (id) on delete restrict,
  story_id uuid not null references public.stories (id) on delete restrict,
  creator_id uuid not null references public.profiles (id) on delete restrict,
  purchase_type public.purchase_type not null,
  chapters_unlocked integer[] not null default '{}',
  credits_spent integer not null check (credits_spent between 0 and 10000),
  creator_earnings integer not null check (creator_earnings >= 0 and creator_earnings <= credits_spent),
  transaction_id uuid references public.credit_transactions (id) on delete restrict,
  refunded_at timestamptz,
  created_at timestamptz not null default now(),
  check ((purchase_type = 'chapter') = (cardinality(chapters_unlocked) > 0))
);
create index story_purchases_user_id_idx on public.story_purchases (user_id, created_at desc);
create index story_purchases_story_id_idx on public.story_purchases (story_id);
create index story_purchases_creator_id_idx on public.story_purchases (creator_id, created_at desc);
create index story_purchases_transaction_id_idx on public.story_purchases (transaction_id);
create unique index story_purchases_once_per_story on public.story_purchases (user_id, story_id, purchase_type)
  where purchase_type in ('bundle', 'premium_unlock') and refunded_at is null;

-- Payouts made to a creator outside the monthly batch (manual or on request).
create table public.payouts (
  id uuid primary key default gen_random_uuid(),
  creator_id uuid not null references public.profiles (id) on delete restrict,
  amount_usd numeric(12, 2) not null check (amount_usd > 0),
  stripe_transfer_id text unique,
  status public.payout_status not null default 'pending',
  period_start date not null,
  period_end date not null,
  earnings_count integer not null default 0 check (earnings_count >= 0),
  failure_reason text,
  processed_at timestamptz,
  created_at timestamptz not null default now(),
  check (period_end >= period_start)
);
create index payouts_creator_id_idx on public.payouts (creator_id, period_start desc);
create index payouts_open_idx on public.payouts (created_at) where status in ('pending', 'processing');

-- One row per earning event: a reader's purchase credited to a creator.
create table public.creator_earnings (
  id uuid primary key default gen_random_uuid(),
  creator_id uuid not null references public.profiles (id) on delete restrict,
  story_id uuid not null references public.stories (id) on delete restrict,
  reader_id uuid references public.profiles (id) on delete set null,
  credits_earned integer not null check (credits_earned between 1 and 10000),
  usd_equivalent numeric(12, 2) not null check (usd_equivalent >= 0),
  transaction_id uuid references public.credit_transactions (id) on delete restrict,
  purchase_id uuid unique references public.story_purchases (id) on delete restrict,
  payout_id uuid references public.payouts (id) on delete restrict,
  individual_payout_id uuid,
  created_at timestamptz not null default now()
);
-- Earnings by creator and period, and the unpaid ones the payout batch collects.
create index creator_earnings_creator_period_idx on public.creator_earnings (creator_id, created_at);
create index creator_earnings_unpaid_idx on public.creator_earnings (creator_id)
  where payout_id is null and individual_payout_id is null;
create index creator_earnings_story_id_idx on public.creator_earnings (story_id);
create index creator_earnings_reader_id_idx on public.creator_earnings (reader_id);
create index creator_earnings_transaction_id_idx on public.creator_earnings (transaction_id);
create index creator_earnings_payout_id_idx on public.creator_earnings (payout_id);
create index creator_earnings_individual_payout_id_idx on public.creator_earnings (individual_payout_id);

alter table public.story_pricing enable row level security;
alter table public.story_purchases enable row level security;
alter table public.payouts enable row level security;
alter table public.creator_earnings enable row level security;

create policy "story_pricing: read published or own" on public.story_pricing for select to anon, authenticated
  using (
    (select auth.uid()) = creator_id
    or exists (select 1 from public.stories s where s.id = story_id and s.status = 'published')
  );
-- A creator prices only their own stories: the new row's story must be theirs as well as the row itself, and
-- only creators price at all. Once priced, only the prices change: a row never moves to another story.
create policy "story_pricing: creator inserts own" on public.story_pricing for insert to authenticated
  with check (
    (select auth.uid()) = creator_id
    and exists (select 1 from public.stories s where s.id = story_id and s.user_id = (select auth.uid()))
    and exists (select 1 from public.profiles p where p.id = (select auth.uid()) and p.is_creator)
  );
create policy "story_pricing: creator updates own" on public.story_pricing for update to authenticated
  using ((select auth.uid()) = creator_id)
  with check (
    (select auth.uid()) = creator_id
    and exists (select 1 from public.stories s where s.id = story_id and s.user_id = (select auth.uid()))
  );
revoke insert, update on public.story_pricing from anon, authenticated;
grant insert (story_id, creator_id, price_per_chapter, bundle_discount, is_free_sample, free_chapters, premium_unlock_price)
  on public.story_pricing to authenticated;
grant update (price_per_chapter, bundle_discount, is_free_sample, free_chapters, premium_unlock_price)
  on public.story_pricing to authenticated;
create policy "story_pricing: creator deletes own" on public.story_pricing for delete to authenticated
  using ((select auth.uid()) = creator_id);

create policy "story_purchases: read own" on public.story_purchases for select to authenticated
  using ((select auth.uid()) = user_id);
create policy "payouts: creator reads own" on public.payouts for select to authenticated
  using ((select auth.uid()) = creator_id);
create policy "creator_earnings: creator reads own" on public.creator_earnings for select to authenticated
  using ((select auth.uid()) = creator_id);
