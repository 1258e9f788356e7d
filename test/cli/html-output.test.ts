/**
 * `kqlx query -o html`: a self-contained page with the table and the render chart as inline SVG. It opens
 * in headless Chromium (Debian's chromium, driven by puppeteer-core) without errors, shows the chart, and
 * shows a cell holding markup as text (no injection).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer-core';
import { expect, it } from 'vitest';
import { KQLX, ROOT } from '../helpers/paths.js';

const INJECTION = '<img src=x onerror=alert(1)>';
const QUERY = `range t from datetime(2024-01-01) to datetime(2024-01-02) step 1h | extend n = hourofday(t), s = '${INJECTION}' | render timechart`;

function kqlx(...args: string[]) {
  return spawnSync('node', [KQLX, 'query', ...args], { cwd: ROOT, encoding: 'utf8' });
}

it('the table view notes that a chart was asked for', () => {
  const r = kqlx('print x = 1 | render columnchart');
  expect(r.status).toBe(0);
  expect(r.stderr).toBe('note: the query asks for a columnchart (render); kqlx draws it with -o html\n');
});

it('-o html with render timechart opens in headless Chromium without errors, with the chart, and markup in a cell shown as text', async () => {
  const r = kqlx(QUERY, '-o', 'html');
  expect(r.status).toBe(0);
  const dir = mkdtempSync(join(tmpdir(), 'kqlx-html-'));
  const file = join(dir, 'result.html');
  writeFileSync(file, r.stdout);
  const browser = await puppeteer.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', `--user-data-dir=${join(dir, 'profile')}`],
  });
  try {
    const page = await browser.newPage();
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('dialog', (d) => { errors.push(`dialog: ${d.message()}`); void d.dismiss(); });
    page.on('request', (q) => { if (!q.url().startsWith('file:')) requests.push(q.url()); });
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    expect(await page.$eval('svg', (s) => s.getAttribute('aria-label'))).toBe('timechart');
    expect(await page.$$eval('svg polyline', (ls) => ls.length)).toBe(1);
    expect(await page.$$eval('img', (imgs) => imgs.length)).toBe(0);
    expect(await page.$eval('tbody tr td:last-child', (td) => td.textContent)).toBe(INJECTION);
    expect(await page.$$eval('tbody tr', (rows) => rows.length)).toBe(25);
  } finally {
    await browser.close();
  }
}, 60_000);
