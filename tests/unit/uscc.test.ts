import { describe, expect, it } from 'vitest';
import { describeUsccProblem, makeUscc, normaliseUscc, USCC_ALPHABET, validateUscc } from '../../db/validation/uscc';

describe('unified social credit code (GB 32100-2015)', () => {
  // Real codes published by their holders, and the standard's own example.
  const valid = ['91350100M000100Y43', '91110108551385082Q', '91440300708461136T', '9144030071526726XG'];
  it.each(valid)('accepts %s', (code) => {
    expect(validateUscc(code)).toMatchObject({ ok: true, code });
  });

  it('accepts lower case and spaces typed by people, and stores the normal form', () => {
    expect(validateUscc(' 91350100m000100y43 ')).toMatchObject({ ok: true, code: '91350100M000100Y43' });
    expect(normaliseUscc('9135 0100 M000 100Y43')).toBe('91350100M000100Y43');
  });

  it('says when the length is wrong', () => {
    expect(validateUscc('91350100M000100Y4')).toEqual({ ok: false, problem: { kind: 'length', length: 17 } });
    expect(validateUscc('')).toEqual({ ok: false, problem: { kind: 'empty' } });
  });

  it.each(['I', 'O', 'S', 'V', 'Z', '*'])('names the position of a forbidden character %s', (c) => {
    const code = `9135010${c}M000100Y43`;
    expect(validateUscc(code)).toEqual({ ok: false, problem: { kind: 'character', position: 8, character: c } });
  });

  it('says when the division code is not six digits', () => {
    const r = validateUscc('9135010AM000100Y43');
    expect(r).toMatchObject({ ok: false, problem: { kind: 'division' } });
  });

  it('catches a mistyped organisation code by its check character', () => {
    expect(validateUscc('91350100M000101Y43')).toMatchObject({ ok: false, problem: { kind: 'organisation_check' } });
  });

  it('catches a wrong final check character, naming the expected one', () => {
    expect(validateUscc('91350100M000100Y44')).toEqual({ ok: false, problem: { kind: 'check', expected: '3', found: '4' } });
  });

  it('catches every single-character substitution in a valid code', () => {
    const code = '91440300708461136T';
    for (let i = 0; i < 18; i++) {
      for (const c of USCC_ALPHABET) {
        if (c === code[i]) continue;
        const changed = code.slice(0, i) + c + code.slice(i + 1);
        expect(validateUscc(changed).ok, changed).toBe(false);
      }
    }
  });

  it('flags codes registered in Tibet', () => {
    const code = makeUscc('91', '540102', 'MA6T0001');
    expect(validateUscc(code)).toMatchObject({ ok: true, inTibet: true, division: '540102' });
  });

  it('explains each problem in Chinese and English', () => {
    const m = describeUsccProblem({ kind: 'check', expected: '3', found: '4' });
    expect(m.zh).toContain('校验码');
    expect(m.en).toContain('check character');
    expect(describeUsccProblem({ kind: 'length', length: 17 }).zh).toContain('17位');
  });
});
