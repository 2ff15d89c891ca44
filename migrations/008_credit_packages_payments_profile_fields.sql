-- 008 (phase 1): credit packages, payments, and the profile fields the creator economy needs.
-- Conventions for every migration in this folder: money is numeric (never float), credits are integers
-- (1 credit = 0.01 USD), CHECK constraints keep amounts sane, RLS is on for every table, and money tables are
-- written only by the service role or by the SECURITY DEFINER functions of 013.

-- Supabase's default privileges give the API roles ALL on every table. Three of them bypass RLS altogether:
-- TRUNCATE empties a table whatever its policies say, TRIGGER plants code that runs as whoever next writes the
-- table, REFERENCES lets a foreign key probe rows RLS hides. The API roles keep none of them, on the tables that
-- exist and on every table a later migration creates here.
revoke truncate, trigger, references on all tables in schema public from anon, authenticated;
alter default privileges in schema public revoke truncate, trigger, references on tables from anon, authenticated;
-- The base schema's SECURITY DEFINER trigger functions run as triggers only; nobody calls them directly.
revoke all on function public.handle_new_user, public.sync_story_counters from public, anon, authenticated;

-- private: what the API never reaches (PostgREST exposes public only, and the API roles may not use it).
create schema if not exists private;
revoke all on schema private from public, anon, authenticated;

-- Whether the current statement may act for anyone: the service role, or a direct database session that is not
-- an API request. An API request always carries a role claim, and only role = service_role makes a caller the
-- service role: a signed-in user whose claims lack sub is still a user, never the service role.
create function private.is_trusted_caller() returns boolean
language sql stable set search_path = '' as $$
  select case
    when auth.role() is not null then auth.role() = 'service_role'
    else session_user::text <> 'authenticator'
  end
$$;
revoke all on function private.is_trusted_caller from public, anon, authenticated;

alter table public.profiles
  add column credits_balance integer not null default 0 check (credits_balance >= 0),
  add column credits_earned_total bigint not null default 0 check (credits_earned_total >= 0),
  add column credits_spent_total bigint not null default 0 check (credits_spent_total >= 0),
  add column cache_hits integer not null default 0 check (cache_hits >= 0),
  add column cache_discount_earned numeric(12, 2) not null default 0 check (cache_discount_earned >= 0),
  add column is_creator boolean not null default false,
  add column creator_tier text check (creator_tier in ('emerging', 'established', 'partner')),
  add column total_earnings_usd numeric(12, 2) not null default 0 check (total_earnings_usd >= 0),
  add column pending_payout_usd numeric(12, 2) not null default 0 check (pending_payout_usd >= 0),
  add column stripe_connect_account_id text unique,
  add column stripe_account_status text check (stripe_account_status in ('pending', 'active', 'restricted', 'disabled')),
  add column stripe_charges_enabled boolean not null default false,
  add column stripe_payouts_enabled boolean not null default false,
  add column display_name text check (length(display_name) <= 80);

-- Users edit their own profile, but never balances, earnings or Stripe state: those columns are written only
-- by the service role and the functions of 013.
revoke update on public.profiles from anon, authenticated;
grant update (full_name, display_name, onboarding_complete, writing_goals, preferred_genres, experience_level,
              writing_frequency) on public.profiles to authenticated;

create type public.payment_status as enum ('pending', 'succeeded', 'failed', 'canceled');

create table public.credit_packages (
  id uuid primary key default gen_random_uuid(),
  name text not null unique,
  description text,
  credits_amount integer not null check (credits_amount > 0),
  price_usd numeric(10, 2) not null check (price_usd > 0),
  bonus_credits integer not null default 0 check (bonus_credits >= 0),
  stripe_price_id text unique,
  is_active boolean not null default true,
  sort_order integer not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index credit_packages_active_idx on public.credit_packages (sort_order) where is_active;
create trigger credit_packages_updated_at before update on public.credit_packages
  for each row execute function public.set_updated_at();

create table public.payments (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.profiles (id) on delete restrict,
  package_id uuid references public.credit_packages (id) on delete set null,
  stripe_payment_intent_id text unique,
  stripe_customer_id text,
  amount_usd numeric(10, 2) not null check (amount_usd > 0),
  credits_purchased integer not null check (credits_purchased > 0),
  bonus_credits integer not null default 0 check (bonus_credits >= 0),
  status public.payment_status not null default 'pending',
  payment_method text,
  failure_reason text,
  processed_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((status = 'succeeded') = (processed_at is not null) or status in ('failed', 'canceled'))
);
create index payments_user_id_idx on public.payments (user_id, created_at desc);
create index payments_package_id_idx on public.payments (package_id);
create index payments_pending_idx on public.payments (created_at) where status = 'pending';
create trigger payments_updated_at before update on public.payments
  for each row execute function public.set_updated_at();

alter table public.credit_packages enable row level security;
alter table public.payments enable row level security;

create policy "credit_packages: public read" on public.credit_packages for select to anon, authenticated
  using (is_active);
create policy "payments: read own" on public.payments for select to authenticated
  using ((select auth.uid()) = user_id);
