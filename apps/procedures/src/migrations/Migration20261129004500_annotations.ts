import { Migration } from '@mikro-orm/migrations';

export class Migration20261129004500_annotations extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "procedures"."procedure_revision" add column "annotations" jsonb not null default '[]';`);
    this.addSql(`alter table "procedures"."procedure_revision" alter column "annotations" drop default;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "procedures"."procedure_revision" drop column "annotations";`);
  }
}
