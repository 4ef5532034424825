import path from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from '@playwright/test';
import { withOffice, expect, choose, typeDate } from './fixtures';
import { startHostProcess, type HostProcess } from '../support/host';
import { CHINESE, chineseOnScreen } from '../support/chinese-on-screen';
import { download } from '../support/sync-e2e';
import { viewShots } from '../support/view-shots';
import { hqAndOffice } from '../support/supervision-e2e';
import { settled } from '../support/settled';

/**
 * The English interface has no Chinese outside names and data: an office named in English, with
 * no records, walked page by page and form by form. Chinese that the checklist's own English
 * names carry (专精特新 in an item's title: data HQ publishes) is allowed; anything else is a
 * label, unit or message left untranslated, or full-width punctuation (：；（）).
 */
const test = withOffice({ prefix: 'sme-en-', prefecture: '540200', name: 'Shigatse SME Office', operator: 'Tashi', lang: 'en' });

const PAGES: { nav: string; open?: string[] }[] = [
  { nav: 'enterprises', open: ['enterprise-new'] },
  { nav: 'activities', open: ['activity-new'] },
  { nav: 'visits', open: ['visit-new', 'visit-add-problem'] },
  { nav: 'problems' },
  { nav: 'figures', open: ['figure-new'] },
  { nav: 'settings' },
];

async function walk(page: import('@playwright/test').Page, pages: typeof PAGES): Promise<string[]> {
  const seen: string[] = [];
  for (const p of pages) {
    await page.getByTestId(`nav-${p.nav}`).click();
    await expect(page.getByTestId(`page-${p.nav}`)).toBeVisible();
    await settled(page);
    seen.push(...(await chineseOnScreen(page)).map((s) => `${p.nav}: ${s}`));
    if (!p.open) continue;
    for (const id of p.open) await page.getByTestId(id).click();
    if (p.nav === 'activities') {
      // The kind's figures and their units appear once an item and a kind are chosen.
      await choose(page, 'activity-item', '6.');
      // The item's list, still closing, also has "matchmaking" in an option: wait until it is gone.
      await expect(page.locator('.ant-select-dropdown:visible')).toHaveCount(0);
      await choose(page, 'activity-kind', 'matchmaking');
    }
    await settled(page);
    seen.push(...(await chineseOnScreen(page)).map((s) => `${p.nav} form: ${s}`));
    await page.keyboard.press('Escape');
    const discard = page.getByTestId('discard-confirm');
    if (await discard.isVisible().catch(() => false)) await discard.click();
    await expect(page.locator('.ant-drawer-open')).toHaveCount(0);
  }
  return seen;
}

test('the English interface shows no Chinese outside names and data', async ({ page, office }) => {
  test.setTimeout(150_000);
  await page.goto(office.url);
  await expect(page.getByTestId('nav-dashboard')).toHaveText('Dashboard');
  expect(await walk(page, PAGES)).toEqual([]);
});

// The dashboard: targets, values and units in English (≥ 30 events, not ≥ 30 场次; 家 left out),
// the engine's notes in English, the folded items without a numeric target opened too.
test('the English dashboard shows no Chinese outside names and data', async ({ page, office }) => {
  test.setTimeout(150_000);
  await page.goto(office.url);
  expect(await walk(page, [{ nav: 'dashboard' }])).toEqual([]);
  await page.getByTestId('untargeted').locator('.ant-collapse-header').first().click();
  await expect(page.getByTestId('untargeted-table')).toBeVisible();
  await page.getByTestId('value-11.public_training_events').click();
  await expect(page.locator('.ant-drawer-open')).toBeVisible();
  await settled(page);
  expect(await chineseOnScreen(page)).toEqual([]);
});

// The sync pages (HQ and office, with results, the ledger and a security event): english-sync.spec.ts.

