import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import type { FieldDefinition } from '@guichet/contracts';

/**
 * One version of a procedure's form. A published revision never changes again: dossiers filed on it
 * keep reading it. Fields keep their `stableId` from one revision to the next.
 */
@Entity({ tableName: 'procedure_revision' })
@Index({ name: 'procedure_revision_procedure_idx', properties: ['procedureId', 'createdAt'] })
export class ProcedureRevision {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  procedureId!: string;

  @Property({ type: 'uuid' })
  tenantId!: string;

  @Property({ type: 'jsonb' })
  fields: FieldDefinition[] = [];

  /** Private annotations (instructeurs only), validated with the fields. */
  @Property({ type: 'jsonb' })
  annotations: FieldDefinition[] = [];

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  publishedAt: Date | null = null;
}
