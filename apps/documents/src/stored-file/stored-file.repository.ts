import type { RequiredEntityData } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { StoredFile } from './stored-file.entity';

/**
 * Data access for uploaded files. A file is reached either through its owner's account or through
 * its tenant: both are parameters, so no query can cross from one owner or tenant to another.
 */
@Injectable()
export class StoredFileRepository {
  constructor(@Inject(EntityManager) private readonly em: EntityManager) {}

  findOwnedBy(accountId: string, fileId: string): Promise<StoredFile | null> {
    return this.em.findOne(StoredFile, { id: fileId, ownerAccountId: accountId });
  }

  findInTenant(tenantId: string, fileId: string): Promise<StoredFile | null> {
    return this.em.findOne(StoredFile, { id: fileId, tenantId });
  }

  /** Persisted at the next flush. */
  create(data: RequiredEntityData<StoredFile>): StoredFile {
    return this.em.create(StoredFile, data);
  }

  async flush(): Promise<void> {
    await this.em.flush();
  }
}
