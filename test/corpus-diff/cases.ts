/**
 * Database ⇄ database cases: each one SQL pair (FROM, TO) on its own objects and the exact finding keys `diff`
 * must give. The names are distinct across cases, so all of them together also make one pair (run on the embedded
 * database, where each replay costs a second).
 */
import { ensureRoleSql } from '../../src/supabase/baseline/roles.sql.js';

export interface DiffCase {
  name: string;
  before: string;
  after: string;
  expected: string[];
}

export const CASES: DiffCase[] = [
  {
    name: 'a table only in TO',
    before: '',
    after: 'create table c1 (id int primary key);',
    expected: ['table_missing_in_from:public.c1'],
  },
  {
    name: 'a table only in FROM',
    before: 'create table c2 (id int primary key);',
    after: '',
    expected: ['table_missing_in_to:public.c2'],
  },
  {
    name: 'a column added, one dropped, one retyped, one made NOT NULL, one default changed',
    before: 'create table c3 (id int primary key, gone text, t int, n text, d int default 1);',
    after: 'create table c3 (id int primary key, t bigint, n text not null, d int default 2, added text);',
    expected: [
      'column_missing_in_to:public.c3.gone',
      'column_differs:public.c3.t',
      'column_differs:public.c3.n',
      'column_differs:public.c3.d',
      'column_missing_in_from:public.c3.added',
    ],
  },
  {
    name: 'a check constraint changed and a unique constraint added',
    before: 'create table c4 (id int primary key, v int, constraint c4_v_check check (v > 0));',
    after: 'create table c4 (id int primary key, v int, constraint c4_v_check check (v >= 0), constraint c4_v_key unique (v));',
    expected: ['constraint_differs:public.c4.c4_v_check', 'constraint_missing_in_from:public.c4.c4_v_key'],
  },
  {
    name: 'a foreign key whose ON DELETE changed',
    before: 'create table c5p (id int primary key); create table c5 (id int primary key, p int constraint c5_p_fkey references c5p on delete cascade); create index c5_p_idx on c5 (p);',
    after: 'create table c5p (id int primary key); create table c5 (id int primary key, p int constraint c5_p_fkey references c5p on delete restrict); create index c5_p_idx on c5 (p);',
    expected: ['constraint_differs:public.c5.c5_p_fkey'],
  },
  {
    name: 'an index missing, one changed',
    before: 'create table c6 (id int primary key, a int, b int); create index c6_a_idx on c6 (a); create index c6_b_idx on c6 (b);',
    after: 'create table c6 (id int primary key, a int, b int); create index c6_b_idx on c6 (b, a);',
    expected: ['index_missing_in_to:public.c6.c6_a_idx', 'index_differs:public.c6.c6_b_idx'],
  },
  {
    name: 'RLS turned on, a policy added, a policy changed',
    before: 'create table c7 (id int primary key, owner text); create policy c7_read on c7 for select using (owner = current_user);',
    after: "create table c7 (id int primary key, owner text); alter table c7 enable row level security; create policy c7_read on c7 for select using (owner = session_user); create policy c7_write on c7 for insert with check (owner = current_user);",
    expected: ['rls_differs:public.c7', 'policy_differs:public.c7.c7_read', 'policy_missing_in_from:public.c7.c7_write'],
  },
  {
    name: 'a trigger dropped',
    before: "create table c8 (id int primary key, at timestamptz); create function c8_touch() returns trigger language plpgsql as $$ begin new.at := now(); return new; end $$; create trigger c8_touch before update on c8 for each row execute function c8_touch();",
    after: "create table c8 (id int primary key, at timestamptz); create function c8_touch() returns trigger language plpgsql as $$ begin new.at := now(); return new; end $$;",
    expected: ['trigger_missing_in_to:public.c8.c8_touch'],
  },
  {
    name: 'a view whose query changed; one made security_invoker',
    before: 'create table c9 (id int primary key, v int); create view c9_v as select id from c9; create view c9_w as select v from c9;',
    after: 'create table c9 (id int primary key, v int); create view c9_v as select id from c9 where v > 0; create view c9_w with (security_invoker = true) as select v from c9;',
    expected: ['view_differs:public.c9_v', 'view_differs:public.c9_w'],
  },
  {
    name: 'a function body changed; one made SECURITY DEFINER; one added',
    before: "create function c10_f(a int) returns int language sql as 'select a + 1'; create function c10_g() returns int language sql as 'select 1';",
    after: "create function c10_f(a int) returns int language sql as 'select a + 2'; create function c10_g() returns int language sql security definer set search_path = '' as 'select 1'; create function c10_h() returns int language sql as 'select 3';",
    expected: ['function_body_differs:public.c10_f."a integer"', 'function_differs:public.c10_g.""', 'function_missing_in_from:public.c10_h.""'],
  },
  {
    name: 'an enum label added',
    before: "create type c11_status as enum ('a', 'b');",
    after: "create type c11_status as enum ('a', 'b', 'c');",
    expected: ['enum_differs:public.c11_status'],
  },
  {
    name: 'a sequence changed',
    before: 'create sequence c12_seq increment 1;',
    after: 'create sequence c12_seq increment 10;',
    expected: ['sequence_differs:public.c12_seq'],
  },
  {
    name: 'a privilege revoked',
    before: 'create table c13 (id int primary key); grant select, truncate on c13 to sd_diff_reader;',
    after: 'create table c13 (id int primary key); grant select on c13 to sd_diff_reader;',
    expected: ['grant_missing_in_to:public.c13."sd_diff_reader:TRUNCATE"'],
  },
  {
    name: 'a composite type attribute retyped',
    before: 'create type c14_pair as (a int, b text);',
    after: 'create type c14_pair as (a bigint, b text);',
    expected: ['composite_type_differs:public.c14_pair'],
  },
  {
    name: 'identical objects give nothing, whatever their shape',
    before: "create table c15 (id int generated always as identity primary key, j jsonb default '{}', g int generated always as (id * 2) stored); create view c15_v as select c15.id, c15.j from c15 join c15 c15b on c15b.id = c15.id;",
    after: "create table c15 (id int generated always as identity primary key, j jsonb default '{}', g int generated always as (id * 2) stored); create view c15_v as select c15.id, c15.j from c15 join c15 c15b on c15b.id = c15.id;",
    expected: [],
  },
  {
    name: 'a publication carries another table and more actions',
    before: "create table c16 (id int primary key); create table c16b (id int primary key); create publication c16_pub for table c16 with (publish = 'insert');",
    after: "create table c16 (id int primary key); create table c16b (id int primary key); create publication c16_pub for table c16, c16b with (publish = 'insert, update');",
    expected: ['publication_differs:"".c16_pub'],
  },
  {
    name: 'views reading views, and a materialized view, only in TO',
    before: 'create table c17 (id int primary key, v int);',
    after: 'create table c17 (id int primary key, v int); create view c17_a as select id, v from c17; create view c17_b as select id from c17_a where v > 0; create materialized view c17_m as select id from c17_b;',
    expected: ['view_missing_in_from:public.c17_a', 'view_missing_in_from:public.c17_b', 'view_missing_in_from:public.c17_m'],
  },
  {
    name: 'a table with serial columns only in TO',
    before: '',
    after: 'create table c18 (id serial primary key, n bigserial, label text);',
    expected: ['table_missing_in_from:public.c18'],
  },
  {
    name: 'identity added to one column and taken from another',
    before: 'create table c19 (id int primary key, a int not null, b int generated always as identity);',
    after: 'create table c19 (id int primary key, a int generated by default as identity, b int not null default 0);',
    expected: ['column_differs:public.c19.a', 'column_differs:public.c19.b'],
  },
  {
    name: "a function's return type changed, its privileges kept",
    before: "create function c21_f() returns int language sql as 'select 1'; revoke execute on function c21_f() from public; grant execute on function c21_f() to sd_diff_reader;",
    after: "create function c21_f() returns bigint language sql as 'select 1'; revoke execute on function c21_f() from public; grant execute on function c21_f() to sd_diff_reader;",
    expected: ['function_differs:public.c21_f.""'],
  },
  {
    name: 'a column added with its own foreign key, check and index',
    before: 'create table c22p (id int primary key); create table c22 (id int primary key);',
    after: 'create table c22p (id int primary key); create table c22 (id int primary key, p int constraint c22_p_fkey references c22p on delete set null constraint c22_p_check check (p > 0)); create index c22_p_idx on c22 (p);',
    expected: ['column_missing_in_from:public.c22.p'],
  },
  {
    name: 'in the way: views reading a recreated view or a retyped column; functions a default and a check call',
    before:
      'create table c23 (id int primary key, v int, w text); create view c23_v2 as select id, v, w from c23; create view c23_v3 as select id from c23_v2; create view c23_v4 as select v from c23;',
    after:
      "create table c23 (id int primary key, v bigint, w text); create view c23_v2 as select id, w from c23; create view c23_v3 as select id from c23_v2; create view c23_v4 as select v from c23; create function c23_one() returns int language sql as 'select 1'; alter table c23 add column d int default public.c23_one(); alter table c23 add constraint c23_chk check (public.c23_one() > 0); create table c23_nt (id int); create function c23_rows() returns setof c23_nt language sql as 'select * from public.c23_nt'; create function c23_count() returns bigint language sql begin atomic select count(*) from public.c23_nt; end;",
    expected: [
      'column_differs:public.c23.v',
      'column_missing_in_from:public.c23.d',
      'constraint_missing_in_from:public.c23.c23_chk',
      'view_differs:public.c23_v2',
      'function_missing_in_from:public.c23_one.""',
      'function_missing_in_from:public.c23_rows.""',
      'function_missing_in_from:public.c23_count.""',
      'table_missing_in_from:public.c23_nt',
    ],
  },
];

/** Cluster-wide roles the cases grant to (created once, idempotently). */
export const SETUP_ROLES = ensureRoleSql('sd_diff_reader', 'nologin');
