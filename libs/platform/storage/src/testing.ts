// Test helpers for services that use S3 (Node only, test code only: it starts s3rver).
import { Client } from 'minio';
import { LocalS3Server, type LocalS3Endpoint } from '@guichet/platform-testing';

/** The S3_* environment that points a service at `s3`, with presigned URLs signed for `publicUrl`. */
export function s3EnvFor(s3: LocalS3Endpoint, publicUrl?: string): Record<string, string> {
  return {
    S3_ENDPOINT: s3.host,
    S3_PORT: String(s3.port),
    S3_USE_SSL: 'false',
    S3_ACCESS_KEY: s3.accessKey,
    S3_SECRET_KEY: s3.secretKey,
    S3_REGION: s3.region,
    ...(publicUrl === undefined ? {} : { S3_PUBLIC_URL: publicUrl }),
  };
}

/** A client of `s3` of its own, for tests to look at (or tamper with) what a service stored. */
export function s3ClientFor(s3: LocalS3Endpoint): Client {
  return new Client({ endPoint: s3.host, port: s3.port, useSSL: false, accessKey: s3.accessKey, secretKey: s3.secretKey, region: s3.region, pathStyle: true });
}

/** What a test harness offers about the S3 server of the service under test. */
export interface LocalS3Access {
  s3: LocalS3Endpoint;
  /** Direct S3 access, to look at what the service stored. */
  minio: Client;
  /** Host:port the presigned URLs must point at (S3_PUBLIC_URL). */
  publicHost: string;
}

export interface ServiceOnLocalS3<T> extends LocalS3Access {
  /** What `start` returned. */
  service: T;
  /** Stops the service, then the S3 server. */
  stop(): Promise<void>;
}

/**
 * Starts an S3 server without buckets (so the service must create its own), then the service with
 * the S3_* environment of that server. Presigned URLs are signed for `localhost:<port>`, another
 * host than the endpoint's 127.0.0.1, so tests see that S3_PUBLIC_URL is used. The S3 server is
 * stopped when the service fails to start.
 */
export async function startWithLocalS3<T extends { stop(): Promise<void> }>(start: (s3Env: Record<string, string>) => Promise<T>): Promise<ServiceOnLocalS3<T>> {
  const server = new LocalS3Server();
  const s3 = await server.start({ buckets: [] });
  const publicHost = `localhost:${String(s3.port)}`;
  let service: T;
  try {
    service = await start(s3EnvFor(s3, `http://${publicHost}`));
  } catch (error) {
    await server.stop();
    throw error;
  }
  return {
    service,
    s3,
    minio: s3ClientFor(s3),
    publicHost,
    async stop() {
      try {
        await service.stop();
      } finally {
        await server.stop();
      }
    },
  };
}
