// S3 object storage for services (Node only): the minio client, presigned URLs, streamed uploads, Nest module.
export { ObjectStorage, DEFAULT_PART_BYTES, s3ErrorCode, publicEndpoint, type ObjectStat, type ObjectStorageOptions, type PresignedUrl } from './object-storage';
export { attachmentDisposition } from './content-disposition';
export { StorageModule, objectStorageProvider } from './storage.module';
