/** Paths tests share: the project root and the shared material beside it. */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const SHARED = resolve(ROOT, '../shared');
/** The built command, as users run it (test/global-setup.ts builds it before any test runs). */
export const KQLX = join(ROOT, 'dist/cli/main.js');
export const GEN_LOGS = join(SHARED, 'bench/gen-logs.mjs');
export const CHECK_RESULTS = join(SHARED, 'bench/check-results.mjs');
export const SEED_RULES = {
  paloAlto: join(ROOT, 'queries/sentinel/PaloAlto-PortScanning.yaml'),
  asim: join(ROOT, 'queries/sentinel/PortScan-ASimNetworkSession.yaml'),
};
