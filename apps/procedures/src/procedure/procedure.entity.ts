import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import type { AttestationTemplate, DeclarativeMode, MailTemplate, MailTemplateKind, ProcedureClosureReason, ServiceContact, SvaSvrSettings } from '@guichet/contracts';

export type ProcedureState = 'brouillon' | 'publiee' | 'close' | 'depubliee';

/**
 * A démarche of a tenant. Its form lives in revisions: `draftRevisionId` is the one administrators
 * edit, `publishedRevisionId` the one usagers fill in (null until the first publication).
 */
@Entity({ tableName: 'procedure' })
@Index({ name: 'procedure_tenant_idx', properties: ['tenantId', 'createdAt'] })
@Index({ name: 'procedure_public_idx', properties: ['state', 'publishedAt'] })
@Index({ name: 'procedure_deadline_idx', properties: ['state', 'closesAt'] })
export class Procedure {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  tenantId!: string;

  /** Copied at creation so public pages need no call to the gateway. */
  @Property({ type: 'text' })
  tenantName!: string;

  /** The public address (`/commencer/<path>`), unique across the instance. */
  @Property({ type: 'text' })
  @Unique({ name: 'procedure_path_unique' })
  path!: string;

  @Property({ type: 'text' })
  title!: string;

  @Property({ type: 'text' })
  description: string = '';

  @Property({ type: 'text' })
  state: ProcedureState = 'brouillon';

  @Property({ type: 'uuid' })
  draftRevisionId!: string;

  @Property({ type: 'uuid', nullable: true })
  publishedRevisionId: string | null = null;

  /** Only the templates the administrators wrote; the kinds left out use the defaults. */
  @Property({ type: 'jsonb' })
  mailTemplates: Partial<Record<MailTemplateKind, MailTemplate>> = {};

  @Property({ type: 'jsonb' })
  attestationTemplates: AttestationTemplate[] = [];

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz' })
  updatedAt: Date = new Date();

  /** First publication; republishing keeps it (each revision records its own). */
  @Property({ type: 'timestamptz', nullable: true })
  publishedAt: Date | null = null;

  /** The deadline: the sweep closes the procedure once it has passed. */
  @Property({ type: 'timestamptz', nullable: true })
  closesAt: Date | null = null;

  // Settings (see procedureSettingsSchema).

  @Property({ type: 'jsonb', nullable: true })
  serviceContact: ServiceContact | null = null;

  @Property({ type: 'uuid', nullable: true })
  logoFileId: string | null = null;

  @Property({ type: 'text', nullable: true })
  declarativeMode: DeclarativeMode | null = null;

  @Property({ type: 'jsonb', nullable: true })
  svaSvr: SvaSvrSettings | null = null;

  @Property({ type: 'integer', default: 12 })
  retentionMonths: number = 12;

  @Property({ type: 'boolean', default: true })
  expertsAllowed: boolean = true;

  @Property({ type: 'text', default: '' })
  submissionMessage: string = '';

  // Closure: set while the procedure is `close`, cleared when it is republished.

  @Property({ type: 'timestamptz', nullable: true })
  closedAt: Date | null = null;

  @Property({ type: 'text', nullable: true })
  closureReason: ProcedureClosureReason | null = null;

  @Property({ type: 'text', nullable: true })
  closureDetails: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  replacementProcedureId: string | null = null;

  @Property({ type: 'boolean', default: false })
  closedAutomatically: boolean = false;
}
