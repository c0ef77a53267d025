import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, closeSync, createWriteStream, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { StopWaitingError, waitFor } from './wait';

export interface StartProcessOptions {
  /** Names the log file (.tmp/logs/<name>.log) and error messages. */
  name: string;
  command: string;
  args?: string[];
  /** Added to (not replacing) the parent's environment; an undefined value removes a variable. */
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** Default `.tmp/logs/<name>.log` under cwd. Appended to, with a header line per start. */
  logFile?: string;
  /** Also copy the output to this process's stdout (short-lived tools such as migrations). */
  echo?: boolean;
}

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ProcessHandle {
  readonly name: string;
  readonly pid: number;
  readonly logFile: string;
  /** Resolves once the process has exited (never rejects). */
  readonly exited: Promise<ProcessExit>;
  /** Undefined while it runs. */
  readonly exitInfo: ProcessExit | undefined;
  /** Sends `signal` (default SIGTERM), waits up to `timeoutMs` (default 10 s), then SIGKILLs. */
  stop(signal?: NodeJS.Signals, options?: { timeoutMs?: number }): Promise<ProcessExit>;
  /** SIGKILL, as a crash would; resolves when it is gone. */
  kill(): Promise<ProcessExit>;
  /** The last lines of the log, for error messages. */
  logTail(lines?: number): string;
}

// Children still running, so a crash of this process can take them down (see killAllProcessesSync).
const running = new Set<ChildProcess>();
let exitHookInstalled = false;

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    // Children lead their own process group: signalling the group also reaches anything they spawned.
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // Already gone.
    }
  }
}

/** SIGKILLs every child started by startProcess that is still running. Synchronous, for exit hooks. */
export function killAllProcessesSync(): void {
  for (const child of running) signalGroup(child, 'SIGKILL');
}

