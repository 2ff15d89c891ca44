-- 012 (phase 4): the monthly payout batch and each creator's running total.

create type public.batch_processing_status as enum ('pending', 'processing', 'completed', 'failed');

create table public.creator_earnings_accumulation (
  id uuid primary key default gen_random_uuid(),
  creator_id uuid not null unique references public.profiles (id) on delete restrict,
  total_accumulated_usd numeric(12, 2) not null default 0 check (total_accumulated_usd >= 0),
  last_payout_date date,
  last_payout_amount numeric(12, 2) check (last_payout_amount >= 0),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create trigger creator_earnings_accumulation_updated_at before update on public.creator_earnings_accumulation
  for each row execute function public.set_updated_at();

-- One batch per date: re-running the batch for a date finds it and changes nothing.
create table public.monthly_payout_batches (
  id uuid primary key default gen_random_uuid(),
  batch_date date not null unique,
  total_creators_paid integer not null default 0 check (total_creators_paid >= 0),
  total_amount_usd numeric(14, 2) not null default 0 check (total_amount_usd >= 0),
  stripe_batch_id text unique,
  processing_status public.batch_processing_status not null default 'pending',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index monthly_payout_batches_open_idx on public.monthly_payout_batches (batch_date)
  where processing_status in ('pending', 'processing');
create trigger monthly_payout_batches_updated_at before update on public.monthly_payout_batches
  for each row execute function public.set_updated_at();

-- A creator is paid at most once per batch.
create table public.individual_payouts (
  id uuid primary key default gen_random_uuid(),
  batch_id uuid not null references public.monthly_payout_batches (id) on delete restrict,
  creator_id uuid not null references public.profiles (id) on delete restrict,
  -- At most the period limit of process_monthly_payout_batch (013).
  amount_usd numeric(12, 2) not null check (amount_usd > 0 and amount_usd <= 5000),
  stripe_transfer_id text unique,
  status public.batch_processing_status not null default 'pending',
  error_message text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (batch_id, creator_id)
);
create index individual_payouts_creator_id_idx on public.individual_payouts (creator_id, created_at desc);
create index individual_payouts_batch_status_idx on public.individual_payouts (batch_id, status);
create trigger individual_payouts_updated_at before update on public.individual_payouts
  for each row execute function public.set_updated_at();

-- Earnings paid through the batch point at the payout that paid them.
alter table public.creator_earnings
  add constraint creator_earnings_individual_payout_id_fkey
  foreign key (individual_payout_id) references public.individual_payouts (id) on delete restrict;

alter table public.creator_earnings_accumulation enable row level security;
alter table public.monthly_payout_batches enable row level security;
alter table public.individual_payouts enable row level security;

create policy "creator_earnings_accumulation: creator reads own" on public.creator_earnings_accumulation
  for select to authenticated using ((select auth.uid()) = creator_id);
create policy "individual_payouts: creator reads own" on public.individual_payouts
  for select to authenticated using ((select auth.uid()) = creator_id);
-- monthly_payout_batches: no policy for anon or authenticated; the service role's is stated outright.
create policy "monthly_payout_batches: service role only" on public.monthly_payout_batches
  for all to service_role using (true) with check (true);
