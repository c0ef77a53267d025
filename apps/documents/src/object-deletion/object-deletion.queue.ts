import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import type { DocumentsBucket } from '../buckets';
import { ObjectDeletion } from './object-deletion.entity';

/**
 * Schedules the deletion of S3 objects in the caller's unit of work: they are removed only if the
 * caller's transaction commits (the sweeper is kicked right after the commit).
 */
export function queueObjectDeletions(em: EntityManager, objects: readonly { bucket: DocumentsBucket; objectKey: string }[], reason: string): void {
  for (const object of objects) {
    em.create(ObjectDeletion, { id: randomUUID(), bucket: object.bucket, objectKey: object.objectKey, reason });
  }
}
