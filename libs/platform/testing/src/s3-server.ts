import { createServer, type Server } from 'node:http';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import S3rver from 's3rver';
import { listen } from './net';

/** The buckets of the architecture (section 7). */
export const DEFAULT_BUCKETS = ['uploads', 'attestations', 'exports'] as const;

/** Keys s3rver accepts (it checks signatures made with them). */
export const S3RVER_CREDENTIALS = { accessKey: 'S3RVER', secretKey: 'S3RVER' } as const;

// Browsers upload with presigned PUTs straight to the S3 server from the web app's origin, so
// every bucket allows cross-origin requests; s3rver refuses them otherwise.
const PERMISSIVE_CORS = `<CORSConfiguration>
  <CORSRule>
    <AllowedOrigin>*</AllowedOrigin>
    <AllowedMethod>GET</AllowedMethod>
    <AllowedMethod>PUT</AllowedMethod>
    <AllowedMethod>POST</AllowedMethod>
    <AllowedMethod>HEAD</AllowedMethod>
    <AllowedMethod>DELETE</AllowedMethod>
    <AllowedHeader>*</AllowedHeader>
    <ExposeHeader>ETag</ExposeHeader>
    <MaxAgeSeconds>3000</MaxAgeSeconds>
  </CORSRule>
</CORSConfiguration>`;

export interface LocalS3StartOptions {
  /** 0 picks a free port (default). */
  port?: number;
  host?: string;
  /** Where objects are stored; default a fresh temporary directory, deleted by stop(). */
  directory?: string;
  /** Buckets that exist once started (default: uploads, attestations, exports). */
  buckets?: readonly string[];
}

export interface LocalS3Endpoint {
  host: string;
  port: number;
  /** http://host:port */
  url: string;
  useSSL: false;
  accessKey: string;
  secretKey: string;
  region: string;
  directory: string;
  buckets: string[];
}

/**
 * An S3-compatible server (s3rver) in this process, for `npm start` and tests. Production uses MinIO
 * through the same client. Note: s3rver does not check presigned URL signatures or expiry.
 */
export class LocalS3Server {
  private server: Server | undefined;
  private s3rver: S3rver | undefined;
  private info: LocalS3Endpoint | undefined;
  private temporaryDirectory: string | undefined;

  get endpoint(): LocalS3Endpoint {
    if (!this.info) throw new Error('LocalS3Server is not started');
    return this.info;
  }

  async start(options: LocalS3StartOptions = {}): Promise<LocalS3Endpoint> {
    if (this.server) throw new Error('LocalS3Server already started');
    const host = options.host ?? '127.0.0.1';
    const buckets = [...(options.buckets ?? DEFAULT_BUCKETS)];
    let directory: string;
    if (options.directory) {
      directory = resolve(options.directory);
      await mkdir(directory, { recursive: true });
    } else {
      directory = await mkdtemp(join(tmpdir(), 'guichet-s3-'));
      this.temporaryDirectory = directory;
    }
    const s3rver = new S3rver({
      silent: true,
      directory,
      // Path-style only (as clients are configured), whatever host name the request uses.
      vhostBuckets: false,
      configureBuckets: buckets.map((name) => ({ name, configs: [PERMISSIVE_CORS] })),
    });
    // s3rver's own run() crashes the process when the port is taken; listening here reports it.
    const server = createServer(s3rver.callback());
    try {
      await s3rver.configureBuckets();
      const port = await listen(server, options.port ?? 0, host);
      this.server = server;
      this.s3rver = s3rver;
      this.info = {
        host,
        port,
        url: `http://${host}:${port}`,
        useSSL: false,
        accessKey: S3RVER_CREDENTIALS.accessKey,
        secretKey: S3RVER_CREDENTIALS.secretKey,
        region: 'us-east-1',
        directory,
        buckets,
      };
      return this.info;
    } catch (error) {
      s3rver.logger.close();
      await this.removeTemporaryDirectory();
      throw new Error(`S3 server could not start: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  }

  async stop(): Promise<void> {
    const server = this.server;
    const s3rver = this.s3rver;
    this.server = undefined;
    this.s3rver = undefined;
    this.info = undefined;
    if (server) {
      await new Promise<void>((resolveClose) => {
        server.close(() => resolveClose());
        server.closeAllConnections();
      });
    }
    s3rver?.logger.close();
    await this.removeTemporaryDirectory();
  }

  private async removeTemporaryDirectory(): Promise<void> {
    if (!this.temporaryDirectory) return;
    const directory = this.temporaryDirectory;
    this.temporaryDirectory = undefined;
    await rm(directory, { recursive: true, force: true });
  }
}
