import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import type { ErrorCode, filePurposes } from '@guichet/contracts';

export type FilePurpose = (typeof filePurposes)[number];
export type StoredFileStatus = 'pending' | 'safe' | 'rejected';

/**
 * A file a client uploads straight to S3 with a presigned PUT. It stays `pending` until the owner
 * confirms it and the stored bytes pass the checks (`safe`), else it is deleted and `rejected`.
 */
@Entity({ tableName: 'stored_file' })
@Index({ name: 'stored_file_owner_idx', properties: ['ownerAccountId', 'createdAt'] })
@Index({ name: 'stored_file_tenant_dossier_idx', properties: ['tenantId', 'dossierId'] })
export class StoredFile {
  [OptionalProps]?: 'status' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  /** The dossier's tenant, or the uploading agent's; null for an usager's file outside any dossier. */
  @Property({ type: 'uuid', nullable: true })
  tenantId: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  dossierId: string | null = null;

  @Property({ type: 'uuid' })
  ownerAccountId!: string;

  @Property({ type: 'text' })
  purpose!: FilePurpose;

  @Property({ type: 'text' })
  fileName!: string;

  /** As declared by the client until confirmation, then the type the bytes show. */
  @Property({ type: 'text' })
  mimeType!: string;

  /** As declared until confirmation, then the stored size. */
  @Property({ type: 'integer' })
  size!: number;

  /** The key in the `uploads` bucket. */
  @Property({ type: 'text' })
  objectKey!: string;

  @Property({ type: 'text' })
  status: StoredFileStatus = 'pending';

  /** Why the stored bytes were refused, answered again if the owner confirms a second time. */
  @Property({ type: 'text', nullable: true })
  rejectionCode: ErrorCode | null = null;

  @Property({ type: 'text', nullable: true })
  rejectionMessage: string | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  confirmedAt: Date | null = null;
}
