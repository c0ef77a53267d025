import { Entity, Enum, Index, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { dossierStates, type DossierState } from '@guichet/dossier-state';
import type { FormValues } from '@guichet/forms';
import type { DossierLookup } from '@guichet/contracts';

/**
 * A usager's dossier on a procedure. Values are one JSONB document keyed by field stableId (not one
 * row per value, which is what made DS's exports and API pages slow at scale).
 */
@Entity({ tableName: 'dossier' })
@Index({ name: 'dossier_tenant_procedure_number_idx', properties: ['tenantId', 'procedureId', 'number'] })
@Index({ name: 'dossier_usager_idx', properties: ['usagerAccountId'] })
// The usagers of a procedure's brouillons, by address (the closure e-mails' keyset pages).
@Index({
  name: 'dossier_brouillon_usager_idx',
  expression: `create index "dossier_brouillon_usager_idx" on "dossiers"."dossier" ("tenant_id", "procedure_id", lower("usager_email"), "updated_at" desc) where "state" = 'brouillon'`,
})
// The instructeur's dashboard: tab counts and pages of a procedure, by group (index-only counts:
// the follower count and the id are carried, for « à suivre » and the agent's « suivis »).
@Index({
  name: 'dossier_dashboard_counts_idx',
  expression: `create index "dossier_dashboard_counts_idx" on "dossiers"."dossier" ("tenant_id", "procedure_id", "group_id", "state", "archived", "number") include ("follower_count", "id", "hidden_by_administration_at") where "state" <> 'brouillon'`,
})
// Sorting a procedure's dashboard on a date (keyset pages walk these in order).
@Index({
  name: 'dossier_dashboard_submitted_idx',
  expression: `create index "dossier_dashboard_submitted_idx" on "dossiers"."dossier" ("procedure_id", coalesce("submitted_at", '-infinity'::timestamptz), "number") where "state" <> 'brouillon'`,
})
@Index({
  name: 'dossier_dashboard_updated_idx',
  expression: `create index "dossier_dashboard_updated_idx" on "dossiers"."dossier" ("procedure_id", "updated_at", "number") where "state" <> 'brouillon'`,
})
@Index({
  name: 'dossier_dashboard_decided_idx',
  expression: `create index "dossier_dashboard_decided_idx" on "dossiers"."dossier" ("procedure_id", coalesce("decided_at", '-infinity'::timestamptz), "number") where "state" <> 'brouillon'`,
})
// « expirant » counts: the dossiers past their retention's bound, by the date it runs from, from the
// index alone (what the counts and the agent's scope look at is carried). On the bare dates, whose
// statistics the planner has (it takes none from a partial index's expressions).
@Index({
  name: 'dossier_expiring_construction_idx',
  expression: `create index "dossier_expiring_construction_idx" on "dossiers"."dossier" ("procedure_id", "submitted_at") include ("tenant_id", "group_id", "state", "archived", "follower_count", "hidden_by_administration_at") where "state" = 'en_construction'`,
})
@Index({
  name: 'dossier_expiring_decided_idx',
  expression: `create index "dossier_expiring_decided_idx" on "dossiers"."dossier" ("procedure_id", "decided_at") include ("tenant_id", "group_id", "state", "archived", "follower_count", "hidden_by_administration_at") where "state" in ('accepte', 'refuse', 'sans_suite')`,
})
// « suivis » counts: each dossier an agent follows looked up from the index alone, if it is one the
// tab shows (open, not archived, not hidden).
@Index({
  name: 'dossier_followed_open_idx',
  expression: `create index "dossier_followed_open_idx" on "dossiers"."dossier" ("id") include ("tenant_id", "procedure_id", "group_id", "state") where "state" in ('en_construction', 'en_instruction') and not "archived" and "hidden_by_administration_at" is null`,
})
// The dashboard's full-text search (number, usager, every value; French, accents and case ignored).
@Index({
  name: 'dossier_search_idx',
  expression: `create index "dossier_search_idx" on "dossiers"."dossier" using gin ("search_vector") where "state" <> 'brouillon'`,
})
export class Dossier {
  /** Assigned by PostgreSQL on insert. */
  [OptionalProps]?: 'number' | 'lookups' | 'test' | 'archived' | 'followerCount' | 'searchVector' | 'annotations' | 'annotationUpdatedAt' | 'annotationUpdatedBy' | 'hiddenByAdministrationAt' | 'justificatifFileId' | 'justificatifFileName';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  /** The number usagers and agents quote: one sequence for the whole instance, assigned by PostgreSQL. */
  @Property({ type: 'integer', autoincrement: true })
  @Unique({ name: 'dossier_number_unique' })
  number!: number;

  @Property({ type: 'uuid' })
  tenantId!: string;

  @Property({ type: 'uuid' })
  procedureId!: string;

  /** Copied at creation so lists need no call to the procedures service. */
  @Property({ type: 'text' })
  procedureTitle!: string;

  @Property({ type: 'uuid' })
  revisionId!: string;

  @Enum({ items: () => [...dossierStates], type: 'text' })
  state: DossierState = 'brouillon';

  /**
   * Started through the test link of a procedure in brouillon: filled with the draft form, deleted
   * (with everything other services hold of it) when the procedure is first published.
   */
  @Property({ type: 'boolean', default: false })
  test: boolean = false;

  /** The owner: the account that created the dossier. */
  @Property({ type: 'uuid' })
  usagerAccountId!: string;

  @Property({ type: 'text' })
  usagerEmail!: string;

  @Property({ type: 'text' })
  usagerFirstName!: string;

  @Property({ type: 'text' })
  usagerLastName!: string;

  @Property({ type: 'jsonb' })
  values: FormValues = {};

  /**
   * External lookups of siret / rna / referentiel values (API Entreprise, referentials), keyed by
   * stable id like `values`; an entry applies while its `query` is the field's value.
   */
  @Property({ type: 'jsonb', default: "'{}'" })
  lookups: Record<string, DossierLookup> = {};

  /**
   * Private annotations: the values instructeurs give the revision's annotation fields, keyed by
   * stable id like `values`. Never shown to the usager or to experts. Written one key at a time
   * (a jsonb merge in one UPDATE), so two agents saving different annotations both keep theirs.
   */
  @Property({ type: 'jsonb', default: "'{}'" })
  annotations: FormValues = {};

  /** When an annotation was last saved, and by whom (the agent's e-mail); null until the first one. */
  @Property({ type: 'timestamptz', nullable: true })
  annotationUpdatedAt: Date | null = null;

  @Property({ type: 'text', nullable: true })
  annotationUpdatedBy: string | null = null;

  /** An instructeur asked for a correction and the usager has not answered yet. */
  @Property({ type: 'boolean' })
  correctionPending: boolean = false;

  /** The motivation of the current decision; cleared when the dossier returns to instruction. */
  @Property({ type: 'text', nullable: true })
  motivation: string | null = null;

  /**
   * The file the instructeur joined to the current decision (DS `justificatif_motivation`), checked
   * with documents when the decision was taken, and the name documents stored for it; cleared with
   * the motivation when the dossier returns to instruction.
   */
  @Property({ type: 'uuid', nullable: true })
  justificatifFileId: string | null = null;

  @Property({ type: 'text', nullable: true })
  justificatifFileName: string | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz' })
  updatedAt: Date = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  submittedAt: Date | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null = null;

  /**
   * How many agents follow it, kept by the repository in the same statement as each follow and
   * unfollow (never written from this entity): « à suivre » is `follower_count = 0`, read from the
   * dashboard's index alone instead of joining every follow of the tenant.
   */
  @Property({ type: 'integer', default: 0 })
  followerCount: number = 0;

  /**
   * What the dashboard's full-text search matches (number, usager, every value), computed by
   * PostgreSQL at each write: a search that filters row by row reads it instead of recomputing it.
   * Never loaded (lazy), never written by the application.
   */
  @Property({
    type: 'tsvector',
    nullable: true,
    lazy: true,
    hidden: true,
    generated: 'dossiers.dossier_search_vector(number, usager_first_name, usager_last_name, usager_email, "values") stored',
  })
  searchVector?: string;

  /**
   * Deleted by the administration (DS « supprimé »): a processed dossier an instructeur removed from
   * the lists; it stays in the « supprimés » tab, from which it can be restored. The usager's read is
   * unchanged.
   */
  @Property({ type: 'timestamptz', nullable: true })
  hiddenByAdministrationAt: Date | null = null;

  /** Put away by an instructeur once processed (the « archivés » tab); back in instruction, it comes out. */
  @Property({ type: 'boolean', default: false })
  archived: boolean = false;

  /** The instructor group routing chose at submission; the label is copied so reads need no call. */
  @Property({ type: 'uuid', nullable: true })
  groupId: string | null = null;

  @Property({ type: 'text', nullable: true })
  groupLabel: string | null = null;
}
