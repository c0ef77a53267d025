// Test and local-infrastructure helpers. Node only: no NestJS, nothing a service ships with.
export { waitFor, expectEventually, StopWaitingError, WaitTimeoutError, type WaitOptions } from './wait';
export { SmtpSink, type SinkMessage, type SinkAttachment, type SmtpSinkStartOptions } from './smtp-sink';
export { SmtpSinkClient } from './smtp-sink-client';
export { LocalS3Server, DEFAULT_BUCKETS, S3RVER_CREDENTIALS, type LocalS3Endpoint, type LocalS3StartOptions } from './s3-server';
export { extractPdfText } from './pdf-text';
export {
  startProcess,
  runProcess,
  waitForHttp,
  killAllProcessesSync,
  readLogTail,
  ProcessExitedError,
  type ProcessHandle,
  type ProcessExit,
  type StartProcessOptions,
  type WaitForHttpOptions,
} from './processes';
export { isPortOpen, freePort, listen } from './net';
export { testInfra, withDatabase, databaseExists, ensureDatabase, dropDatabase, createTempDatabase, type TempDatabase } from './postgres';
export * from './otlp-receiver';
