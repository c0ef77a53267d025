import { Migration } from '@mikro-orm/migrations';

export class Migration20261202050525_annotations extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "dossiers"."dossier" add column "annotations" jsonb not null default '{}', add column "annotation_updated_at" timestamptz null, add column "annotation_updated_by" text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "dossiers"."dossier" drop column "annotations", drop column "annotation_updated_at", drop column "annotation_updated_by";`);
  }

}
