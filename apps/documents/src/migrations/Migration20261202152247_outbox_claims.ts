import { Migration } from '@mikro-orm/migrations';

export class Migration20261202152247_outbox_claims extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "documents"."outbox_event" add column "claimed_until" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "documents"."outbox_event" drop column "claimed_until";`);
  }

}
