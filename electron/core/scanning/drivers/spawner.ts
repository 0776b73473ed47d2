import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';

/**
 * Starts scanimage from a small long-lived `/bin/sh` instead of from core itself (issue 18).
 * Node starts a program with fork(): every page of core's memory (hundreds of MB, among them
 * the JPEG encoder's ≈ 22 MB of coefficient buffers per libvips thread) is marked copy-on-write,
 * and the next write to each takes a page fault. After each scan's fork the encoder faulted
 * its buffers back in on every page (≈ 5 700 faults, 60–100 ms on the bench VM, against
 * ≈ 20 ms for the encode itself). The shell is forked from core once; it forks itself, a few
 * hundred kB, for each scan.
 *
 * One command at a time per shell, its stderr (and stdout, when asked for) streamed back; the
 * shell's own lines carry a random marker. A second command while one runs gets a shell of
 * its own for the time being.
 */
export interface Job {
  /** SIGTERM to the command. */
  kill(): void;
}

export interface JobHandlers {
  stderr(chunk: string): void;
  /** given: the command's stdout comes here too (else it goes to /dev/null) */
  stdout?(chunk: string): void;
  /** exit code, or an error when the command could not run at all (code 127: not found) */
  close(code: number | null, error?: Error): void;
}

interface Shell {
  child: ChildProcess;
  busy: boolean;
  marker: string;
  /** the running job's handlers, pid, and exit code once the shell has said it */
  job: (JobHandlers & { pid?: number; killed?: boolean; code?: number; stdoutDone?: boolean }) | null;
}

const shells = new Map<string, Shell>();

/** SIGTERM; the command may have ended by itself a moment ago. */
function terminate(pid: number) {
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    // already gone
  }
}

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * Calls `text` with whatever came on the stream but the marker lines, and `marked` with each
 * marker line's words. Whole lines only, so a marker is never split.
 */
function readLines(stream: NodeJS.ReadableStream, marker: string, text: (chunk: string) => void, marked: (words: string[]) => void) {
  let buffered = '';
  stream.setEncoding('utf8');
  stream.on('data', (d: string) => {
    buffered += d;
    const end = buffered.lastIndexOf('\n');
    if (end < 0) return;
    const lines = buffered.slice(0, end + 1);
    buffered = buffered.slice(end + 1);
    let chunk = '';
    for (const line of lines.split(/(?<=\n)/)) {
      // The command's last line may lack its newline: the marker then ends that line.
      const at = line.indexOf(marker);
      if (at < 0) {
        chunk += line;
        continue;
      }
      chunk += line.slice(0, at);
      if (chunk) text(chunk);
      chunk = '';
      marked(line.slice(at).trim().split(' ').slice(1));
    }
    if (chunk) text(chunk);
  });
}

function startShell(env: NodeJS.ProcessEnv): Shell {
  const child = spawn('/bin/sh', [], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  const shell: Shell = { child, busy: false, marker: `@@medins-${crypto.randomBytes(6).toString('hex')}`, job: null };
  readLines(
    child.stderr!,
    shell.marker,
    (chunk) => shell.job?.stderr(chunk),
    ([what, value]) => {
      const job = shell.job;
      if (!job) return;
      if (what === 'pid') {
        job.pid = Number(value);
        if (job.killed) terminate(job.pid);
      } else if (what === 'exit') {
        job.code = Number(value);
        if (job.stdoutDone) finish(shell);
      }
    },
  );
  // stdout and stderr are two pipes: the job ends once both have said so.
  readLines(
    child.stdout!,
    shell.marker,
    (chunk) => shell.job?.stdout?.(chunk),
    () => {
      const job = shell.job;
      if (!job) return;
      job.stdoutDone = true;
      if (job.code !== undefined) finish(shell);
    },
  );
  const gone = (error: Error) => {
    if (shells.get(keyOf(env)) === shell) shells.delete(keyOf(env));
    const job = shell.job;
    shell.job = null;
    job?.close(null, error);
  };
  child.on('error', gone);
  child.on('exit', () => gone(new Error('scan helper shell exited')));
  child.stdin!.on('error', () => undefined);
  idle(shell);
  return shell;
}

function finish(shell: Shell) {
  const job = shell.job!;
  const code = job.code!;
  shell.job = null;
  shell.busy = false;
  idle(shell);
  if (code === 127) job.close(null, Object.assign(new Error('command not found'), { code: 'ENOENT' }));
  else job.close(code);
}

/** An idle shell does not keep the process alive; a running command does. */
function idle(shell: Shell) {
  shell.child.unref();
  for (const stream of [shell.child.stdin, shell.child.stdout, shell.child.stderr]) (stream as unknown as { unref(): void }).unref();
}
function busy(shell: Shell) {
  shell.child.ref();
  for (const stream of [shell.child.stdin, shell.child.stdout, shell.child.stderr]) (stream as unknown as { ref(): void }).ref();
}

const keyOf = (env: NodeJS.ProcessEnv) => JSON.stringify(Object.entries(env).sort(([a], [b]) => (a < b ? -1 : 1)));

/** Runs `command args` (stdin closed) and streams its stderr, and its stdout if asked. */
export function runInShell(command: string, args: string[], env: NodeJS.ProcessEnv, handlers: JobHandlers): Job {
  const key = keyOf(env);
  let shell = shells.get(key);
  let own = false;
  if (!shell) {
    shell = startShell(env);
    shells.set(key, shell);
  } else if (shell.busy) {
    shell = startShell(env);
    own = true;
  }
  const s = shell;
  s.busy = true;
  const job: NonNullable<Shell['job']> = {
    stderr: handlers.stderr,
    stdout: handlers.stdout,
    close: (code, error) => {
      if (own) s.child.stdin!.end();
      handlers.close(code, error);
    },
  };
  s.job = job;
  busy(s);
  const line = [command, ...args].map(quote).join(' ');
  // `wait`'s own stderr is dropped: the shell's "Terminated" after a kill is not the scanner's word.
  const out = handlers.stdout ? '' : ' >/dev/null';
  s.child.stdin!.write(`${line} </dev/null${out} & echo "${s.marker} pid $!" >&2; wait $! 2>/dev/null; echo "${s.marker} exit $?" >&2; echo "${s.marker} end"\n`);
  return {
    kill() {
      // Once it has ended, the shell may be running someone else's command.
      if (s.job !== job) return;
      job.killed = true;
      if (job.pid) terminate(job.pid);
    },
  };
}
