-- 013: the functions that move credits and money. All SECURITY DEFINER with an empty search_path and every
-- name qualified, so a caller's search_path cannot redirect them. Each locks the rows it changes in one fixed
-- order (buyer's profile, then creator's) so concurrent calls serialise instead of deadlocking.
--
-- Credits: 1 credit = 0.01 USD. A creator earns CREATOR_SHARE of what a reader spends on their story.
--
-- No function trusts an amount or an id its caller names beyond what the caller owns: prices come from
-- story_pricing (bounded by CHECKs), cache rewards from private.cache_entries, the acting user from the JWT.
-- Credits a user gets without paying (cache rewards) buy stories but never become a creator's earnings.

-- The ledger's one writer: adds a signed amount to a user's balance and records it. Fails, changing nothing,
-- when the balance would go negative. The caller must hold the user's profile row lock or accept that this
-- takes it.
create function private.apply_credit_transaction(
  p_user_id uuid,
  p_type public.credit_transaction_type,
  p_amount integer,
  p_description text,
  p_reference_id uuid default null,
  p_reference_type text default null
) returns uuid
language plpgsql security definer set search_path = '' as $$
declare
  v_balance integer;
  v_id uuid;
begin
  select credits_balance into v_balance from public.profiles where id = p_user_id for update;
  if not found then
    raise exception 'no profile for user %', p_user_id using errcode = 'P0002';
  end if;
  if v_balance + p_amount < 0 then
    raise exception 'insufficient credits: balance %, needed %', v_balance, -p_amount using errcode = 'P0001';
  end if;
  update public.profiles
     set credits_balance = v_balance + p_amount,
         credits_spent_total = credits_spent_total + greatest(-p_amount, 0),
         credits_earned_total = credits_earned_total + case when p_type = 'earn' then p_amount else 0 end
   where id = p_user_id;
  insert into public.credit_transactions (user_id, transaction_type, amount, balance_after, description, reference_id, reference_type)
  values (p_user_id, p_type, p_amount, v_balance + p_amount, p_description, p_reference_id, p_reference_type)
  returning id into v_id;
  return v_id;
end
$$;
revoke all on function private.apply_credit_transaction from public, anon, authenticated;

-- Buys chapters, a bundle (all chapters at the bundle discount) or a premium unlock of a story, for the
-- calling user, with their credits. Atomic: the ledger row, the balance, the purchase, the creator's earning
-- and their running total all happen or none does. A second purchase of the same thing fails.
create function public.purchase_story_content(
  p_story_id uuid,
  p_purchase_type public.purchase_type,
  p_chapter_numbers integer[] default null
) returns uuid
language plpgsql security definer set search_path = '' as $$
declare
  creator_share constant numeric := 0.70;
  max_purchase_credits constant integer := 10000;
  v_buyer uuid := (select auth.uid());
  v_pricing public.story_pricing;
  v_story public.stories;
  v_chapters integer[];
  v_price integer;
  v_creator_credits integer;
  v_promotional integer;
  v_tx uuid;
  v_purchase uuid;