export function readLogTail(file: string, lines = 40): string {
  try {
    // Only the end of the file matters; a service log can be large.
    const size = statSync(file).size;
    const length = Math.min(size, 64 * 1024);
    const buffer = Buffer.alloc(length);
    const fd = openSync(file, 'r');
    try {
      readSync(fd, buffer, 0, length, size - length);
    } finally {
      closeSync(fd);
    }
    return buffer.toString('utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/**
 * Starts a long-running child (a service, a server) with its output in a log file. The child runs
 * in its own process group so Ctrl-C in a terminal reaches only the supervisor, which then stops
 * children in order; stop() and kill() reach the whole group.
 */
export function startProcess(options: StartProcessOptions): ProcessHandle {
  const cwd = options.cwd ?? process.cwd();
  const logFile = resolve(cwd, options.logFile ?? join('.tmp', 'logs', `${options.name}.log`));
  mkdirSync(dirname(logFile), { recursive: true });
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const [key, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  const header = `\n=== ${new Date().toISOString()} ${options.command} ${(options.args ?? []).join(' ')}\n`;

  let child: ChildProcess;
  if (options.echo) {
    const log = createWriteStream(logFile, { flags: 'a' });
    log.write(header);
    child = spawn(options.command, options.args ?? [], { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    for (const stream of [child.stdout, child.stderr]) {
      stream?.on('data', (chunk: Buffer) => {
        log.write(chunk);
        process.stdout.write(chunk);
      });
    }
    child.once('close', () => log.end());
  } else {
    // The child writes straight into the file: its output costs nothing here and survives this process.
    appendFileSync(logFile, header);
    const fd = openSync(logFile, 'a');
    try {
      child = spawn(options.command, options.args ?? [], { cwd, env, detached: true, stdio: ['ignore', fd, fd] });
    } finally {
      closeSync(fd);
    }
  }

  let exitInfo: ProcessExit | undefined;
  const exited = new Promise<ProcessExit>((resolveExit) => {
    // With piped output, wait for the pipes to drain too, so the last lines are not lost.
    child.once(options.echo ? 'close' : 'exit', (code: number | null, signal: NodeJS.Signals | null) => {
      if (exitInfo) return;
      exitInfo = { code, signal };
      running.delete(child);
      resolveExit(exitInfo);
    });
    child.once('error', (error) => {
      // A spawn failure (command not found) emits no 'exit'.
      if (exitInfo) return;
      exitInfo = { code: -1, signal: null };
      running.delete(child);
      try {
        appendFileSync(logFile, `could not start ${options.command}: ${error.message}\n`);
      } catch {
        // The log is a convenience; the exit info already tells the caller.
      }
      resolveExit(exitInfo);
    });
  });
  if (child.pid !== undefined) running.add(child);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', killAllProcessesSync);
  }

  const handle: ProcessHandle = {
    name: options.name,
    pid: child.pid ?? -1,
    logFile,
    exited,
    get exitInfo() {
      return exitInfo;
    },
    async stop(signal: NodeJS.Signals = 'SIGTERM', stopOptions: { timeoutMs?: number } = {}) {
      if (exitInfo) return exitInfo;
      signalGroup(child, signal);
      const timeoutMs = stopOptions.timeoutMs ?? 10_000;
      // An unreferenced timer: a child that exits at once must not keep this process alive for timeoutMs.
      const result = await Promise.race([exited, sleep(timeoutMs, undefined, { ref: false })]);
      if (result) return result;
      signalGroup(child, 'SIGKILL');
      return exited;
    },
    async kill() {
      signalGroup(child, 'SIGKILL');
      return exited;
    },
    logTail(lines = 40) {
      return readLogTail(logFile, lines);
    },
  };
  return handle;
}

/**
 * Runs a command to completion (a migration, a seed) and rejects, with the end of its log, when it
 * fails. Aborting the signal stops it.
 */
export async function runProcess(options: StartProcessOptions & { signal?: AbortSignal }): Promise<void> {
  const { signal, ...startOptions } = options;
  signal?.throwIfAborted();
  const child = startProcess(startOptions);
  const onAbort = (): void => void child.stop();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const { code, signal: exitSignal } = await child.exited;
    signal?.throwIfAborted();
    if (code !== 0) {
      throw new Error(`${options.name} failed (${exitSignal ?? `exit code ${code}`}). Last lines of ${child.logFile}:\n${child.logTail()}`);
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}

export class ProcessExitedError extends StopWaitingError {
  override name = 'ProcessExitedError';
}

export interface WaitForHttpOptions {
  timeoutMs?: number;
  intervalMs?: number;
  /** Give up early (with the log tail) when this process exits before the URL answers. */
  process?: ProcessHandle;
  signal?: AbortSignal;
}

/** Polls a URL until it answers 200. */
export async function waitForHttp(url: string, options: WaitForHttpOptions = {}): Promise<void> {
  const { timeoutMs = 30_000, intervalMs = 100, process: child, signal } = options;
  let lastStatus = 'no answer';
  try {
    await waitFor(
      async () => {
        if (child?.exitInfo) {
          const { code, signal: exitSignal } = child.exitInfo;
          throw new ProcessExitedError(
            `${child.name} exited (${exitSignal ?? `code ${code}`}) before ${url} answered. Last lines of ${child.logFile}:\n${child.logTail()}`,
          );
        }
        try {
          const response = await fetch(url, { signal: AbortSignal.timeout(Math.max(1_000, Math.min(5_000, timeoutMs))) });
          await response.body?.cancel();
          lastStatus = `HTTP ${response.status}`;
          return response.status === 200;
        } catch (error) {
          lastStatus = error instanceof Error ? error.message : String(error);
          return false;
        }
      },
      { timeoutMs, intervalMs, description: url, ...(signal ? { signal } : {}) },
    );
  } catch (error) {
    if (error instanceof ProcessExitedError || signal?.aborted) throw error;
    const tail = child ? `\nLast lines of ${child.logFile}:\n${child.logTail()}` : '';
    throw new Error(`${url} did not answer 200 within ${timeoutMs} ms (last: ${lastStatus})${tail}`);
  }
}
