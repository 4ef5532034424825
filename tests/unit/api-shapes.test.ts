import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { contract, methodNames, type ApiResult, type MethodName } from '../../api/contract';
import { AppContext } from '../../services/context';
import { dispatch } from '../../services/dispatch';
import { generateDemo } from '../../db/demo';
import { tempDataDir } from '../support/host';
import { counts, digest } from '../reliability/fuzz';

// Every method of the contract (iterated, so a new method is covered without editing this file)
// gets arguments of the wrong shape through the real dispatcher, on a set-up installation with
// data. Each must come back as a validation error naming what is wrong: never a crash, never a
// write.

let ctx: AppContext;
beforeAll(async () => {
  ctx = new AppContext({ dataDir: tempDataDir('sme-shapes-'), transport: 'browser' });
  const r = await dispatch(ctx, 'app.setup', { role: 'office', prefectureCode: '540100', officeName: '拉萨市经济和信息化局', operatorName: '测试', language: 'zh' });
  expect(r.ok).toBe(true);
  generateDemo(ctx.requireDatabase(), { enterprises: 8, activities: 6, visits: 6, seed: 3 });
});
afterAll(() => {
  ctx.close();
  fs.rmSync(ctx.dataDir, { recursive: true, force: true });
});

type Def = { type: string; shape?: Record<string, z.ZodType>; innerType?: z.ZodType; in?: z.ZodType; element?: z.ZodType; keyType?: z.ZodType; valueType?: z.ZodType; options?: z.ZodType[] };
const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

/** The object shape of an input schema, through refinements, defaults and transforms. */
function shapeOf(s: z.ZodType): Record<string, z.ZodType> | null {
  const d = defOf(s);
  if (d.type === 'object') return d.shape!;
  if (d.type === 'pipe') return shapeOf(d.in!);
  if (d.innerType) return shapeOf(d.innerType);
  return null;
}

/** Every string inside a schema, with its path, to check that huge strings are refused. */
function strings(s: z.ZodType, path: string, out: { path: string; schema: z.ZodType }[] = []) {
  const d = defOf(s);
  if (d.type === 'string') out.push({ path, schema: s });
  else if (d.type === 'object') for (const [k, v] of Object.entries(d.shape!)) strings(v, path ? `${path}.${k}` : k, out);
  else if (d.type === 'array') strings(d.element!, `${path}[]`, out);
  else if (d.type === 'record') {
    strings(d.keyType!, `${path}{key}`, out);
    strings(d.valueType!, `${path}{}`, out);
  } else if (d.type === 'union') d.options!.forEach((o) => strings(o, path, out));
  else if (d.type === 'pipe') strings(d.in!, path, out);
  else if (d.innerType) strings(d.innerType, path, out);
  return out;
}

const hugeText = '中'.repeat(3_000_000);
const wrongShapes: [string, unknown][] = [
  ['null', null],
  ['a number', 42],
  ['a string', 'text'],
  ['a huge string', hugeText],
  ['an empty array', []],
  ['an array', [{}, 1]],
  ['true', true],
  ['an object with an unknown key', { unexpected: true }],
  ['__proto__ from JSON', JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}')],
];

function expectInvalid(r: ApiResult<unknown>, what: string) {
  expect(r.ok, what).toBe(false);
  if (r.ok) return;
  expect(r.error.code, `${what}: ${r.error.message}`).toBe('invalid_input');
  expect(r.error.message.length, what).toBeGreaterThan(10);
  expect(r.error.message.length, `${what}: the message must not echo a huge input`).toBeLessThan(20_000);
  expect(r.error.messageZh, what).toMatch(/[\u4e00-\u9fff]/);
}

describe('every API method refuses arguments of the wrong shape', () => {
  let before: string;
  let beforeCounts: string;
  beforeAll(() => {
    before = digest(ctx.requireDatabase());
    beforeCounts = counts(ctx.requireDatabase());
  });

  it('covers the whole contract', () => {
    expect(methodNames.length).toBeGreaterThan(50);
    expect(methodNames).toEqual(Object.keys(contract));
  });

  describe.each(methodNames)('%s', (method: MethodName) => {
    const schema = contract[method].input as z.ZodType;
    const shape = shapeOf(schema);

    it('refuses null, numbers, strings, arrays, unknown keys and __proto__', async () => {
      expect(shape, `${method}: its input is an object`).not.toBeNull();
      for (const [what, input] of wrongShapes) {
        expectInvalid(await dispatch(ctx, method, input), `${method} with ${what}`);
      }
      const r = await dispatch(ctx, method, { unexpected: true });
      if (!r.ok) expect(r.error.message).toMatch(/unexpected|Unrecognized/);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it('names each missing required field', async () => {
      const required = Object.entries(shape!).filter(([, s]) => !s.safeParse(undefined).success).map(([k]) => k);
      if (required.length === 0) {
        // Nothing is required: {} is a valid call (a list, a status, an action), not sent here.
        expect(schema.safeParse({}).success).toBe(true);
        return;
      }
      const r = await dispatch(ctx, method, {});
      expectInvalid(r, `${method} with {}`);
      if (!r.ok) for (const k of required) expect(r.error.details!.join('\n'), `${method} names ${k}`).toMatch(new RegExp(`^${k}:`, 'm'));
    });

    it('names each field of the wrong type', async () => {
      for (const [key, field] of Object.entries(shape!)) {
        const wrong = [{ nested: 1 }, [1], 42, 'x', true, -1.5].find((v) => !field.safeParse(v).success);
        if (wrong === undefined) continue;
        const r = await dispatch(ctx, method, { [key]: wrong });
        expectInvalid(r, `${method} with ${key} = ${JSON.stringify(wrong)}`);
        if (!r.ok) expect(r.error.details!.join('\n'), `${method}.${key}`).toMatch(new RegExp(`^${key.replace('.', '\\.')}[.:]`, 'm'));
      }
    });

    it('refuses a huge string in any text field (files travel as base64 and have their own limit)', () => {
      for (const { path, schema: s } of strings(schema, '')) {
        if (/(^|\.)base64$/.test(path)) continue;
        expect(s.safeParse(hugeText).success, `${method} ${path} accepts 3,000,000 characters`).toBe(false);
        expect(s.safeParse('1'.repeat(3_000_000)).success, `${method} ${path} accepts 3,000,000 digits`).toBe(false);
      }
    });
  });

  it('wrote nothing at all', () => {
    expect(counts(ctx.requireDatabase())).toBe(beforeCounts);
    expect(digest(ctx.requireDatabase())).toBe(before);
    expect(Object.keys(Object.prototype)).toEqual([]);
  });
});
