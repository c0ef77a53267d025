/** The S3 buckets of this service (created at boot when missing). */
export const buckets = { uploads: 'uploads', attestations: 'attestations' } as const;
export type DocumentsBucket = (typeof buckets)[keyof typeof buckets];