begin
  if v_buyer is null then
    raise exception 'purchase_story_content needs a signed-in user' using errcode = '42501';
  end if;
  select * into v_story from public.stories where id = p_story_id;
  -- One answer for a missing story, a hidden one and one whose author no longer sells: no existence probe.
  if not found or v_story.status <> 'published'
     or not exists (select 1 from public.profiles p where p.id = v_story.user_id and p.is_creator) then
    raise exception 'story % is not for sale', p_story_id using errcode = 'P0002';
  end if;
  if v_story.user_id = v_buyer then
    raise exception 'creators do not buy their own stories' using errcode = 'P0001';
  end if;
  select * into v_pricing from public.story_pricing where story_id = p_story_id;
  if not found then
    raise exception 'story % has no pricing', p_story_id using errcode = 'P0002';
  end if;

  -- Lock the buyer first, then the creator: one order for every purchase, so no deadlock.
  perform 1 from public.profiles where id = v_buyer for update;
  perform 1 from public.profiles where id = v_story.user_id for update;

  if p_purchase_type = 'chapter' then
    select coalesce(array_agg(distinct n order by n), '{}') into v_chapters
      from unnest(coalesce(p_chapter_numbers, '{}')) n
     where n > v_pricing.free_chapters;
    if cardinality(v_chapters) = 0 then
      raise exception 'no paid chapters named' using errcode = '22023';
    end if;
    if (select count(*) from public.chapters c
         where c.story_id = p_story_id and c.chapter_number = any (v_chapters)) <> cardinality(v_chapters) then
      raise exception 'story % has no such chapters', p_story_id using errcode = '22023';
    end if;
    if exists (
      select 1 from public.story_purchases sp
       where sp.user_id = v_buyer and sp.story_id = p_story_id and sp.refunded_at is null
         and (sp.purchase_type = 'bundle' or sp.chapters_unlocked && v_chapters)
    ) then
      raise exception 'already purchased' using errcode = '23505';
    end if;
    v_price := v_pricing.price_per_chapter * cardinality(v_chapters);
  elsif p_purchase_type = 'bundle' then
    select coalesce(array_agg(c.chapter_number order by c.chapter_number), '{}') into v_chapters
      from public.chapters c where c.story_id = p_story_id and c.chapter_number > v_pricing.free_chapters;
    -- A bundle never costs more than the largest single purchase, however many chapters the story has.
    v_price := least(ceil(v_pricing.price_per_chapter * cardinality(v_chapters)::numeric * (1 - v_pricing.bundle_discount / 100)),
                     max_purchase_credits);
    v_chapters := '{}';
  else
    if v_pricing.premium_unlock_price is null then
      raise exception 'story % has no premium unlock', p_story_id using errcode = 'P0002';
    end if;
    v_price := v_pricing.premium_unlock_price;
    v_chapters := '{}';
  end if;
  if v_price <= 0 then
    raise exception 'nothing to pay for' using errcode = '22023';
  end if;
  if v_price > max_purchase_credits then
    raise exception 'a purchase costs at most % credits: buy fewer chapters or the bundle', max_purchase_credits
      using errcode = '22023';
  end if;
  if exists (select 1 from public.story_purchases sp
              where sp.user_id = v_buyer and sp.story_id = p_story_id and sp.refunded_at is null
                and sp.purchase_type = p_purchase_type and p_purchase_type <> 'chapter') then
    raise exception 'already purchased' using errcode = '23505';
  end if;

  v_tx := private.apply_credit_transaction(v_buyer, 'spend', -v_price, 'story purchase', p_story_id, 'story');
  -- Cache-reward credits are spent first and earn the creator nothing: rewards cannot be cashed out as payouts.
  select least(pc.credits, v_price) into v_promotional from private.promotional_credits pc where pc.user_id = v_buyer;
  v_promotional := coalesce(v_promotional, 0);
  v_creator_credits := floor((v_price - v_promotional) * creator_share);
  insert into public.story_purchases (user_id, story_id, creator_id, purchase_type, chapters_unlocked, credits_spent, creator_earnings, transaction_id)
  values (v_buyer, p_story_id, v_story.user_id, p_purchase_type, v_chapters, v_price, v_creator_credits, v_tx)
  returning id into v_purchase;
  if v_promotional > 0 then
    update private.promotional_credits set credits = credits - v_promotional where user_id = v_buyer;
    insert into private.purchase_promotional_credits (purchase_id, credits) values (v_purchase, v_promotional);
  end if;

  if v_creator_credits > 0 then
    insert into public.creator_earnings (creator_id, story_id, reader_id, credits_earned, usd_equivalent, transaction_id, purchase_id)
    values (v_story.user_id, p_story_id, v_buyer, v_creator_credits, v_creator_credits / 100.0, v_tx, v_purchase);
    insert into public.creator_earnings_accumulation (creator_id, total_accumulated_usd)
    values (v_story.user_id, v_creator_credits / 100.0)
    on conflict (creator_id) do update
      set total_accumulated_usd = public.creator_earnings_accumulation.total_accumulated_usd + excluded.total_accumulated_usd;
    update public.profiles
       set total_earnings_usd = total_earnings_usd + v_creator_credits / 100.0,
           pending_payout_usd = pending_payout_usd + v_creator_credits / 100.0
     where id = v_story.user_id;
  end if;
  return v_purchase;
end
$$;
revoke all on function public.purchase_story_content from public, anon;
grant execute on function public.purchase_story_content to authenticated, service_role;

