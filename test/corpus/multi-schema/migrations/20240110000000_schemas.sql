-- Two exposed schemas (public, commerce), a private one, foreign keys across all of them and into auth.users.
create schema commerce;
create schema private;
create type commerce.order_status as enum ('pending', 'paid', 'shipped', 'cancelled');
create table private.api_keys (id bigint primary key, secret text not null);

create table public.accounts (
  id uuid primary key references auth.users (id) on delete cascade,
  display_name text not null,
  api_key_id bigint references private.api_keys (id)
);
create table commerce.products (
  id bigint generated always as identity primary key,
  sku text not null unique,
  title text not null,
  price_cents integer not null check (price_cents >= 0),
  tags text[] not null default '{}'
);
create table commerce.orders (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references public.accounts (id),
  status commerce.order_status not null default 'pending',
  placed_at timestamptz not null default now(),
  ip inet
);
create table commerce.order_lines (
  order_id uuid not null references commerce.orders (id) on delete cascade,
  product_id bigint not null references commerce.products (id),
  quantity integer not null default 1,
  primary key (order_id, product_id)
);
create view commerce.order_totals as
  select o.id, o.account_id, sum(l.quantity * p.price_cents) as total_cents
  from commerce.orders o join commerce.order_lines l on l.order_id = o.id join commerce.products p on p.id = l.product_id
  group by o.id;
create function commerce.place_order(account uuid, items jsonb) returns uuid language plpgsql as $$
declare new_id uuid;
begin
  insert into commerce.orders (account_id) values (account) returning id into new_id;
  return new_id;
end $$;
create function public.orders_of(public.accounts) returns setof commerce.orders language sql stable
  as $$ select * from commerce.orders where account_id = $1.id $$;
