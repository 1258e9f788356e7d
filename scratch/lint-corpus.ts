import { readdirSync } from 'node:fs';
import { lintFile } from '../src/cli/lint-command.js';
const dir = '/work/shared/corpus/sentinel/rules';
const counts: Record<string, number> = {}; let failed = 0, files = 0, withFindings = 0;
for (const f of readdirSync(dir).filter((f) => f.endsWith('.yaml'))) {
  files++;
  try { const fs = lintFile(`${dir}/${f}`); if (fs.length) withFindings++; for (const x of fs) { counts[`${x.code} ${x.kind}`] = (counts[`${x.code} ${x.kind}`] ?? 0) + 1; if (process.env.SHOW === x.code) console.log(f, x.message); } }
  catch { failed++; }
}
console.log({ files, failed, withFindings, counts });