-- A creator's earnings in [p_period_start, p_period_end] (dates inclusive). A signed-in user may ask only
-- about themselves; the service role (the role claim, never a missing sub) about anyone.
create function public.calculate_creator_earnings(
  p_creator_id uuid,
  p_period_start date,
  p_period_end date
) returns table (earnings_count bigint, credits_earned bigint, usd_earned numeric, usd_unpaid numeric)
language plpgsql stable security definer set search_path = '' as $$
begin
  if not private.is_trusted_caller() and (select auth.uid()) is distinct from p_creator_id then
    raise exception 'not allowed' using errcode = '42501';
  end if;
  if p_period_end < p_period_start then
    raise exception 'period ends before it starts' using errcode = '22023';
  end if;
  return query
    select count(*),
           coalesce(sum(e.credits_earned), 0)::bigint,
           coalesce(sum(e.usd_equivalent), 0),
           coalesce(sum(e.usd_equivalent) filter (where e.payout_id is null and e.individual_payout_id is null), 0)
      from public.creator_earnings e
     where e.creator_id = p_creator_id
       and e.created_at >= p_period_start
       and e.created_at < p_period_end + 1;
end
$$;
revoke all on function public.calculate_creator_earnings from public, anon;
grant execute on function public.calculate_creator_earnings to authenticated, service_role;

-- A creator's unpaid earnings that a batch on p_batch_date may pay: from completed purchases (a ledger
-- transaction) not refunded; oldest first, with whether each still fits under p_limit_usd.
create function private.payable_earnings(p_creator_id uuid, p_batch_date date, p_limit_usd numeric)
returns table (id uuid, usd numeric, fits boolean)
language sql stable set search_path = '' as $$
  select e.id, e.usd_equivalent,
         sum(e.usd_equivalent) over (order by e.created_at, e.id) <= p_limit_usd
    from public.creator_earnings e
    join public.story_purchases sp on sp.id = e.purchase_id
   where e.creator_id = p_creator_id and e.payout_id is null and e.individual_payout_id is null
     and e.created_at < p_batch_date + 1
     and sp.refunded_at is null and sp.transaction_id is not null
$$;
revoke all on function private.payable_earnings from public, anon, authenticated;

-- The monthly payout batch for p_batch_date. It pays only earnings of purchases that completed and were not
-- refunded, each exactly once: every creator with payouts enabled whose eligible unpaid earnings reach
-- p_minimum_usd gets one individual payout for them, and those earnings are marked paid by it. A period pays a
-- creator at most PERIOD_LIMIT_USD: earnings beyond it stay unpaid (and pending) for review or the next batch,
-- and the payout says so. One batch per date: a second call for the same date returns the same batch and
-- changes nothing. Batches run one at a time, and each creator's amount is summed after their row is locked,
-- so a concurrent batch or refund can never make a payout larger than the earnings it marks.
create function public.process_monthly_payout_batch(
  p_batch_date date,
  p_minimum_usd numeric default 50
) returns uuid
language plpgsql security definer set search_path = '' as $$
declare
  period_limit_usd constant numeric := 5000;
  v_batch uuid;
  v_creator uuid;
  v_payout uuid;
  v_amount numeric;
  v_held numeric;
  v_marked numeric;
  v_count integer := 0;
  v_total numeric := 0;
begin
  if p_minimum_usd is null or p_minimum_usd <= 0 then
    raise exception 'the payout threshold must be positive' using errcode = '22023';
  end if;
  perform pg_advisory_xact_lock(hashtext('public.process_monthly_payout_batch'));
  insert into public.monthly_payout_batches (batch_date, processing_status)
  values (p_batch_date, 'processing')
  on conflict (batch_date) do nothing
  returning id into v_batch;
  if v_batch is null then
    -- Already run for this date.
    return (select id from public.monthly_payout_batches where batch_date = p_batch_date);
  end if;

  for v_creator in
    select distinct e.creator_id
      from public.creator_earnings e
      join public.profiles p on p.id = e.creator_id
     where p.stripe_payouts_enabled and e.payout_id is null and e.individual_payout_id is null
       and e.created_at < p_batch_date + 1
     order by e.creator_id
  loop
    perform 1 from public.profiles where id = v_creator for update;
    -- Purchases and refunds lock the creator's row too, so what is payable cannot change until commit.
    select coalesce(sum(pe.usd) filter (where pe.fits), 0), coalesce(sum(pe.usd) filter (where not pe.fits), 0)
      into v_amount, v_held from private.payable_earnings(v_creator, p_batch_date, period_limit_usd) pe;
    continue when v_amount < p_minimum_usd or v_amount = 0;
    insert into public.individual_payouts (batch_id, creator_id, amount_usd, error_message)
    values (v_batch, v_creator, v_amount,
            case when v_held > 0 then format('held for review: %s USD beyond the period limit of %s USD', v_held, period_limit_usd) end)
    returning id into v_payout;
    with marked as (
      update public.creator_earnings e
         set individual_payout_id = v_payout
       where e.id in (select pe.id from private.payable_earnings(v_creator, p_batch_date, period_limit_usd) pe where pe.fits)
      returning e.usd_equivalent
    )
    select coalesce(sum(usd_equivalent), 0) into v_marked from marked;
    if v_marked <> v_amount then
      raise exception 'payout % would pay % USD for % USD of earnings', v_payout, v_amount, v_marked;
    end if;
    update public.profiles
       set pending_payout_usd = pending_payout_usd - v_amount
     where id = v_creator;
    update public.creator_earnings_accumulation
       set last_payout_date = p_batch_date, last_payout_amount = v_amount
     where creator_id = v_creator;
    v_count := v_count + 1;
    v_total := v_total + v_amount;
  end loop;

  update public.monthly_payout_batches
     set total_creators_paid = v_count, total_amount_usd = v_total, processing_status = 'completed'
   where id = v_batch;
  return v_batch;
