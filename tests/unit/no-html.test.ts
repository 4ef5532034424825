import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/host';

// Text from files (Excel cells, sync packages, key cards) is shown as text, never as HTML: the
// lint rule in eslint.config.js forbids the ways of putting HTML into the page, and the renderer
// passes it.
const eslint = new ESLint({ cwd: repoRoot });
const rule = 'no-restricted-syntax';

async function violations(code: string, file = 'renderer/src/pages/Example.tsx') {
  const [r] = await eslint.lintText(code, { filePath: `${repoRoot}/${file}` });
  return r!.messages.filter((m) => m.ruleId === rule).map((m) => m.message);
}

describe('no HTML from data in the renderer', () => {
  it('flags dangerouslySetInnerHTML, innerHTML, outerHTML, insertAdjacentHTML, document.write and eval', async () => {
    const bad = [
      'export const A = ({ s }: { s: string }) => <div dangerouslySetInnerHTML={{ __html: s }} />;',
      "import { createElement } from 'react';\nexport const B = (s: string) => createElement('div', { dangerouslySetInnerHTML: { __html: s } });",
      'export function c(el: HTMLElement, s: string) { el.innerHTML = s; }',
      "export function d(el: HTMLElement, s: string) { el['outerHTML'] = s; }",
      "export function e(el: HTMLElement, s: string) { el.insertAdjacentHTML('beforeend', s); }",
      'export function f(s: string) { document.write(s); }',
      "export function g(s: string) { return new DOMParser().parseFromString(s, 'text/html'); }",
      'export function h(s: string) { return eval(s); }',
      "export function i(s: string) { return new Function(s); }",
    ];
    for (const code of bad) expect(await violations(code), code).toHaveLength(1);
  });

  it('allows text', async () => {
    expect(await violations('export const A = ({ s }: { s: string }) => <div title={s}>{s}</div>;')).toEqual([]);
    expect(await violations('export function c(el: HTMLElement, s: string) { el.textContent = s; }')).toEqual([]);
  });

  it('holds for the whole renderer', async () => {
    const results = await eslint.lintFiles(['renderer/src/**/*.{ts,tsx}']);
    expect(results.length).toBeGreaterThan(20);
    const found = results.flatMap((r) => r.messages.filter((m) => m.ruleId === rule).map((m) => `${r.filePath}:${m.line} ${m.message}`));
    expect(found).toEqual([]);
  }, 360_000);
});
