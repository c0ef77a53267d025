import { Migration } from '@mikro-orm/migrations';

export class Migration20261128135904 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create schema if not exists "procedures";`);
    this.addSql(`create table "procedures"."outbox_event" ("id" uuid not null, "subject" text not null, "envelope" jsonb not null, "created_at" timestamptz not null, "published_at" timestamptz null, constraint "outbox_event_pkey" primary key ("id"));`);
    this.addSql(`create index "outbox_event_pending_idx" on "procedures"."outbox_event" ("published_at", "created_at");`);

    this.addSql(`create table "procedures"."processed_event" ("consumer" text not null, "event_id" uuid not null, "processed_at" timestamptz not null, constraint "processed_event_pkey" primary key ("consumer", "event_id"));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "procedures"."outbox_event" cascade;`);

    this.addSql(`drop table if exists "procedures"."processed_event" cascade;`);

    this.addSql(`drop schema if exists "procedures";`);
  }

}
