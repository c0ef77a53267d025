import { Migration } from '@mikro-orm/migrations';

export class Migration20261128140956_identity extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "gateway"."account" ("id" uuid not null, "email" text not null, "password_hash" text not null, "first_name" text not null, "last_name" text not null, "is_operator" boolean not null default false, "is_expert" boolean not null default false, "created_at" timestamptz not null, "last_sign_in_at" timestamptz null, constraint "account_pkey" primary key ("id"));`);
    this.addSql(`alter table "gateway"."account" add constraint "account_email_unique" unique ("email");`);

    this.addSql(`create table "gateway"."tenant" ("id" uuid not null, "slug" text not null, "name" text not null, "created_at" timestamptz not null, constraint "tenant_pkey" primary key ("id"));`);
    this.addSql(`alter table "gateway"."tenant" add constraint "tenant_slug_unique" unique ("slug");`);

    this.addSql(`create table "gateway"."session" ("id" text not null, "account_id" uuid not null, "tenant_id" uuid null, "created_at" timestamptz not null, "expires_at" timestamptz not null, "last_seen_at" timestamptz not null, constraint "session_pkey" primary key ("id"));`);
    this.addSql(`create index "session_account_id_index" on "gateway"."session" ("account_id");`);
    this.addSql(`create index "session_expires_at_idx" on "gateway"."session" ("expires_at");`);

    this.addSql(`create table "gateway"."membership" ("id" uuid not null, "account_id" uuid not null, "tenant_id" uuid not null, "role" text check ("role" in ('administrateur', 'instructeur')) not null, "created_at" timestamptz not null, constraint "membership_pkey" primary key ("id"));`);
    this.addSql(`create index "membership_tenant_id_index" on "gateway"."membership" ("tenant_id");`);
    this.addSql(`alter table "gateway"."membership" add constraint "membership_account_tenant_role_unique" unique ("account_id", "tenant_id", "role");`);

    this.addSql(`alter table "gateway"."session" add constraint "session_account_id_foreign" foreign key ("account_id") references "gateway"."account" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "gateway"."session" add constraint "session_tenant_id_foreign" foreign key ("tenant_id") references "gateway"."tenant" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "gateway"."membership" add constraint "membership_account_id_foreign" foreign key ("account_id") references "gateway"."account" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "gateway"."membership" add constraint "membership_tenant_id_foreign" foreign key ("tenant_id") references "gateway"."tenant" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "gateway"."session" drop constraint "session_account_id_foreign";`);

    this.addSql(`alter table "gateway"."membership" drop constraint "membership_account_id_foreign";`);

    this.addSql(`alter table "gateway"."session" drop constraint "session_tenant_id_foreign";`);

    this.addSql(`alter table "gateway"."membership" drop constraint "membership_tenant_id_foreign";`);

    this.addSql(`drop table if exists "gateway"."account" cascade;`);

    this.addSql(`drop table if exists "gateway"."tenant" cascade;`);

    this.addSql(`drop table if exists "gateway"."session" cascade;`);

    this.addSql(`drop table if exists "gateway"."membership" cascade;`);
  }

}
