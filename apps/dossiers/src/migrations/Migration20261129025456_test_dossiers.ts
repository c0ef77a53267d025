import { Migration } from '@mikro-orm/migrations';

export class Migration20261129025456_test_dossiers extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "dossiers"."dossier" add column "test" boolean not null default false;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "dossiers"."dossier" drop column "test";`);
  }

}
