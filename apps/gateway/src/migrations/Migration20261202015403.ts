import { Migration } from '@mikro-orm/migrations';

export class Migration20261202015403 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "gateway"."pending_membership" ("id" uuid not null, "email" text not null, "tenant_id" uuid not null, "role" text check ("role" in ('administrateur', 'instructeur')) not null, "created_at" timestamptz not null, constraint "pending_membership_pkey" primary key ("id"));`);
    this.addSql(`create index "pending_membership_tenant_idx" on "gateway"."pending_membership" ("tenant_id");`);
    this.addSql(`alter table "gateway"."pending_membership" add constraint "pending_membership_email_tenant_role_unique" unique ("email", "tenant_id", "role");`);

    this.addSql(`alter table "gateway"."pending_membership" add constraint "pending_membership_tenant_id_foreign" foreign key ("tenant_id") references "gateway"."tenant" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "gateway"."pending_membership" cascade;`);
  }

}
