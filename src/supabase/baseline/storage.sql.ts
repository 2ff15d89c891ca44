/**
 * storage: buckets, objects, S3 multipart uploads and the functions storage policies and clients call, as the
 * Storage API's tenant migrations leave them (supabase/storage at 4fa61fb, 2026-08). Shape only: the analytics
 * and vector bucket tables (Iceberg catalogs) and the delete-protection triggers are left out.
 */
export const STORAGE_SQL = `
create type storage.buckettype as enum ('STANDARD', 'ANALYTICS', 'VECTOR');
create table storage.migrations (id integer primary key, name varchar(100) not null unique, hash varchar(40) not null,
  executed_at timestamp default current_timestamp);
create table storage.buckets (
  id text primary key, name text not null, owner uuid, created_at timestamptz default now(),
  updated_at timestamptz default now(), public boolean default false, avif_autodetection boolean default false,
  file_size_limit bigint, allowed_mime_types text[], owner_id text,
  type storage.buckettype not null default 'STANDARD', versioning_status text not null default 'DISABLED'
);
create unique index bname on storage.buckets (name);
create table storage.objects (
  id uuid primary key default gen_random_uuid(), bucket_id text constraint "objects_bucketId_fkey" references storage.buckets (id),
  name text, owner uuid, created_at timestamptz default now(), updated_at timestamptz default now(),
  last_accessed_at timestamptz default now(), metadata jsonb,
  path_tokens text[] generated always as (string_to_array(name, '/')) stored, version text, owner_id text,
  user_metadata jsonb, archived_at timestamptz, is_delete_marker boolean not null default false,
  is_versioned boolean not null default false
);
create unique index bucketid_objname on storage.objects (bucket_id, name);
create table storage.s3_multipart_uploads (
  id text primary key, in_progress_size bigint not null default 0, upload_signature text not null,
  bucket_id text not null references storage.buckets (id), key text collate "C" not null, version text not null,
  owner_id text, created_at timestamptz not null default now(), user_metadata jsonb, metadata jsonb
);
create table storage.s3_multipart_uploads_parts (
  id uuid primary key default gen_random_uuid(),
  upload_id text not null references storage.s3_multipart_uploads (id) on delete cascade,
  size bigint not null default 0, part_number integer not null, bucket_id text not null references storage.buckets (id),
  key text collate "C" not null, etag text not null, owner_id text, version text not null,
  created_at timestamptz not null default now()
);
alter table storage.migrations enable row level security;
alter table storage.buckets enable row level security;
alter table storage.objects enable row level security;
alter table storage.s3_multipart_uploads enable row level security;
alter table storage.s3_multipart_uploads_parts enable row level security;

create function storage.foldername(name text) returns text[] language plpgsql immutable as $fn$
declare _parts text[];
begin
  select string_to_array(name, '/') into _parts;
  return _parts[1 : array_length(_parts, 1) - 1];
end
$fn$;
create function storage.filename(name text) returns text language plpgsql immutable as $fn$
declare _parts text[];
begin
  select string_to_array(name, '/') into _parts;
  return _parts[array_length(_parts, 1)];
end
$fn$;
create function storage.extension(name text) returns text language plpgsql immutable as $fn$
declare _parts text[]; _filename text;
begin
  select string_to_array(name, '/') into _parts;
  select _parts[array_length(_parts, 1)] into _filename;
  return reverse(split_part(reverse(_filename), '.', 1));
end
$fn$;
create function storage.operation() returns text language sql stable as $fn$
  select current_setting('storage.operation', true)
$fn$;
create function storage.allow_only_operation(expected_operation text) returns boolean language sql stable as $fn$
  select storage.operation() = expected_operation
$fn$;
create function storage.allow_any_operation(expected_operations text[]) returns boolean language sql stable as $fn$
  select storage.operation() = any (expected_operations)
$fn$;
create function storage.get_size_by_bucket() returns table (size bigint, bucket_id text) language sql stable as $fn$
  select sum((metadata ->> 'size')::bigint)::bigint, bucket_id from storage.objects group by bucket_id
$fn$;
create function storage.can_insert_object(bucketid text, name text, owner uuid, metadata jsonb) returns void
  language plpgsql as $fn$ begin end $fn$;
create function storage.get_common_prefix(p_key text, p_prefix text, p_delimiter text) returns text
  language sql immutable as $fn$
  select case when position(p_delimiter in substring(p_key from length(p_prefix) + 1)) > 0
    then p_prefix || split_part(substring(p_key from length(p_prefix) + 1), p_delimiter, 1) || p_delimiter end
$fn$;
create function storage.search(prefix text, bucketname text, limits integer default 100, levels integer default 1,
  offsets integer default 0, search text default '', sortcolumn text default 'name', sortorder text default 'asc')
  returns table (name text, id uuid, updated_at timestamptz, created_at timestamptz, last_accessed_at timestamptz, metadata jsonb)
  language sql stable as $fn$
  select o.name, o.id, o.updated_at, o.created_at, o.last_accessed_at, o.metadata from storage.objects o
  where o.bucket_id = bucketname and o.name like prefix || '%' order by o.name limit limits offset offsets
$fn$;
create function storage.search_v2(prefix text, bucket_name text, limits integer default 100, levels integer default 1,
  start_after text default '', sort_order text default 'asc', sort_column text default 'name', sort_column_after text default '')
  returns table (key text, name text, id uuid, updated_at timestamptz, created_at timestamptz, last_accessed_at timestamptz, metadata jsonb)
  language sql stable as $fn$
  select o.name, o.name, o.id, o.updated_at, o.created_at, o.last_accessed_at, o.metadata from storage.objects o
  where o.bucket_id = bucket_name and o.name like prefix || '%' and o.name > start_after order by o.name limit limits
$fn$;
create function storage.list_objects_with_delimiter(_bucket_id text, prefix_param text, delimiter_param text,
  max_keys integer default 100, start_after text default '', next_token text default '', sort_order text default 'asc')
  returns table (name text, id uuid, metadata jsonb, updated_at timestamptz, created_at timestamptz, last_accessed_at timestamptz)
  language sql stable as $fn$
  select o.name, o.id, o.metadata, o.updated_at, o.created_at, o.last_accessed_at from storage.objects o
  where o.bucket_id = _bucket_id and o.name like prefix_param || '%' and o.name > start_after order by o.name limit max_keys
$fn$;
create function storage.list_multipart_uploads_with_delimiter(bucket_id text, prefix_param text, delimiter_param text,
  max_keys integer default 100, next_key_token text default '', next_upload_token text default '')
  returns table (key text, id text, created_at timestamptz) language sql stable as $fn$
  select u.key, u.id, u.created_at from storage.s3_multipart_uploads u
  where u.bucket_id = $1 and u.key like prefix_param || '%' order by u.key limit max_keys
$fn$;
`;
