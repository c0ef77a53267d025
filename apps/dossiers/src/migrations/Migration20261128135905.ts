import { Migration } from '@mikro-orm/migrations';

export class Migration20261128135905 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create schema if not exists "dossiers";`);
    this.addSql(`create table "dossiers"."outbox_event" ("id" uuid not null, "subject" text not null, "envelope" jsonb not null, "created_at" timestamptz not null, "published_at" timestamptz null, constraint "outbox_event_pkey" primary key ("id"));`);
    this.addSql(`create index "outbox_event_pending_idx" on "dossiers"."outbox_event" ("published_at", "created_at");`);

    this.addSql(`create table "dossiers"."processed_event" ("consumer" text not null, "event_id" uuid not null, "processed_at" timestamptz not null, constraint "processed_event_pkey" primary key ("consumer", "event_id"));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "dossiers"."outbox_event" cascade;`);

    this.addSql(`drop table if exists "dossiers"."processed_event" cascade;`);

    this.addSql(`drop schema if exists "dossiers";`);
  }

}
