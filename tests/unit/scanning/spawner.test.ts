import { describe, expect, it } from 'vitest';
import { runInShell, type Job } from '../../../electron/core/scanning/drivers/spawner';

function run(command: string, args: string[], onJob: (job: Job) => void = () => undefined): Promise<{ code: number | null; error?: Error; stderr: string }> {
  return new Promise((resolve) => {
    let stderr = '';
    const job = runInShell(command, args, process.env, { stderr: (d) => (stderr += d), close: (code, error) => resolve({ code, error, stderr }) });
    onJob(job);
  });
}

describe('scanimage started from a helper shell (issue 18: core is not forked per scan)', () => {
  it('runs the command with its arguments as given, streams its stderr and reports its exit code', async () => {
    const r = await run('/bin/sh', ['-c', 'printf "%s|" "$@" >&2; echo >&2; exit 3', 'sh', "it's", 'a b', '$HOME', '--batch=/tmp/p%d.tif']);
    expect(r).toEqual({ code: 3, error: undefined, stderr: "it's|a b|$HOME|--batch=/tmp/p%d.tif|\n" });
  });

  it('passes stdout on when asked, and ends a last line that has no newline', async () => {
    const r = await new Promise<{ out: string; err: string; code: number | null }>((resolve) => {
      let out = '';
      let err = '';
      runInShell('/bin/sh', ['-c', 'printf "device one\\ndevice two"; printf "no newline" >&2'], process.env, { stdout: (d) => (out += d), stderr: (d) => (err += d), close: (code) => resolve({ out, err, code }) });
    });
    expect(r).toEqual({ out: 'device one\ndevice two', err: 'no newline', code: 0 });
    expect((await run('/bin/sh', ['-c', 'echo to-dev-null'])).stderr).toBe('');
  });

  it('starts every command from the same shell, not from this process', async () => {
    const parent = async () => Number((await run('/bin/sh', ['-c', 'echo $PPID >&2'])).stderr);
    const first = await parent();
    expect(first).not.toBe(process.pid);
    expect(await parent()).toBe(first);
  });

  it('kill ends the command; a missing command is an ENOENT error', async () => {
    const killed = await run('/bin/sh', ['-c', 'echo started >&2; exec sleep 30'], (job) => setTimeout(() => job.kill(), 200));
    expect(killed.code).toBe(143);
    expect(killed.stderr).toBe('started\n');
    const missing = await run('/nonexistent/scanimage', ['-L']);
    expect((missing.error as NodeJS.ErrnoException).code).toBe('ENOENT');
  });

  it('a second command while one runs gets a shell of its own', async () => {
    const slow = run('/bin/sh', ['-c', 'sleep 0.3; echo slow >&2']);
    const quick = await run('/bin/sh', ['-c', 'echo quick >&2']);
    expect(quick.stderr).toBe('quick\n');
    expect((await slow).stderr).toBe('slow\n');
  });
});
