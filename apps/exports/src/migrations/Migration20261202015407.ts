import { Migration } from '@mikro-orm/migrations';

export class Migration20261202015407 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "exports"."export_job" add column "group_ids" jsonb null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "exports"."export_job" drop column "group_ids";`);
  }

}
