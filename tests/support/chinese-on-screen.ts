import fs from 'node:fs';
import type { Page } from '@playwright/test';

/**
 * Chinese left in the English interface: visible text, placeholders and titles as lines, minus
 * what the checklist's own English names carry (data HQ publishes) and the language switch's 中文.
 * Full-width punctuation (：；（）) counts as Chinese.
 */
export const CHINESE = /[\u3000-\u303f\u3400-\u9fff\uff01-\uff60]+/g;
const FROM_DATA = new Set<string>();
(function collect(o: unknown, key = ''): void {
  if (typeof o === 'string' && key.endsWith('En')) for (const m of o.match(CHINESE) ?? []) FROM_DATA.add(m);
  else if (Array.isArray(o)) o.forEach((v) => collect(v, key));
  else if (o && typeof o === 'object') for (const [k, v] of Object.entries(o)) collect(v, k);
})(JSON.parse(fs.readFileSync(new URL('../../resources/checklists/2022.json', import.meta.url), 'utf8')));

export async function chineseOnScreen(page: Page): Promise<string[]> {
  const found = await page.evaluate((source) => {
    const re = new RegExp(source, 'g');
    const out: string[] = [];
    const visible = (el: Element | null) => !!el && (el as HTMLElement).offsetParent !== null && getComputedStyle(el).visibility !== 'hidden';
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent ?? '';
      if (re.test(text) && visible(n.parentElement)) out.push(text.trim());
      re.lastIndex = 0;
    }
    for (const el of document.querySelectorAll('[placeholder], [title], [aria-label]')) {
      if (!visible(el)) continue;
      for (const attr of ['placeholder', 'title', 'aria-label']) {
        const v = el.getAttribute(attr) ?? '';
        if (re.test(v)) out.push(`${attr}=${v}`);
        re.lastIndex = 0;
      }
    }
    return out;
  }, CHINESE.source);
  return found.filter((line) => line !== '中文' && line !== 'title=中文' && (line.match(CHINESE) ?? []).some((m) => !FROM_DATA.has(m)));
}
