import { Migration } from '@mikro-orm/migrations';

export class Migration20261202152219_outbox_claims extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "gateway"."outbox_event" add column "claimed_until" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "gateway"."outbox_event" drop column "claimed_until";`);
  }

}
