/** The S3 buckets of this service (created at boot when missing). */
export const buckets = { exports: 'exports' } as const;
export type ExportsBucket = (typeof buckets)[keyof typeof buckets];
