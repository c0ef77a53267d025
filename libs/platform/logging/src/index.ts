import { trace } from '@opentelemetry/api';
import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger } from 'pino';

/** How long a log line may wait to be written with the next ones. */
const LOG_FLUSH_DELAY_MS = 25;
/** Written at once past this many buffered bytes (sonic-boom writes 16 KiB at most at a time). */
const LOG_BUFFER_BYTES = 8 * 1024;

let stdout: DestinationStream | undefined;

/**
 * Standard output, written in batches: lines gathered for at most 25 ms (or 8 KiB) go out in one
 * write. A write is a system call, and one per line (a request log line per request) cost as much
 * as answering the request. Lines of a process that exits are flushed by pino's exit handler; a
 * process killed outright (SIGKILL) loses at most its last 25 ms of lines. One destination per
 * process, shared by every logger, so lines are never interleaved.
 */
function batchedStdout(): DestinationStream {
  if (stdout) return stdout;
  const sonic = pino.destination({ dest: 1, sync: false, minLength: LOG_BUFFER_BYTES });
  let timer: NodeJS.Timeout | undefined;
  const flush = (): void => {
    timer = undefined;
    sonic.flush();
  };
  stdout = {
    write(line: string): void {
      sonic.write(line);
      if (timer === undefined) {
        timer = setTimeout(flush, LOG_FLUSH_DELAY_MS);
        // Never keeps a process alive: what is left is written at exit.
        timer.unref();
      }
    },
  };
  return stdout;
}

/** JSON logs carrying the service name and, when a span is active, its trace and span ids. */
export function createLogger(service: string, level = 'info'): Logger {
  return pino(
    {
      level,
      base: { service },
      timestamp: pino.stdTimeFunctions.isoTime,
      mixin() {
        const span = trace.getActiveSpan();
        if (!span) return {};
        const { traceId, spanId } = span.spanContext();
        return { traceId, spanId };
      },
      redact: { paths: ['password', '*.password', 'headers.cookie', 'headers.authorization'], censor: '[redacted]' },
    },
    batchedStdout(),
  );
}
