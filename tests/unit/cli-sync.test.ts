import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDataDir } from '../support/host';
import { cli } from '../support/cli';

let root: string;
const d = (n: string) => path.join(root, n);
beforeAll(() => {
  root = tempDataDir('sme-cli-sync-');
  expect(cli(['init', '--data', d('hq'), '--role', 'hq', '--name', '总部', '--operator', 'a']).code).toBe(0);
  expect(cli(['init', '--data', d('of'), '--role', 'office', '--prefecture', '540500', '--name', '山南市经信局', '--operator', 'b']).code).toBe(0);
  expect(cli(['demo', '--data', d('of'), '--enterprises', '8', '--activities', '4', '--visits', '4', '--seed', '2']).code).toBe(0);
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('cli sync commands', () => {
  it('exchanges keys only with a confirmed fingerprint', () => {
    expect(cli(['keys', 'card', '--data', d('hq'), '--out', d('hq.smekey')]).code).toBe(0);
    expect(cli(['keys', 'card', '--data', d('of'), '--out', d('of.smekey')]).code).toBe(0);
    const unconfirmed = cli(['keys', 'trust-hq', d('hq.smekey'), '--data', d('of')]);
    expect(unconfirmed.code).toBe(1);
    expect(unconfirmed.stderr).toMatch(/--fingerprint "\d{4} \d{4} \d{4} \d{4} \d{4}"/);
    const fp = /"(\d{4} \d{4} \d{4} \d{4} \d{4})"/.exec(unconfirmed.stderr)![1]!;
    expect(cli(['keys', 'trust-hq', d('hq.smekey'), '--data', d('of'), '--fingerprint', fp]).code).toBe(0);
    expect(cli(['keys', 'enroll', d('of.smekey'), '--data', d('hq'), '--fingerprint', '1234 5678 9012 3456 7890']).stderr).toMatch(/fingerprint you confirmed/);
    expect(cli(['keys', 'enroll', d('of.smekey'), '--data', d('hq'), '--yes']).code).toBe(0);
  });

  it('exports, inspects without a key, imports with a JSON report, and refuses junk', () => {
    const ex = cli(['export', '--data', d('of'), '--out', d('p1.smesync'), '--json']);
    expect(ex.code, ex.stderr).toBe(0);
    expect(JSON.parse(ex.stdout)).toMatchObject({ sequence: 1 });
    const ins = JSON.parse(cli(['inspect', d('p1.smesync'), '--json']).stdout);
    expect(ins.header).toMatchObject({ kind: 'changes', origin: { prefectureCode: '540500' } });
    const dry = JSON.parse(cli(['import', d('p1.smesync'), '--data', d('hq'), '--dry-run', '--json']).stdout);
    expect(dry[0]).toMatchObject({ status: 'preview', prefectureCode: '540500', sequence: 1 });
    fs.writeFileSync(d('junk.smesync'), 'junk');
    const r = cli(['import', d('p1.smesync'), d('junk.smesync'), '--data', d('hq'), '--json']);
    expect(r.code).toBe(3);
    const out = JSON.parse(r.stdout);
    expect(out.map((x: { status: string }) => x.status)).toEqual(['imported', 'rejected']);
    expect(out[1].reason).toMatch(/not an SME Ledger sync package/);
    expect(out[0].counts.enterprises.created).toBe(8);
  });

  it('publishes a reference package that the office imports', () => {
    expect(cli(['publish', '--data', d('hq'), '--out', d('ref.smesync')]).code).toBe(0);
    const r = JSON.parse(cli(['import', d('ref.smesync'), '--data', d('of'), '--json']).stdout);
    expect(r[0]).toMatchObject({ status: 'imported', kind: 'reference' });
    const ex = JSON.parse(cli(['export', '--data', d('of'), '--out', d('p2.smesync'), '--json']).stdout);
    expect(Object.values(ex.counts as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(0);
  });
});
