/** Watchlists (--watchlist) and externaldata files (--external): local stand-ins for Sentinel's sources. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KQLX, ROOT } from '../helpers/paths.js';

const fixture = (f: string) => join(ROOT, 'fixtures/sources', f);
const URL = 'https://example.com/iocs.csv';

function kqlx(...args: string[]) {
  const r = spawnSync('node', [KQLX, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('watchlists and externaldata', () => {
  it('_GetWatchlist reads the watchlist file, with Sentinel’s added columns', () => {
    const r = kqlx('query', '_GetWatchlist("vips") | project SearchKey, Owner, WatchlistItem', '--watchlist', `vips=${fixture('vips.csv')}`, '-o', 'json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).rows).toEqual([
      ['1.2.3.4', 'carol', { SearchKey: '1.2.3.4', Owner: 'carol' }],
      ['10.0.0.9', 'dave', { SearchKey: '10.0.0.9', Owner: 'dave' }],
    ]);
  });
  it('a watchlist that was not given reads as empty', () => {
    const r = kqlx('query', '_GetWatchlist("none") | count', '-o', 'json');
    expect(JSON.parse(r.out).rows).toEqual([[0]]);
  });
  it('a column of a watchlist that was not given is reported with the option that gives it', () => {
    const r = kqlx('query', '_GetWatchlist("LastPass") | project name');
    expect(r.code).toBe(1);
    expect(r.err).toContain("error KX404: unknown column or name 'name': no data for watchlist 'LastPass', whose own columns are known once it is given with --watchlist LastPass=FILE");
  });
  it('externaldata reads the file mapped to its URL, and joins with a watchlist', () => {
    const q = `externaldata(ip:string, tag:string)[@"${URL}"] with (format="csv") | join kind=inner (_GetWatchlist("vips") | project ip = SearchKey, Owner) on ip | project ip, tag, Owner`;
    const r = kqlx('query', q, '--external', `${URL}=${fixture('iocs.csv')}`, '--watchlist', `vips=${fixture('vips.csv')}`, '-o', 'json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).rows).toEqual([['1.2.3.4', 'bad', 'carol']]);
  });
  it('an unmapped URL is refused with the option that maps it', () => {
    const r = kqlx('query', `externaldata(ip:string)[@"${URL}"]`);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`error KX303: unsupported externaldata from '${URL}': kqlx reads no URLs; map it to a local file with --external '${URL}=FILE'`);
  });
});
