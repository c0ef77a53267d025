import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

export type MessageAuthorRole = 'usager' | 'instructeur' | 'expert' | 'system';

/** A message (DS `commentaire`) in a dossier's thread between the usager and the administration. */
@Entity({ tableName: 'message' })
@Index({ name: 'message_dossier_idx', properties: ['tenantId', 'dossierId', 'createdAt'] })
export class Message {
  [OptionalProps]?: 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  /** The dossier's tenant: every read is scoped by it. */
  @Property({ type: 'uuid' })
  tenantId!: string;

  @Property({ type: 'uuid' })
  dossierId!: string;

  @Property({ type: 'text' })
  body!: string;

  @Property({ type: 'uuid', nullable: true })
  authorAccountId: string | null = null;

  @Property({ type: 'text' })
  authorEmail!: string;

  @Property({ type: 'text' })
  authorRole!: MessageAuthorRole;

  @Property({ type: 'uuid', nullable: true })
  attachmentFileId: string | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