end
$$;
revoke all on function public.process_monthly_payout_batch from public, anon, authenticated;
grant execute on function public.process_monthly_payout_batch to service_role;

-- Records that the calling user's request was served from the cache entry p_cache_key, and rewards it from
-- server-side facts only: the entry's recorded generation cost (private.cache_entries) and a fixed schedule (the
-- user saves CACHE_DISCOUNT of that cost). The first hit on a key rewards the saving in credits, later hits on it
-- only count; a user's cache rewards add up to at most DAILY_CAP_CREDITS a day. Returns the credits given. An
-- entry for a story the caller cannot read answers as a missing one.
create function public.record_cache_hit(p_cache_key text) returns integer
language plpgsql security definer set search_path = '' as $$
declare
  cache_discount constant numeric := 0.50;
  daily_cap_credits constant integer := 100;
  v_user uuid := (select auth.uid());
  v_entry private.cache_entries;
  v_original numeric;
  v_discounted numeric;
  v_reward integer;
  v_today integer;
begin
  if v_user is null then
    raise exception 'record_cache_hit needs a signed-in user' using errcode = '42501';
  end if;
  select * into v_entry from private.cache_entries c
   where c.cache_key = p_cache_key
     and (c.story_id is null or exists (
       select 1 from public.stories s where s.id = c.story_id and (s.status = 'published' or s.user_id = v_user)));
  if not found then
    raise exception 'no such cache entry' using errcode = 'P0002';
  end if;
  -- The user's row lock serialises their hits, so the daily cap cannot be raced past.
  perform 1 from public.profiles where id = v_user for update;
  update public.cache_rewards
     set hit_count = hit_count + 1
   where user_id = v_user and cache_key = p_cache_key;
  if found then
    update public.profiles set cache_hits = cache_hits + 1 where id = v_user;
    return 0;
  end if;

  v_original := v_entry.generation_cost_usd;
  v_discounted := round(v_original * (1 - cache_discount), 6);
  select coalesce(sum(r.credits_saved), 0) into v_today
    from public.cache_rewards r
   where r.user_id = v_user and r.created_at >= date_trunc('day', now());
  v_reward := greatest(least(floor((v_original - v_discounted) * 100)::integer, daily_cap_credits - v_today), 0);
  insert into public.cache_rewards (user_id, story_id, chapter_id, cache_key, credits_saved, original_cost, discounted_cost)
  values (v_user, v_entry.story_id, v_entry.chapter_id, p_cache_key, v_reward, v_original, v_discounted);
  update public.profiles
     set cache_hits = cache_hits + 1,
         cache_discount_earned = cache_discount_earned + (v_original - v_discounted)
   where id = v_user;
  if v_reward > 0 then
    perform private.apply_credit_transaction(v_user, 'bonus', v_reward, 'cache reward', null, 'cache_reward');
    insert into private.promotional_credits (user_id, credits) values (v_user, v_reward)
    on conflict (user_id) do update set credits = private.promotional_credits.credits + excluded.credits;
  end if;
  return v_reward;
