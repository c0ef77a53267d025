import { Migration } from '@mikro-orm/migrations';

export class Migration20261129033825_object_deletion extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "documents"."object_deletion" ("id" uuid not null, "bucket" text not null, "object_key" text not null, "reason" text not null, "attempts" int not null default 0, "last_error" text null, "next_attempt_at" timestamptz not null, "created_at" timestamptz not null, constraint "object_deletion_pkey" primary key ("id"));`);
    this.addSql(`create index "object_deletion_due_idx" on "documents"."object_deletion" ("next_attempt_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "documents"."object_deletion" cascade;`);
  }

}
