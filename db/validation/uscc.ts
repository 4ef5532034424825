/**
 * 统一社会信用代码 (unified social credit code), GB 32100-2015.
 *
 *   position 1      registration authority (登记管理部门代码)
 *   position 2      entity type (机构类别代码)
 *   positions 3–8   administrative division of registration (GB/T 2260); Tibet's begin with 54
 *   positions 9–17  organisation code (GB 11714): 8 characters and a check character
 *   position 18     check character over the first 17, modulo 31
 *
 * The alphabet leaves out I, O, S, V and Z, which are too easily mistaken for digits.
 */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

export type UsccProblem =
  | { kind: 'empty' }
  | { kind: 'length'; length: number }
  | { kind: 'character'; position: number; character: string }
  | { kind: 'division'; division: string }
  | { kind: 'organisation_check'; expected: string; found: string }
  | { kind: 'check'; expected: string; found: string };

export type UsccResult = { ok: true; code: string; division: string; inTibet: boolean } | { ok: false; problem: UsccProblem };

/** Upper-cases and removes spaces, which people type when copying from certificates. */
export function normaliseUscc(input: string): string {
  return input.replace(/[\s\u3000-]/g, '').toUpperCase();
}

function orgCheckCharacter(body: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const c = body[i]!;
    const v = /\d/.test(c) ? Number(c) : c.charCodeAt(0) - 55; // A = 10 … Z = 35
    sum += v * ORG_WEIGHTS[i]!;
  }
  const r = 11 - (sum % 11);
  return r === 11 ? '0' : r === 10 ? 'X' : String(r);
}

export function usccCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_ALPHABET.indexOf(first17[i]!) * USCC_WEIGHTS[i]!;
  return USCC_ALPHABET[(31 - (sum % 31)) % 31]!;
}

export function validateUscc(input: string): UsccResult {
  const code = normaliseUscc(input);
  if (code.length === 0) return { ok: false, problem: { kind: 'empty' } };
  if (code.length !== 18) return { ok: false, problem: { kind: 'length', length: code.length } };
  for (let i = 0; i < 18; i++) {
    if (!USCC_ALPHABET.includes(code[i]!)) return { ok: false, problem: { kind: 'character', position: i + 1, character: code[i]! } };
  }
  const division = code.slice(2, 8);
  if (!/^\d{6}$/.test(division)) return { ok: false, problem: { kind: 'division', division } };
  const org = code.slice(8, 17);
  // Some registration authorities issued codes whose organisation part is not a GB 11714 code
  // (e.g. individual businesses with registration authority 9, type 2); they still carry the
  // final check, which is what identifies a mistyped code.
  const orgExpected = orgCheckCharacter(org.slice(0, 8));
  const orgApplies = !(code[0] === '9' && code[1] === '2');
  if (orgApplies && org[8] !== orgExpected) {
    return { ok: false, problem: { kind: 'organisation_check', expected: orgExpected, found: org[8]! } };
  }
  const expected = usccCheckCharacter(code.slice(0, 17));
  if (code[17] !== expected) return { ok: false, problem: { kind: 'check', expected, found: code[17]! } };
  return { ok: true, code, division, inTibet: division.startsWith('54') };
}

/** A plain-language explanation of what is wrong, in both languages. */
export function describeUsccProblem(p: UsccProblem): { en: string; zh: string } {
  switch (p.kind) {
    case 'empty':
      return { en: 'Enter the 18-character unified social credit code.', zh: '请填写18位统一社会信用代码。' };
    case 'length':
      return { en: `A unified social credit code has 18 characters; this one has ${p.length}.`, zh: `统一社会信用代码应为18位，当前为${p.length}位。` };
    case 'character':
      return {
        en: `Character ${p.position} ("${p.character}") cannot appear in a credit code: only digits and the letters A–Y without I, O, S, V, Z.`,
        zh: `第${p.position}位“${p.character}”不是信用代码允许的字符（只能是数字和除I、O、S、V、Z以外的大写字母）。`,
      };
    case 'division':
      return { en: `Characters 3–8 must be the six-digit division code; found "${p.division}".`, zh: `第3至8位应为6位行政区划代码，当前为“${p.division}”。` };
    case 'organisation_check':
      return {
        en: `The organisation-code check character (position 17) should be ${p.expected}, not ${p.found}: a character of the code is probably mistyped.`,
        zh: `组织机构代码校验位（第17位）应为${p.expected}，不是${p.found}：代码中可能有字符输错。`,
      };
    case 'check':
      return {
        en: `The check character (position 18) should be ${p.expected}, not ${p.found}: a character of the code is probably mistyped.`,
        zh: `校验码（第18位）应为${p.expected}，不是${p.found}：代码中可能有字符输错。`,
      };
  }
}

/** Builds a valid code from a registration prefix, division and organisation body (demo data, tests). */
export function makeUscc(prefix: string, division: string, orgBody: string): string {
  const bad = [...`${prefix}${division}${orgBody}`].find((c) => !USCC_ALPHABET.includes(c));
  if (bad !== undefined || orgBody.length !== 8) throw new Error(`makeUscc: "${bad ?? orgBody}" cannot make a credit code`);
  const first17 = `${prefix}${division}${orgBody}${orgCheckCharacter(orgBody)}`;
  return first17 + usccCheckCharacter(first17);
}