end
$$;
revoke all on function public.record_cache_hit from public, anon;
grant execute on function public.record_cache_hit to authenticated, service_role;

-- Service-role operations on credits: a completed credit purchase, a bonus grant, and a refund of a story
-- purchase (which also takes the creator's earning back while it is unpaid).
create function public.complete_credit_purchase(p_payment_id uuid) returns uuid
language plpgsql security definer set search_path = '' as $$
declare
  v_payment public.payments;
begin
  select * into v_payment from public.payments where id = p_payment_id for update;
  if not found then
    raise exception 'no payment %', p_payment_id using errcode = 'P0002';
  end if;
  if v_payment.status = 'succeeded' then
    return (select t.id from public.credit_transactions t
             where t.reference_type = 'payment' and t.reference_id = p_payment_id);
  end if;
  if v_payment.status <> 'pending' then
    raise exception 'payment % is %', p_payment_id, v_payment.status using errcode = 'P0001';
  end if;
  update public.payments set status = 'succeeded', processed_at = now() where id = p_payment_id;
  return private.apply_credit_transaction(v_payment.user_id, 'purchase',
    v_payment.credits_purchased + v_payment.bonus_credits, 'credit purchase', p_payment_id, 'payment');
end
$$;
revoke all on function public.complete_credit_purchase from public, anon, authenticated;
grant execute on function public.complete_credit_purchase to service_role;

create function public.grant_bonus_credits(p_user_id uuid, p_amount integer, p_description text default 'bonus')
returns uuid
language plpgsql security definer set search_path = '' as $$
begin
  if p_amount is null or p_amount <= 0 then
    raise exception 'a bonus must be positive' using errcode = '22023';
  end if;
  return private.apply_credit_transaction(p_user_id, 'bonus', p_amount, p_description, null, 'bonus');
end
$$;
revoke all on function public.grant_bonus_credits from public, anon, authenticated;
grant execute on function public.grant_bonus_credits to service_role;

create function public.refund_story_purchase(p_purchase_id uuid) returns uuid
language plpgsql security definer set search_path = '' as $$
declare
  v_purchase public.story_purchases;
  v_earning public.creator_earnings;
  v_has_earning boolean;
  v_promotional integer;
  v_tx uuid;
begin
  select * into v_purchase from public.story_purchases where id = p_purchase_id;
  if not found then
    raise exception 'no purchase %', p_purchase_id using errcode = 'P0002';
  end if;
  perform 1 from public.profiles where id = v_purchase.user_id for update;
  perform 1 from public.profiles where id = v_purchase.creator_id for update;
  select * into v_purchase from public.story_purchases where id = p_purchase_id for update;
  if v_purchase.refunded_at is not null then
    raise exception 'purchase % was already refunded', p_purchase_id using errcode = '23505';
  end if;
  select * into v_earning from public.creator_earnings where purchase_id = p_purchase_id for update;
  v_has_earning := found;
  if v_has_earning and (v_earning.payout_id is not null or v_earning.individual_payout_id is not null) then
    raise exception 'purchase % was already paid out to the creator', p_purchase_id using errcode = 'P0001';
  end if;
  v_tx := private.apply_credit_transaction(v_purchase.user_id, 'refund', v_purchase.credits_spent,
    'refund of a story purchase', p_purchase_id, 'story_purchase');
  -- Cache-reward credits the purchase spent come back as what they were.
  select ppc.credits into v_promotional from private.purchase_promotional_credits ppc where ppc.purchase_id = p_purchase_id;
  if v_promotional is not null then
    update private.promotional_credits set credits = credits + v_promotional where user_id = v_purchase.user_id;
  end if;
  if v_has_earning then
    -- The earning never reached the creator: it is taken back whole.
    delete from public.creator_earnings where id = v_earning.id;
    update public.creator_earnings_accumulation
       set total_accumulated_usd = total_accumulated_usd - v_earning.usd_equivalent
     where creator_id = v_purchase.creator_id;
    update public.profiles
       set total_earnings_usd = total_earnings_usd - v_earning.usd_equivalent,
           pending_payout_usd = pending_payout_usd - v_earning.usd_equivalent
     where id = v_purchase.creator_id;
  end if;
  update public.story_purchases set refunded_at = now() where id = p_purchase_id;
  return v_tx;
end
$$;
revoke all on function public.refund_story_purchase from public, anon, authenticated;
grant execute on function public.refund_story_purchase to service_role;
