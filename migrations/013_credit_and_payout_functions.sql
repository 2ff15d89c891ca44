-- 013: the functions that move credits and money. All SECURITY DEFINER with an empty search_path and every
-- name qualified, so a caller's search_path cannot redirect them. Each locks the rows it changes in one fixed
-- order (buyer's profile, then creator's) so concurrent calls serialise instead of deadlocking.
--
-- Credits: 1 credit = 0.01 USD. A creator earns CREATOR_SHARE of what a reader spends on their story.

create schema if not exists private;
revoke all on schema private from public, anon, authenticated;

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
  v_buyer uuid := (select auth.uid());
  v_pricing public.story_pricing;
  v_story public.stories;
  v_chapters integer[];
  v_price integer;
  v_creator_credits integer;
  v_tx uuid;
  v_purchase uuid;
begin
  if v_buyer is null then
    raise exception 'purchase_story_content needs a signed-in user' using errcode = '42501';
  end if;
  select * into v_story from public.stories where id = p_story_id;
  if not found or v_story.status <> 'published' then
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
    v_price := ceil(v_pricing.price_per_chapter * cardinality(v_chapters) * (1 - v_pricing.bundle_discount / 100));
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
  if exists (select 1 from public.story_purchases sp
              where sp.user_id = v_buyer and sp.story_id = p_story_id and sp.refunded_at is null
                and sp.purchase_type = p_purchase_type and p_purchase_type <> 'chapter') then
    raise exception 'already purchased' using errcode = '23505';
  end if;

  v_tx := private.apply_credit_transaction(v_buyer, 'spend', -v_price, 'story purchase', p_story_id, 'story');
  v_creator_credits := floor(v_price * creator_share);
  insert into public.story_purchases (user_id, story_id, creator_id, purchase_type, chapters_unlocked, credits_spent, creator_earnings, transaction_id)
  values (v_buyer, p_story_id, v_story.user_id, p_purchase_type, v_chapters, v_price, v_creator_credits, v_tx)
  returning id into v_purchase;

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
-- about themselves; the service role about anyone.
create function public.calculate_creator_earnings(
  p_creator_id uuid,
  p_period_start date,
  p_period_end date
) returns table (earnings_count bigint, credits_earned bigint, usd_earned numeric, usd_unpaid numeric)
language plpgsql stable security definer set search_path = '' as $$
begin
  if (select auth.uid()) is not null and (select auth.uid()) <> p_creator_id then
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

-- The monthly payout batch for p_batch_date: every creator with payouts enabled whose unpaid earnings reach
-- p_minimum_usd gets one individual payout for all of them, and those earnings are marked paid by it. One
-- batch per date: a second call for the same date returns the same batch and changes nothing.
create function public.process_monthly_payout_batch(
  p_batch_date date,
  p_minimum_usd numeric default 50
) returns uuid
language plpgsql security definer set search_path = '' as $$
declare
  v_batch uuid;
  v_creator record;
  v_payout uuid;
  v_count integer := 0;
  v_total numeric := 0;
begin
  if p_minimum_usd is null or p_minimum_usd <= 0 then
    raise exception 'the payout threshold must be positive' using errcode = '22023';
  end if;
  insert into public.monthly_payout_batches (batch_date, processing_status)
  values (p_batch_date, 'processing')
  on conflict (batch_date) do nothing
  returning id into v_batch;
  if v_batch is null then
    -- Already run for this date.
    return (select id from public.monthly_payout_batches where batch_date = p_batch_date);
  end if;

  for v_creator in
    select p.id, sum(e.usd_equivalent) as amount
      from public.profiles p
      join public.creator_earnings e on e.creator_id = p.id
     where p.stripe_payouts_enabled
       and e.payout_id is null and e.individual_payout_id is null
       and e.created_at < p_batch_date + 1
     group by p.id
    having sum(e.usd_equivalent) >= p_minimum_usd
     order by p.id
  loop
    perform 1 from public.profiles where id = v_creator.id for update;
    insert into public.individual_payouts (batch_id, creator_id, amount_usd)
    values (v_batch, v_creator.id, v_creator.amount)
    returning id into v_payout;
    update public.creator_earnings e
       set individual_payout_id = v_payout
     where e.creator_id = v_creator.id and e.payout_id is null and e.individual_payout_id is null
       and e.created_at < p_batch_date + 1;
    update public.profiles
       set pending_payout_usd = pending_payout_usd - v_creator.amount
     where id = v_creator.id;
    update public.creator_earnings_accumulation
       set last_payout_date = p_batch_date, last_payout_amount = v_creator.amount
     where creator_id = v_creator.id;
    v_count := v_count + 1;
    v_total := v_total + v_creator.amount;
  end loop;

  update public.monthly_payout_batches
     set total_creators_paid = v_count, total_amount_usd = v_total, processing_status = 'completed'
   where id = v_batch;
  return v_batch;
end
$$;
revoke all on function public.process_monthly_payout_batch from public, anon, authenticated;
grant execute on function public.process_monthly_payout_batch to service_role;

-- Records that the calling user's request was served from cache: counts the hit, and rewards the saving
-- (original minus discounted cost, in credits) to their balance through the ledger. Returns the credits given.
create function public.record_cache_hit(
  p_cache_key text,
  p_original_cost numeric,
  p_discounted_cost numeric,
  p_story_id uuid default null,
  p_chapter_id uuid default null
) returns integer
language plpgsql security definer set search_path = '' as $$
declare
  v_user uuid := (select auth.uid());
  v_reward integer;
begin
  if v_user is null then
    raise exception 'record_cache_hit needs a signed-in user' using errcode = '42501';
  end if;
  if p_original_cost < 0 or p_discounted_cost < 0 or p_discounted_cost > p_original_cost then
    raise exception 'costs must satisfy 0 <= discounted <= original' using errcode = '22023';
  end if;
  v_reward := floor((p_original_cost - p_discounted_cost) * 100);
  insert into public.cache_rewards (user_id, story_id, chapter_id, cache_key, credits_saved, original_cost, discounted_cost)
  values (v_user, p_story_id, p_chapter_id, p_cache_key, v_reward, p_original_cost, p_discounted_cost)
  on conflict (user_id, cache_key) do update
    set hit_count = public.cache_rewards.hit_count + 1,
        credits_saved = public.cache_rewards.credits_saved + excluded.credits_saved,
        original_cost = excluded.original_cost,
        discounted_cost = excluded.discounted_cost;
  update public.profiles
     set cache_hits = cache_hits + 1,
         cache_discount_earned = cache_discount_earned + (p_original_cost - p_discounted_cost)
   where id = v_user;
  if v_reward > 0 then
    perform private.apply_credit_transaction(v_user, 'bonus', v_reward, 'cache reward', null, 'cache_reward');
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
