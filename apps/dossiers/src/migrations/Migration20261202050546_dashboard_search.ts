import { Migration } from '@mikro-orm/migrations';

export class Migration20261202050546_dashboard_search extends Migration {

  override async up(): Promise<void> {
    // The dashboard's search and « contains » filters ignore accents (unaccent, a trusted extension)
    // and case. The extension may already live in another schema: the dictionary and function are
    // looked up wherever it is, and wrapped in functions of this schema.
    this.addSql(`create extension if not exists unaccent;`);
    this.addSql(`create text search configuration "dossiers"."french_unaccent" (copy = pg_catalog.french);`);
    this.addSql(`do $do$
      declare home text;
      begin
        select n.nspname into home from pg_extension e join pg_namespace n on n.oid = e.extnamespace where e.extname = 'unaccent';
        execute format('alter text search configuration "dossiers"."french_unaccent" alter mapping for hword, hword_part, word with %I.unaccent, french_stem', home);
        execute format($f$create or replace function "dossiers"."dashboard_fold"(value text) returns text language sql immutable parallel safe strict
          as $body$ select lower(%I.unaccent(%L::regdictionary, value)) $body$ $f$, home, home || '.unaccent');
      end $do$;`);
    // The text of any JSON value: its strings and numbers, joined (objects, lists, repeated rows).
    this.addSql(`create or replace function "dossiers"."dashboard_jsonb_text"(value jsonb) returns text language sql immutable parallel safe strict as $$
      select case jsonb_typeof(value)
        when 'string' then value #>> '{}'
        when 'number' then value::text
        else (select string_agg(leaf #>> '{}', ' ') from jsonb_path_query(value, 'strict $.**') leaf where jsonb_typeof(leaf) in ('string', 'number'))
      end $$;`);
    // What the full-text search finds a dossier by: its number, the usager's names and address (also
    // cut at its dots and at-sign) and every string or number among its values.
    this.addSql(`create or replace function "dossiers"."dossier_search_vector"(number integer, first_name text, last_name text, email text, vals jsonb) returns tsvector
      language sql immutable parallel safe as $$
        select to_tsvector('simple', number::text)
          || to_tsvector('dossiers.french_unaccent', concat_ws(' ', first_name, last_name, email, translate(email, '@.-_+', '     ')))
          || jsonb_to_tsvector('dossiers.french_unaccent', coalesce(vals, '{}'::jsonb), '["string", "numeric"]')
      $$;`);

    this.addSql(`create table "dossiers"."dashboard_preference" ("account_id" uuid not null, "procedure_id" uuid not null, "tenant_id" uuid not null, "columns" jsonb not null, "filters" jsonb not null, "sort" jsonb not null, "updated_at" timestamptz not null, constraint "dashboard_preference_pkey" primary key ("account_id", "procedure_id"));`);

    this.addSql(`alter table "dossiers"."dossier" add column "search_vector" tsvector null generated always as (dossiers.dossier_search_vector(number, usager_first_name, usager_last_name, usager_email, "values")) stored;`);
    this.addSql(`create index "dossier_search_idx" on "dossiers"."dossier" using gin ("search_vector") where "state" <> 'brouillon';`);
    this.addSql(`create index "dossier_dashboard_decided_idx" on "dossiers"."dossier" ("procedure_id", coalesce("decided_at", '-infinity'::timestamptz), "number") where "state" <> 'brouillon';`);
    this.addSql(`create index "dossier_dashboard_updated_idx" on "dossiers"."dossier" ("procedure_id", "updated_at", "number") where "state" <> 'brouillon';`);
    this.addSql(`create index "dossier_dashboard_submitted_idx" on "dossiers"."dossier" ("procedure_id", coalesce("submitted_at", '-infinity'::timestamptz), "number") where "state" <> 'brouillon';`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "dossiers"."dashboard_preference" cascade;`);

    this.addSql(`drop index "dossiers"."dossier_search_idx";`);
    this.addSql(`alter table "dossiers"."dossier" drop column "search_vector";`);
    this.addSql(`drop index "dossiers"."dossier_dashboard_decided_idx";`);
    this.addSql(`drop index "dossiers"."dossier_dashboard_updated_idx";`);
    this.addSql(`drop index "dossiers"."dossier_dashboard_submitted_idx";`);
    this.addSql(`drop function if exists "dossiers"."dossier_search_vector"(integer, text, text, text, jsonb);`);
    this.addSql(`drop function if exists "dossiers"."dashboard_jsonb_text"(jsonb);`);
    this.addSql(`drop function if exists "dossiers"."dashboard_fold"(text);`);
    this.addSql(`drop text search configuration if exists "dossiers"."french_unaccent";`);
  }

}
