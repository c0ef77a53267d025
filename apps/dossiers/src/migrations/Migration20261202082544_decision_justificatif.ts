import { Migration } from '@mikro-orm/migrations';

export class Migration20261202082544_decision_justificatif extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "dossiers"."dossier" add column "justificatif_file_id" uuid null, add column "justificatif_file_name" text null;`);

    this.addSql(`alter table "dossiers"."traitement" add column "justificatif_file_id" uuid null, add column "justificatif_file_name" text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "dossiers"."dossier" drop column "justificatif_file_id", drop column "justificatif_file_name";`);

    this.addSql(`alter table "dossiers"."traitement" drop column "justificatif_file_id", drop column "justificatif_file_name";`);
  }

}
