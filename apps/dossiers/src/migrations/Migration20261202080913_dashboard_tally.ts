import { Migration } from '@mikro-orm/migrations';

export class Migration20261202080913_dashboard_tally extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "dossiers"."dashboard_tally" ("id" bigserial primary key, "tenant_id" uuid not null, "procedure_id" uuid not null, "group_id" uuid null, "state" text not null, "archived" boolean not null, "unfollowed" boolean not null, "hidden" boolean not null, "delta" boolean not null, "n" int not null);`);
    this.addSql(`create index "dashboard_tally_delta_idx" on "dossiers"."dashboard_tally" ("id") where "delta";`);
    this.addSql(`create index "dashboard_tally_scope_idx" on "dossiers"."dashboard_tally" ("tenant_id", "procedure_id", "group_id") include ("state", "archived", "unfollowed", "hidden", "n");`);
    this.addSql(`create unique index "dashboard_tally_total_key" on "dossiers"."dashboard_tally" ("tenant_id", "procedure_id", "group_id", "state", "archived", "unfollowed", "hidden") nulls not distinct where not "delta";`);

    // Every change of what the dashboard's tabs look at appends -1 for the old key and +1 for the
    // new one, in the writer's transaction (no shared counter row: concurrent filings never wait).
    this.addSql(`create function "dossiers"."dashboard_tally_count"() returns trigger language plpgsql as $$
begin
  if tg_op = 'UPDATE'
     and (old.tenant_id, old.procedure_id, old.group_id, old.state, old.archived, old.follower_count = 0, old.hidden_by_administration_at is not null)
         is not distinct from
         (new.tenant_id, new.procedure_id, new.group_id, new.state, new.archived, new.follower_count = 0, new.hidden_by_administration_at is not null) then
    return null;
  end if;
  if tg_op <> 'INSERT' and old.state <> 'brouillon' then
    insert into "dossiers"."dashboard_tally" (tenant_id, procedure_id, group_id, state, archived, unfollowed, hidden, delta, n)
    values (old.tenant_id, old.procedure_id, old.group_id, old.state, old.archived, old.follower_count = 0, old.hidden_by_administration_at is not null, true, -1);
  end if;
  if tg_op <> 'DELETE' and new.state <> 'brouillon' then
    insert into "dossiers"."dashboard_tally" (tenant_id, procedure_id, group_id, state, archived, unfollowed, hidden, delta, n)
    values (new.tenant_id, new.procedure_id, new.group_id, new.state, new.archived, new.follower_count = 0, new.hidden_by_administration_at is not null, true, 1);
  end if;
  return null;
end
$$;`);
    this.addSql(`create trigger "dossier_dashboard_tally" after insert or delete or update of tenant_id, procedure_id, group_id, state, archived, follower_count, hidden_by_administration_at on "dossiers"."dossier" for each row execute function "dossiers"."dashboard_tally_count"();`);
    // Folds up to max_rows delta rows into their keys' totals; one compactor at a time (two would
    // update the same totals in different orders). Returns the number of delta rows folded.
    this.addSql(`create function "dossiers"."dashboard_tally_compact"(max_rows int) returns int language plpgsql as $$
declare folded int;
begin
  if not pg_try_advisory_xact_lock(hashtext('dossiers.dashboard_tally_compact')) then
    return 0;
  end if;
  with gone as (
    delete from "dossiers"."dashboard_tally" t
    where t.id in (select id from "dossiers"."dashboard_tally" where delta order by id limit max_rows for update skip locked)
    returning tenant_id, procedure_id, group_id, state, archived, unfollowed, hidden, n
  ), sums as (
    select tenant_id, procedure_id, group_id, state, archived, unfollowed, hidden, sum(n)::int as n, count(*)::int as rows
    from gone group by tenant_id, procedure_id, group_id, state, archived, unfollowed, hidden
  ), merged as (
    insert into "dossiers"."dashboard_tally" as t (tenant_id, procedure_id, group_id, state, archived, unfollowed, hidden, delta, n)
    select tenant_id, procedure_id, group_id, state, archived, unfollowed, hidden, false, n from sums where n <> 0
    on conflict (tenant_id, procedure_id, group_id, state, archived, unfollowed, hidden) where not delta
    do update set n = t.n + excluded.n
    returning 1
  )
  select coalesce(sum(rows), 0)::int into folded from sums;
  return folded;
end
$$;`);
    // The dossiers filed so far, counted while no one changes them.
    this.addSql(`lock table "dossiers"."dossier" in share mode;`);
    this.addSql(`insert into "dossiers"."dashboard_tally" (tenant_id, procedure_id, group_id, state, archived, unfollowed, hidden, delta, n)
select tenant_id, procedure_id, group_id, state, archived, follower_count = 0, hidden_by_administration_at is not null, false, count(*)::int
from "dossiers"."dossier" where state <> 'brouillon'
group by tenant_id, procedure_id, group_id, state, archived, follower_count = 0, hidden_by_administration_at is not null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger "dossier_dashboard_tally" on "dossiers"."dossier";`);
    this.addSql(`drop function "dossiers"."dashboard_tally_count"();`);
    this.addSql(`drop function "dossiers"."dashboard_tally_compact"(int);`);
    this.addSql(`drop table if exists "dossiers"."dashboard_tally" cascade;`);
  }

}
