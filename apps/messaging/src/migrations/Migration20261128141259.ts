import { Migration } from '@mikro-orm/migrations';

export class Migration20261128141259 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "messaging"."email_message" ("id" text not null, "tenant_id" uuid null, "dossier_id" uuid null, "purpose" text not null, "to" text not null, "subject" text not null, "text_body" text not null, "html_body" text null, "status" text not null default 'pending', "attempts" int not null default 0, "last_error" text null, "next_attempt_at" timestamptz not null, "created_at" timestamptz not null, "sent_at" timestamptz null, constraint "email_message_pkey" primary key ("id"));`);
    this.addSql(`create index "email_message_dossier_idx" on "messaging"."email_message" ("tenant_id", "dossier_id", "created_at");`);
    this.addSql(`create index "email_message_due_idx" on "messaging"."email_message" ("status", "next_attempt_at");`);

    this.addSql(`create table "messaging"."message" ("id" uuid not null, "tenant_id" uuid not null, "dossier_id" uuid not null, "body" text not null, "author_account_id" uuid null, "author_email" text not null, "author_role" text not null, "attachment_file_id" uuid null, "created_at" timestamptz not null, constraint "message_pkey" primary key ("id"));`);
    this.addSql(`create index "message_dossier_idx" on "messaging"."message" ("tenant_id", "dossier_id", "created_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "messaging"."email_message" cascade;`);

    this.addSql(`drop table if exists "messaging"."message" cascade;`);
  }

}
