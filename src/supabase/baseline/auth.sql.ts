/**
 * auth: GoTrue's tables, enums and the helpers policies call, as its migrations leave them (supabase/auth at
 * bc32168, 2026-08). Shape only: columns, keys, the unique indexes and foreign keys user migrations meet (rows
 * inserted into auth.users and auth.identities by seeds and tests), not GoTrue's lookup indexes or length checks.
 */
/** A JWT claim as PostgREST sets it: the legacy per-claim setting, else request.jwt.claims. */
const claimFn = (name: string, claim: string, type: string) => `
create function auth.${name}() returns ${type} language sql stable as $fn$
  select coalesce(nullif(current_setting('request.jwt.claim.${claim}', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> '${claim}'))::${type}
$fn$;`;

export const AUTH_SQL = `
create type auth.aal_level as enum ('aal1', 'aal2', 'aal3');
create type auth.code_challenge_method as enum ('s256', 'plain');
create type auth.factor_status as enum ('unverified', 'verified');
create type auth.factor_type as enum ('totp', 'webauthn', 'phone');
create type auth.one_time_token_type as enum ('confirmation_token', 'reauthentication_token', 'recovery_token',
  'email_change_token_new', 'email_change_token_current', 'phone_change_token');
create type auth.oauth_authorization_status as enum ('pending', 'approved', 'denied', 'expired');
create type auth.oauth_client_type as enum ('public', 'confidential');
create type auth.oauth_registration_type as enum ('dynamic', 'manual');
create type auth.oauth_response_type as enum ('code');

create table auth.schema_migrations (version varchar(255) primary key);
create table auth.instances (id uuid primary key, uuid uuid, raw_base_config text, created_at timestamptz, updated_at timestamptz);
create table auth.audit_log_entries (instance_id uuid, id uuid primary key, payload json, created_at timestamptz,
  ip_address varchar(64) not null default '');

create table auth.users (
  instance_id uuid, id uuid primary key, aud varchar(255), role varchar(255), email varchar(255),
  encrypted_password varchar(255), email_confirmed_at timestamptz, invited_at timestamptz,
  confirmation_token varchar(255), confirmation_sent_at timestamptz, recovery_token varchar(255),
  recovery_sent_at timestamptz, email_change_token_new varchar(255), email_change varchar(255),
  email_change_sent_at timestamptz, last_sign_in_at timestamptz, raw_app_meta_data jsonb, raw_user_meta_data jsonb,
  is_super_admin boolean, created_at timestamptz, updated_at timestamptz, phone text unique default null,
  phone_confirmed_at timestamptz, phone_change text default '', phone_change_token varchar(255) default '',
  phone_change_sent_at timestamptz,
  confirmed_at timestamptz generated always as (least(email_confirmed_at, phone_confirmed_at)) stored,
  email_change_token_current varchar(255) default '',
  email_change_confirm_status smallint default 0 check (email_change_confirm_status between 0 and 2),
  banned_until timestamptz, reauthentication_token varchar(255) default '', reauthentication_sent_at timestamptz,
  is_sso_user boolean not null default false, deleted_at timestamptz, is_anonymous boolean not null default false
);
create unique index users_email_partial_key on auth.users (email) where is_sso_user = false;

create table auth.identities (
  provider_id text not null, user_id uuid not null references auth.users (id) on delete cascade,
  identity_data jsonb not null, provider text not null, last_sign_in_at timestamptz, created_at timestamptz,
  updated_at timestamptz, email text generated always as (lower(identity_data ->> 'email')) stored,
  id uuid primary key default gen_random_uuid(),
  constraint identities_provider_id_provider_unique unique (provider_id, provider)
);

create table auth.oauth_clients (
  id uuid primary key, client_secret_hash text, registration_type auth.oauth_registration_type not null,
  redirect_uris text not null, grant_types text not null, client_name text, client_uri text, logo_uri text,
  created_at timestamptz not null default now(), updated_at timestamptz not null default now(), deleted_at timestamptz,
  client_type auth.oauth_client_type not null default 'confidential', token_endpoint_auth_method text not null
);
create table auth.sessions (
  id uuid primary key, user_id uuid not null references auth.users (id) on delete cascade, created_at timestamptz,
  updated_at timestamptz, factor_id uuid, aal auth.aal_level, not_after timestamptz, refreshed_at timestamp,
  user_agent text, ip inet, tag text, oauth_client_id uuid references auth.oauth_clients (id) on delete cascade,
  refresh_token_hmac_key text, refresh_token_counter bigint, scopes text
);
create table auth.refresh_tokens (
  instance_id uuid, id bigserial primary key, token varchar(255) unique, user_id varchar(255), revoked boolean,
  created_at timestamptz, updated_at timestamptz, parent varchar(255),
  session_id uuid references auth.sessions (id) on delete cascade
);
create table auth.mfa_factors (
  id uuid primary key, user_id uuid not null references auth.users (id) on delete cascade, friendly_name text,
  factor_type auth.factor_type not null, status auth.factor_status not null, created_at timestamptz not null,
  updated_at timestamptz not null, secret text, phone text, last_challenged_at timestamptz unique,
  web_authn_credential jsonb, web_authn_aaguid uuid, last_webauthn_challenge_data jsonb
);
create table auth.mfa_challenges (
  id uuid primary key, factor_id uuid not null references auth.mfa_factors (id) on delete cascade,
  created_at timestamptz not null, verified_at timestamptz, ip_address inet not null, otp_code text,
  web_authn_session_data jsonb
);
create table auth.mfa_amr_claims (
  session_id uuid not null references auth.sessions (id) on delete cascade, created_at timestamptz not null,
  updated_at timestamptz not null, authentication_method text not null, id uuid constraint amr_id_pk primary key,
  unique (session_id, authentication_method)
);
create table auth.sso_providers (id uuid primary key, resource_id text, created_at timestamptz, updated_at timestamptz, disabled boolean);
create table auth.sso_domains (
  id uuid primary key, sso_provider_id uuid not null references auth.sso_providers (id) on delete cascade,
  domain text not null, created_at timestamptz, updated_at timestamptz
);
create table auth.saml_providers (
  id uuid primary key, sso_provider_id uuid not null references auth.sso_providers (id) on delete cascade,
  entity_id text not null unique, metadata_xml text not null, metadata_url text, attribute_mapping jsonb,
  created_at timestamptz, updated_at timestamptz, name_id_format text
);
create table auth.flow_state (
  id uuid primary key, user_id uuid, auth_code text, code_challenge_method auth.code_challenge_method,
  code_challenge text, provider_type text not null, provider_access_token text, provider_refresh_token text,
  created_at timestamptz, updated_at timestamptz, authentication_method text not null,
  auth_code_issued_at timestamptz, invite_token text, referrer text, oauth_client_state_id uuid,
  linking_target_id uuid, email_optional boolean not null default false
);
create table auth.saml_relay_states (
  id uuid primary key, sso_provider_id uuid not null references auth.sso_providers (id) on delete cascade,
  request_id text not null, for_email text, redirect_to text, created_at timestamptz, updated_at timestamptz,
  flow_state_id uuid references auth.flow_state (id) on delete cascade
);
create table auth.one_time_tokens (
  id uuid primary key, user_id uuid not null references auth.users (id) on delete cascade,
  token_type auth.one_time_token_type not null, token_hash text not null check (char_length(token_hash) > 0),
  relates_to text not null, created_at timestamp not null default now(), updated_at timestamp not null default now(),
  unique (user_id, token_type)
);
create table auth.oauth_authorizations (
  id uuid primary key, authorization_id text not null unique,
  client_id uuid not null references auth.oauth_clients (id) on delete cascade,
  user_id uuid references auth.users (id) on delete cascade, redirect_uri text not null, scope text not null,
  state text, resource text, code_challenge text, code_challenge_method auth.code_challenge_method,
  response_type auth.oauth_response_type not null default 'code',
  status auth.oauth_authorization_status not null default 'pending', authorization_code text unique,
  created_at timestamptz not null default now(), expires_at timestamptz not null default now() + interval '3 minutes',
  approved_at timestamptz, nonce text
);
create table auth.oauth_consents (
  id uuid primary key, user_id uuid not null references auth.users (id) on delete cascade,
  client_id uuid not null references auth.oauth_clients (id) on delete cascade, scopes text not null,
  granted_at timestamptz not null default now(), revoked_at timestamptz,
  constraint oauth_consents_user_client_unique unique (user_id, client_id)
);
create table auth.oauth_client_states (id uuid primary key, provider_type text not null, code_verifier text, created_at timestamptz not null);
create table auth.custom_oauth_providers (
  id uuid primary key default gen_random_uuid(), provider_type text not null, identifier text not null unique,
  name text not null, client_id text not null, client_secret text not null,
  acceptable_client_ids text[] not null default '{}', scopes text[] not null default '{}',
  pkce_enabled boolean not null default true, attribute_mapping jsonb not null default '{}',
  authorization_params jsonb not null default '{}', enabled boolean not null default true,
  email_optional boolean not null default false, issuer text, discovery_url text,
  skip_nonce_check boolean not null default false, cached_discovery jsonb, discovery_cached_at timestamptz,
  authorization_url text, token_url text, userinfo_url text, jwks_uri text,
  created_at timestamptz not null default now(), updated_at timestamptz not null default now(),
  custom_claims_allowlist text[] not null default '{}'
);
create table auth.webauthn_credentials (
  id uuid primary key default gen_random_uuid(), user_id uuid not null references auth.users (id) on delete cascade,
  credential_id bytea not null unique, public_key bytea not null, attestation_type text not null default '',
  aaguid uuid, sign_count bigint not null default 0, transports jsonb not null default '[]',
  backup_eligible boolean not null default false, backed_up boolean not null default false,
  friendly_name text not null default '', created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(), last_used_at timestamptz
);
create table auth.webauthn_challenges (
  id uuid primary key default gen_random_uuid(), user_id uuid references auth.users (id) on delete cascade,
  challenge_type text not null check (challenge_type in ('signup', 'registration', 'authentication')),
  session_data jsonb not null, created_at timestamptz not null default now(), expires_at timestamptz not null
);

do $$
declare t text;
begin
  -- GoTrue enables RLS on every auth table (no policies: only its own role reads them).
  for t in select c.relname from pg_class c where c.relnamespace = 'auth'::regnamespace and c.relkind = 'r' loop
    execute format('alter table auth.%I enable row level security', t);
  end loop;
end $$;

${claimFn('uid', 'sub', 'uuid')}
${claimFn('role', 'role', 'text')}
${claimFn('email', 'email', 'text')}
create function auth.jwt() returns jsonb language sql stable as $fn$
  select coalesce(nullif(current_setting('request.jwt.claim', true), ''),
    nullif(current_setting('request.jwt.claims', true), ''))::jsonb
$fn$;
`;
