import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { contract, methodNames, type ApiResult } from '../../api/contract';
import { AppContext } from '../../services/context';
import { dispatch } from '../../services/dispatch';
import { tempDataDir } from '../support/host';

const contexts: AppContext[] = [];
function context() {
  const ctx = new AppContext({ dataDir: tempDataDir('sme-api-'), transport: 'browser' });
  contexts.push(ctx);
  return ctx;
}
afterEach(() => {
  for (const c of contexts.splice(0)) {
    c.close();
    fs.rmSync(c.dataDir, { recursive: true, force: true });
  }
});

const office = { role: 'office', prefectureCode: '540500', officeName: '山南市经济和信息化局', operatorName: '央金', language: 'zh' };

function expectError(result: ApiResult<unknown>, code: string) {
  expect(result.ok).toBe(false);
  if (!result.ok) {
    expect(result.error.code).toBe(code);
    expect(result.error.message.length).toBeGreaterThan(10);
    expect(result.error.messageZh.length).toBeGreaterThan(4);
  }
}

describe('the API boundary', () => {
  it('reports an installation that is not set up, and creates nothing by looking', async () => {
    const ctx = context();
    const r = await dispatch(ctx, 'app.status', {});
    expect(r).toMatchObject({ ok: true, value: { setUp: false, installation: null, language: 'zh' } });
    expect(fs.existsSync(ctx.databaseFile)).toBe(false);
  });

  it('sets up an office and then reports it', async () => {
    const ctx = context();
    const r = await dispatch(ctx, 'app.setup', office);
    expect(r.ok).toBe(true);
    const s = await dispatch(ctx, 'app.status', {});
    expect(s).toMatchObject({ ok: true, value: { setUp: true, installation: { role: 'office', prefectureCode: '540500', prefectureName: '山南市', operatorName: '央金' } } });
    const ref = await dispatch(ctx, 'reference.get', {});
    expect(ref.ok && (ref.value as { checklist: { items: unknown[] } }).checklist.items).toHaveLength(22);
  });

  it('refuses a second setup and keeps the first', async () => {
    const ctx = context();
    await dispatch(ctx, 'app.setup', office);
    expectError(await dispatch(ctx, 'app.setup', { ...office, officeName: '别的单位' }), 'already_set_up');
    const s = await dispatch(ctx, 'app.status', {});
    expect(s.ok && (s.value as { installation: { officeName: string } }).installation.officeName).toBe('山南市经济和信息化局');
  });

  it('refuses an unknown prefecture without creating a database', async () => {
    const ctx = context();
    expectError(await dispatch(ctx, 'app.setup', { ...office, prefectureCode: '540900' }), 'unknown_prefecture');
    expect(fs.existsSync(ctx.databaseFile)).toBe(false);
  });

  it('refuses setting the language before setup', async () => {
    expectError(await dispatch(context(), 'settings.setLanguage', { language: 'en' }), 'not_set_up');
  });

  it('remembers the language', async () => {
    const ctx = context();
    await dispatch(ctx, 'app.setup', office);
    await dispatch(ctx, 'settings.setLanguage', { language: 'en' });
    ctx.close();
    const s = await dispatch(ctx, 'app.status', {});
    expect(s.ok && (s.value as { language: string }).language).toBe('en');
  });

  it('refuses unknown methods, including prototype names', async () => {
    for (const m of ['nope', 'constructor', '__proto__', 'toString', 42, null, { a: 1 }]) {
      expectError(await dispatch(context(), m, {}), 'unknown_method');
    }
  });

  // Every method gets arguments of the wrong shape; each must be refused at the boundary.
  const wrongShapes: unknown[] = [null, undefined, 42, 'text', [], [1, 2], { unexpected: true }, { __proto__: { polluted: true } }];
  for (const method of methodNames) {
    it(`${method} refuses arguments of the wrong shape`, async () => {
      const ctx = context();
      for (const input of wrongShapes) {
        const r = await dispatch(ctx, method, input);
        // An empty-input method accepts only {} and nothing else.
        if (r.ok) expect(contract[method].input.safeParse(input).success, `${method} accepted ${JSON.stringify(input)}`).toBe(true);
        else expect(r.error.code).toBe('invalid_input');
      }
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  }

  it('explains each bad setup field', async () => {
    const ctx = context();
    const cases: [Record<string, unknown>, string][] = [
      [{ ...office, role: 'admin' }, 'role'],
      [{ ...office, prefectureCode: null }, 'prefectureCode'],
      [{ ...office, role: 'hq' }, 'prefectureCode'],
      [{ ...office, prefectureCode: '110000' }, 'prefectureCode'],
      [{ ...office, officeName: '   ' }, 'officeName'],
      [{ ...office, operatorName: 'x'.repeat(51) }, 'operatorName'],
      [{ ...office, language: 'fr' }, 'language'],
      [{ ...office, extra: 1 }, 'extra'],
    ];
    for (const [input, field] of cases) {
      const r = await dispatch(ctx, 'app.setup', input);
      expectError(r, 'invalid_input');
      if (!r.ok) expect(r.error.message, JSON.stringify(input)).toContain(field);
    }
    expect(fs.existsSync(ctx.databaseFile)).toBe(false);
  });
});