/**
 * Chinese that the ledger's own records carry (the demo's enterprise names, problem descriptions,
 * responsible units, progress notes, among them the "状态：待办 → 办理中" that db/problems.ts
 * writes into a note on a status change): data, not labels. A line is left out only when every Chinese run in it is
 * part of one of those records.
 */
function recordTexts(dir: string): string[] {
  const db = new Database(path.join(dir, 'ledger.sqlite'), { readonly: true });
  try {
    return db.prepare('SELECT name AS t FROM enterprises UNION SELECT description FROM problems UNION SELECT responsible_unit FROM problems UNION SELECT note FROM problem_notes').pluck().all() as string[];
  } finally {
    db.close();
  }
}
const notData = (lines: string[], data: string[]) => lines.filter((line) => (line.match(CHINESE) ?? []).some((m) => !data.some((d) => d.includes(m))));

// 督办 and 催报 in English at HQ and at an office: the forms, the lists, the timeline, the dashboards.
test('the English supervision screens show no Chinese outside names and data', async ({ browser }, testInfo) => {
  test.setTimeout(300_000);
  const out = testInfo.outputDir;
  const { hqDir, officeDir, run, remove } = hqAndOffice(out, { hq: ['Regional HQ', 'Dolma'], office: ['Nyingchi SME Office', 'Tashi'], lang: 'en' });
  const problems = JSON.parse(run(['problems', 'list', '--data', hqDir, '--json'])) as { id: string; status: string }[];
  const open = problems.filter((p) => p.status === 'open' || p.status === 'in_progress');
  expect(open.length).toBeGreaterThan(1);
  run(['supervision', 'add', '--data', hqDir, '--problem', open[0]!.id, '--note', 'Please have the power company connect the site by the deadline.', '--deadline', '2099-01-31']);
  run(['supervision', 'remind', '--data', hqDir, '--prefecture', '540400', '--note', 'Send your package this week.', '--by', '2099-01-15']);
  run(['supervision', 'remind', '--data', hqDir, '--prefecture', '540400', '--note', 'Report the loan balance.', '--by', '2099-01-20', '--about', 'report']);
  run(['publish', '--data', hqDir, '--out', path.join(out, 'ref.smesync')]);
  run(['import', path.join(out, 'ref.smesync'), '--data', officeDir]);
  const data = recordTexts(officeDir);
  const chinese = async (page: Page, where: string) => {
    await settled(page);
    return notData(await chineseOnScreen(page), data).map((s) => `${where}: ${s}`);
  };

  // HQ's host starts after the CLI has imported the office's answer: a running host holds the folder.
  let hqHost: HostProcess | null = null;
  const officeHost = await startHostProcess(officeDir);
  const seen: string[] = [];
  try {
    // The office: its dashboard's reminders and supervised problem, the list, the timeline.
    const office = await browser.newPage();
    await office.goto(officeHost.url);
    await expect(office.getByTestId('office-supervision')).toBeVisible();
    await expect(office.getByTestId('office-reminder')).toHaveCount(2);
    seen.push(...(await chinese(office, 'office dashboard')));
    await viewShots(office, 'en-office-dashboard', 'office-supervision');
    await office.getByTestId('nav-problems').click();
    await expect(office.getByTestId('supervision-deadline')).toHaveText('HQ due 2099-01-31');
    seen.push(...(await chinese(office, 'office problems')));
    await viewShots(office, 'en-office-problems');
    await choose(office, 'filter-supervision', 'Supervised');
    await expect(office.getByTestId('problem-open')).toHaveCount(1);
    await office.getByTestId('problem-open').click();
    await expect(office.getByTestId('timeline-hq')).toContainText('From HQ');
    await expect(office.getByTestId('supervision-banner')).toContainText("HQ supervision · HQ's deadline: 2099-01-31");
    await office.getByTestId('problem-note').fill('Met the power company; connection next week.');
    await office.getByTestId('problem-add-note').click();
    await expect(office.getByTestId('timeline-answer')).toContainText("Office's answer");
    seen.push(...(await chinese(office, 'office problem')));
    await viewShots(office, 'en-office-problem');
    await office.keyboard.press('Escape');
    await office.getByTestId('nav-sync').click();
    await download(office, 'export-package', path.join(out, 'p2.smesync'));
    run(['import', path.join(out, 'p2.smesync'), '--data', hqDir]);
    hqHost = await startHostProcess(hqDir);

    // HQ: the list with its summary, the problem with the answer, the forms, the dashboard, 同步.
    const hq = await browser.newPage();
    await hq.goto(hqHost.url);
    await hq.getByTestId('nav-problems').click();
    await hq.getByTestId('problems-supervision').locator('.ant-collapse-header').click();
    await expect(hq.getByTestId('sv-answered-540400')).toHaveText('1');
    seen.push(...(await chinese(hq, 'hq problems')));
    await viewShots(hq, 'en-hq-problems');
    await hq.getByTestId('sv-answered-540400').click();
    await hq.getByTestId('problem-open').click();
    await expect(hq.getByTestId('supervision-banner')).toContainText('Office answered');
    seen.push(...(await chinese(hq, 'hq problem')));
    await viewShots(hq, 'en-hq-problem');
    for (const [button, form] of [['supervise-note-add', 'further note'], ['supervise-lift', 'lift']] as const) {
      await hq.getByTestId(button).click();
      await expect(hq.getByTestId('supervise-form')).toBeVisible();
      if (form === 'further note') {
        // An empty note is refused on its field, in English.
        await hq.getByTestId('supervise-form-ok').click();
        await expect(hq.getByTestId('supervise-form')).toContainText("Write HQ's note");
      }
      seen.push(...(await chinese(hq, `hq ${form} form`)));
      await viewShots(hq, `en-hq-${form.replace(' ', '-')}`);
      await hq.getByTestId('supervise-form-cancel').click();
      await expect(hq.getByTestId('supervise-form')).toHaveCount(0);
    }
    await hq.keyboard.press('Escape');
    await hq.getByTestId('nav-dashboard').click();
    await expect(hq.getByTestId('dashboard-supervision')).toBeVisible();
    await hq.getByTestId('sv-remind-540400').click();
    await typeDate(hq, hq.getByTestId('remind-by'), '2020-01-01');
    await hq.getByTestId('remind-form-ok').click();
    await expect(hq.getByTestId('remind-form')).toContainText('Say what HQ asks for');
    await expect(hq.getByTestId('remind-form')).toContainText('The date cannot be before today');
    seen.push(...(await chinese(hq, 'hq remind form')));
    await viewShots(hq, 'en-hq-remind');
    // What was typed is not dropped without asking.
    await hq.getByTestId('remind-form-cancel').click();
    await expect(hq.getByTestId('keep-editing')).toBeFocused();
    seen.push(...(await chinese(hq, 'hq discard question')));
    await hq.getByTestId('discard-confirm').click();
    await expect(hq.getByTestId('remind-form')).toHaveCount(0);
    await hq.getByTestId('hq-reminders-open').click();
    await expect(hq.getByTestId('reminder-done')).toHaveCount(1);
    await expect(hq.getByTestId('reminder-close')).toHaveCount(1);
    seen.push(...(await chinese(hq, 'hq reminders')));
    await viewShots(hq, 'en-hq-reminders');
    await hq.keyboard.press('Escape');
    seen.push(...(await chinese(hq, 'hq dashboard')));
    await viewShots(hq, 'en-hq-dashboard', 'dashboard-supervision');
    await hq.getByTestId('nav-sync').click();
    await expect(hq.getByTestId('remind-540400')).toHaveText('Remind');
    seen.push(...(await chinese(hq, 'hq sync')));
    await viewShots(hq, 'en-hq-sync', 'offices-table');
    expect(seen).toEqual([]);
  } finally {
    await hqHost?.stop();
    await officeHost.stop();
    remove();
  }
});
