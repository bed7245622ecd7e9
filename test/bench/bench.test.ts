// `npm run bench -- --quick` with small sizes, as a smoke test: the command runs to the end
// and its last lines are `name value unit`, the form scripts read; the figures that depend on
// the Temporal server carry its label (`dev.` here: --quick measures the dev server only unless
// BENCH_SERVERS says otherwise). Nothing here is timed.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const RUN = fileURLToPath(new URL('../../bench/run.ts', import.meta.url));

function runQuick(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [RUN, '--quick'], {
      env: {
        ...process.env,
        BENCH_COMMUNES: '2',
        BENCH_DEPARTMENTS: '1',
        BENCH_DIAGNOSTICS: '10',
        BENCH_REMINDERS: '5',
        BENCH_OPEN_DUTIES: '40',
        BENCH_QUERY_SAMPLE: '5',
        BENCH_READ_MODEL: '500',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run bench -- --quick', () => {
  it(
    'prints progress, then one `name value unit` line per figure',
    { timeout: 600_000 },
    async () => {
      const { code, stdout, stderr } = await runQuick();
      expect(code, stderr).toBe(0);
      const [progress, figures] = stdout.split('== figures ==\n');
      expect(progress).toContain('launching the province');
      const lines = (figures ?? '').trim().split('\n');
      for (const line of lines) {
        expect(line).toMatch(/^([a-z][a-z0-9]*\.)?[a-z][a-z0-9_]* -?\d+(\.\d+)? [^\s]+$/);
      }
      const names = lines.map((l) => l.split(' ')[0]);
      expect(names).toEqual(
        expect.arrayContaining([
          'dev.cycle_launch_vs_raw',
          'dev.cycle_launch_rate',
          'dev.raw_start_rate',
          'dev.raw_start_rate_after',
          'dev.reminder_lateness_p50',
          'dev.reminder_lateness_p99',
          'dev.raw_reminder_lateness_p99',
          'dev.reminder_throughput_vs_raw',
          'dev.worker_rss_40_open_duties',
          'dev.worker_rss_idle',
          'dev.worker_rss_per_1000_cached_duties',
          'dev.duty_history_events_late',
          'matrix_p95',
          'overdue_list_p95',
          'ask_each_vs_overdue_list',
        ]),
      );
    },
  );
});
