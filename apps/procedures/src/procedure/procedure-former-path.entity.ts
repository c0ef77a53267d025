import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * A public path a procedure had before its settings moved it (`/commencer/<path>`): the old link
 * keeps answering the procedure, and the path stays reserved to it (no other procedure of any
 * tenant may take it; the procedure itself may take it back, which removes the row).
 */
@Entity({ tableName: 'procedure_former_path' })
@Index({ name: 'procedure_former_path_procedure_idx', properties: ['procedureId'] })
export class ProcedureFormerPath {
  @PrimaryKey({ type: 'text' })
  path!: string;

  @Property({ type: 'uuid' })
  procedureId!: string;

  @Property({ type: 'uuid' })
  tenantId!: string;

  /** When the procedure left this path. */
  @Property({ type: 'timestamptz' })
  retiredAt: Date = new Date();
}
