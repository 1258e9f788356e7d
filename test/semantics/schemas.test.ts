import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildPackFromSource, kqlxTypeOf, PACK_PATH } from '../../src/sentinel/schemas/build-pack.js';
import { sentinelSchema, sentinelTableNames } from '../../src/sentinel/schemas/index.js';

function typeOf(table: string, column: string) {
  return sentinelSchema(table)?.find((c) => c.name === column)?.type;
}

describe('sentinel schema pack', () => {
  it('has CommonSecurityLog with its real column types', () => {
    expect(typeOf('CommonSecurityLog', 'TimeGenerated')).toBe('datetime');
    expect(typeOf('CommonSecurityLog', 'DestinationPort')).toBe('int');
    expect(typeOf('CommonSecurityLog', 'SourcePort')).toBe('int');
    expect(typeOf('CommonSecurityLog', 'SentBytes')).toBe('long');
    expect(typeOf('CommonSecurityLog', 'DeviceAction')).toBe('string');
    expect(typeOf('CommonSecurityLog', 'DeviceCustomFloatingPoint1')).toBe('real');
    // 161 columns in the validation schema, plus whatever standard Log Analytics columns the pack adds.
    expect(sentinelSchema('CommonSecurityLog')!.length).toBeGreaterThanOrEqual(161);
  });

  it('has SecurityEvent, Syslog and the ASIM parser outputs', () => {
    expect(typeOf('SecurityEvent', 'EventID')).toBe('int');
    expect(typeOf('SecurityEvent', 'TenantId')).toBe('guid');
    expect(typeOf('Syslog', 'SyslogMessage')).toBe('string');
    expect(typeOf('_Im_NetworkSession', 'DstPortNumber')).toBe('int');
    expect(typeOf('_Im_NetworkSession', 'TimeGenerated')).toBe('datetime');
  });

  it('adds the SigninLogs columns the current table reference lists and the 2022 snapshot lacks', () => {
    const cols = sentinelSchema('SigninLogs')!.map((c) => `${c.name}:${c.type}`);
    expect(cols).toEqual(expect.arrayContaining(['AutonomousSystemNumber:string', 'HomeTenantId:string', 'ResourceTenantId:string', 'FlaggedForReview:bool']));
    expect(cols.filter((c) => c.startsWith('OriginalRequestId:'))).toEqual(['OriginalRequestId:guid']);
  });
  it('looks names up case-sensitively and returns fresh arrays', () => {
    expect(sentinelSchema('commonsecuritylog')).toBeUndefined();
    expect(sentinelSchema('NoSuchTable')).toBeUndefined();
    expect(sentinelSchema('toString')).toBeUndefined();
    const a = sentinelSchema('Syslog')!;
    a.pop();
    expect(sentinelSchema('Syslog')!.length).toBe(a.length + 1);
  });

  it('lists 247 sorted names, with no stray whitespace', () => {
    const names = sentinelTableNames();
    expect(names.length).toBe(247);
    expect([...names].sort()).toEqual(names);
    expect(names.filter((n) => n !== n.trim())).toEqual([]);
    expect(names).toContain('GSuite_ReportsAPI_login_CL');
  });

  it('maps the storage spellings of types', () => {
    expect(kqlxTypeOf('SByte')).toBe('bool');
    expect(kqlxTypeOf('BigInt')).toBe('long');
    expect(kqlxTypeOf(' string ')).toBe('string');
    expect(kqlxTypeOf('Date/time')).toBe('datetime');
    expect(kqlxTypeOf('Double')).toBe('real');
    expect(kqlxTypeOf('Widget')).toBeUndefined();
  });

  it('strips export suffixes from column names', () => {
    expect(typeOf('MailRiskEmail_CL', 'TimeGenerated')).toBe('datetime');
    expect(typeOf('MailRiskEmail_CL', 'TimeGenerated [UTC]')).toBeUndefined();
  });

  it('is what build-pack.ts produces from the corpus (run npm run gen:schemas when this fails)', () => {
    const build = buildPackFromSource();
    expect(build.unknownTypes).toEqual([]);
    expect(readFileSync(PACK_PATH, 'utf8')).toBe(build.text);
  });
});
