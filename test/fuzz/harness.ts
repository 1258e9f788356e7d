/**
 * The fuzz harness: feeds cases to a worker one at a time and sorts the answers into internal errors,
 * crashes (the worker died), hangs (no answer within the time allowed) and silently lost rows.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { corpusQueries, type FuzzCase, fuzzCases } from './cases.js';
import type { WorkerAnswer } from './worker.js';

export interface Finding {
  readonly id: string;
  readonly mutation: string;
  readonly what: 'internal error' | 'crash' | 'hang' | 'lost rows';
  readonly detail: string;
  /** The query, or the file's name, to reproduce it. */
  readonly input: string;
}

export interface FuzzReport {
  readonly cases: number;
  readonly queries: number;
  readonly files: number;
  readonly findings: Finding[];
}

export interface FuzzOptions {
  readonly seed: number;
  readonly count: number;
  /** Seconds one case may take before it counts as a hang. */
  readonly timeoutSeconds?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

const WORKER = new URL('./worker-entry.mjs', import.meta.url);

function startWorker(): Worker {
  return new Worker(WORKER, { resourceLimits: { maxOldGenerationSizeMb: 3072 } });
}

export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const timeoutMs = (options.timeoutSeconds ?? 30) * 1000;
  const dir = mkdtempSync(join(tmpdir(), 'kqlx-fuzz-'));
  const findings: Finding[] = [];
  let worker = startWorker();
  let queries = 0;
  let files = 0;
  let done = 0;
  try {
    for (const c of fuzzCases(options.seed, options.count, corpusQueries())) {
      const answer = await ask(worker, c, dir, timeoutMs);
      if (c.kind === 'query') queries++;
      else files++;
      const input = c.kind === 'query' ? c.query : `${c.name} (${c.bytes.length} bytes)`;
      if (answer.outcome === 'crash' || answer.outcome === 'hang') {
        await worker.terminate();
        worker = startWorker();
        findings.push({ id: c.id, mutation: c.mutation, what: answer.outcome, detail: answer.detail, input });
      } else if (answer.outcome === 'internal' || answer.outcome === 'lost') {
        findings.push({ id: c.id, mutation: c.mutation, what: answer.outcome === 'internal' ? 'internal error' : 'lost rows', detail: answer.detail, input });
      }
      done++;
      options.onProgress?.(done, options.count);
    }
  } finally {
    await worker.terminate();
    rmSync(dir, { recursive: true, force: true });
  }
  return { cases: done, queries, files, findings };
}

type Answer = WorkerAnswer | { outcome: 'crash' | 'hang'; detail: string };

function ask(worker: Worker, c: FuzzCase, dir: string, timeoutMs: number): Promise<Answer> {
  return new Promise((resolve) => {
    const finish = (a: Answer) => {
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      resolve(a);
    };
    const onMessage = (a: WorkerAnswer) => finish(a);
    const onError = (e: Error) => finish({ outcome: 'crash', detail: String(e.message ?? e) });
    const onExit = (code: number) => finish({ outcome: 'crash', detail: `the worker exited with code ${code}` });
    const timer = setTimeout(() => finish({ outcome: 'hang', detail: `no answer in ${timeoutMs / 1000} s` }), timeoutMs);
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    if (c.kind === 'query') {
      worker.postMessage({ request: { kind: 'query', text: c.query } });
    } else {
      const path = join(dir, c.name);
      writeFileSync(path, c.bytes);
      worker.postMessage({ request: { kind: 'file', path }, bytes: c.bytes });
    }
  });
}

/** The report as text: the counts, then each finding with what reproduces it. */
export function reportText(r: FuzzReport, seed: number): string {
  const count = (what: Finding['what']) => r.findings.filter((f) => f.what === what).length;
  const lines = [
    `kqlx fuzz, seed ${seed}: ${r.cases} cases (${r.queries} mutated corpus queries, ${r.files} damaged data files)`,
    `  internal errors: ${count('internal error')}`,
    `  crashes:         ${count('crash')}`,
    `  hangs:           ${count('hang')}`,
    `  lost rows:       ${count('lost rows')}`,
  ];
  for (const f of r.findings.slice(0, 50)) {
    lines.push('', `[${f.id}] ${f.what} after "${f.mutation}": ${f.detail}`, `  input: ${f.input.length > 400 ? `${f.input.slice(0, 400)}...` : f.input}`);
  }
  return `${lines.join('\n')}\n`;
}
