import { Migration } from '@mikro-orm/migrations';

export class Migration20261128141058 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "dossiers"."dossier" ("id" uuid not null, "number" serial, "tenant_id" uuid not null, "procedure_id" uuid not null, "procedure_title" text not null, "revision_id" uuid not null, "state" text check ("state" in ('brouillon', 'en_construction', 'en_instruction', 'accepte', 'refuse', 'sans_suite')) not null default 'brouillon', "usager_account_id" uuid not null, "usager_email" text not null, "usager_first_name" text not null, "usager_last_name" text not null, "values" jsonb not null, "correction_pending" boolean not null default false, "motivation" text null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "submitted_at" timestamptz null, "decided_at" timestamptz null, constraint "dossier_pkey" primary key ("id"));`);
    this.addSql(`alter table "dossiers"."dossier" add constraint "dossier_number_unique" unique ("number");`);
    this.addSql(`create index "dossier_usager_idx" on "dossiers"."dossier" ("usager_account_id");`);
    this.addSql(`create index "dossier_tenant_procedure_number_idx" on "dossiers"."dossier" ("tenant_id", "procedure_id", "number");`);

    this.addSql(`create table "dossiers"."traitement" ("id" uuid not null, "dossier_id" uuid not null, "event" text check ("event" in ('passer_en_construction', 'passer_en_instruction', 'repasser_en_construction', 'demander_correction', 'accepter', 'refuser', 'classer_sans_suite', 'repasser_en_instruction')) not null, "from_state" text check ("from_state" in ('brouillon', 'en_construction', 'en_instruction', 'accepte', 'refuse', 'sans_suite')) not null, "to_state" text check ("to_state" in ('brouillon', 'en_construction', 'en_instruction', 'accepte', 'refuse', 'sans_suite')) not null, "at" timestamptz not null, "actor_email" text null, "motivation" text null, constraint "traitement_pkey" primary key ("id"));`);
    this.addSql(`create index "traitement_dossier_idx" on "dossiers"."traitement" ("dossier_id", "at");`);

    this.addSql(`alter table "dossiers"."traitement" add constraint "traitement_dossier_id_foreign" foreign key ("dossier_id") references "dossiers"."dossier" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "dossiers"."traitement" drop constraint "traitement_dossier_id_foreign";`);

    this.addSql(`drop table if exists "dossiers"."dossier" cascade;`);

    this.addSql(`drop table if exists "dossiers"."traitement" cascade;`);
  }

}
