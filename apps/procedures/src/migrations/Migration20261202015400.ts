import { Migration } from '@mikro-orm/migrations';

export class Migration20261202015400 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "group_member_tenant_email_idx" on "procedures"."group_member" ("tenant_id", "account_email");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "procedures"."group_member_tenant_email_idx";`);
  }

}
