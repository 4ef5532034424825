import path from 'node:path';
import { test, expect } from '@playwright/test';
import { startHostProcess } from '../support/host';
import { hqAndOffice } from '../support/supervision-e2e';
import { chooseFile, download } from '../support/sync-e2e';
import { viewShots } from '../support/view-shots';
import { typeDate } from './fixtures';

/**
 * 督办 and 催报 end to end, through the screens: HQ marks an office's problem 督办 with its
 * deadline and note and reminds the office to send its package; the reference package carries
 * both to that office, which sees the mark, HQ's deadline and note (from HQ, read-only) and the
 * reminder, and answers with a progress note; its package brings the answer to HQ, beside HQ's
 * note, and marks the reminder done; HQ's next reference package takes it off the office's dashboard.
 */
const shot = viewShots;
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

test('HQ supervises an office problem and reminds the office; the office sees both, answers, and HQ sees the answer', async ({ browser }, testInfo) => {
  test.setTimeout(300_000);
  const out = testInfo.outputDir;
  const { hqDir, officeDir, remove } = hqAndOffice(out, { hq: ['自治区经济和信息化厅', '卓玛'], office: ['林芝市经济和信息化局', '扎西'] });

  const hqHost = await startHostProcess(hqDir);
  const officeHost = await startHostProcess(officeDir);
  try {
    const hq = await browser.newPage();
    await hq.goto(hqHost.url);
    const deadline = inDays(10);

    // HQ opens one of the office's open problems and marks it 督办 with its deadline and note.
    await hq.getByTestId('nav-problems').click();
    const first = hq.getByTestId('problem-row').first();
    const description = (await first.innerText()).trim();
    await hq.getByTestId('problem-open').first().click();
    await expect(hq.getByTestId('problem-detail')).toContainText(description);
    await expect(hq.getByTestId('problem-add-note')).toHaveCount(0);
    await hq.getByTestId('supervise-mark').click();
    await expect(hq.getByTestId('supervise-form')).toContainText('只发给该问题所属地（市）');
    // An empty note is refused on the field, nothing is written.
    await hq.getByTestId('supervise-form-ok').click();
    await expect(hq.getByTestId('supervise-form')).toContainText('请填写督办意见');
    await hq.getByTestId('supervise-note').fill('请于时限前协调供电公司办结，并报送进展。');
    await typeDate(hq, hq.getByTestId('supervise-deadline'), deadline);
    await shot(hq, 'sv-hq-mark');
    await hq.getByTestId('supervise-form-ok').click();
    await expect(hq.getByTestId('supervise-form')).toHaveCount(0);
    await expect(hq.getByTestId('supervision-banner')).toContainText(`督办时限：${deadline}`);
    await expect(hq.getByTestId('supervision-banner')).toContainText('待地市回复');
    await expect(hq.getByTestId('timeline-hq')).toContainText('请于时限前协调供电公司办结');
    await expect(hq.getByTestId('timeline-hq')).toContainText('卓玛');
    // Lifting asks first, with the focus on Cancel: Enter keeps the 督办.
    await hq.getByTestId('supervise-lift').click();
    await expect(hq.getByTestId('supervise-form-cancel')).toBeFocused();
    await hq.keyboard.press('Enter');
    await expect(hq.getByTestId('supervise-form')).toHaveCount(0);
    await expect(hq.getByTestId('supervise-lift')).toBeVisible();
    await shot(hq, 'sv-hq-detail');
    await hq.keyboard.press('Escape');
    await expect(hq.locator('.ant-drawer-open')).toHaveCount(0);

    // The list shows the mark; the summary counts it for 林芝市, and its number narrows the list.
    await expect(hq.getByTestId('supervision-tag')).toHaveCount(1);
    await expect(hq.getByTestId('supervision-deadline')).toHaveText(`督办 限${deadline}`);
    await hq.getByTestId('problems-supervision').locator('.ant-collapse-header').click();
    await expect(hq.getByTestId('sv-supervised-540400')).toHaveText('1');
    await hq.getByTestId('sv-supervised-540400').click();
    await expect(hq.getByTestId('problem-row')).toHaveCount(1);
    await shot(hq, 'sv-hq-problems');

    // 催报 from the dashboard's 督办 matrix.
    await hq.getByTestId('nav-dashboard').click();
    await expect(hq.getByTestId('dashboard-supervision')).toBeVisible();
    await expect(hq.getByTestId('sv-supervised-region')).toHaveText('1');
    await hq.getByTestId('sv-remind-540400').click();
    await expect(hq.locator('.ant-modal-title')).toHaveText('向林芝市催报');
    await expect(hq.getByTestId('remind-form')).toContainText('催报只发给该地市');
    await hq.getByTestId('remind-note').fill('请于本周内报送同步包。');
    await shot(hq, 'sv-hq-remind');
    await hq.getByTestId('remind-form-ok').click();
    await expect(hq.getByTestId('remind-form')).toHaveCount(0);
    await expect(hq.getByTestId('sv-reminders-540400')).toHaveText('1');
    await shot(hq, 'sv-hq-dashboard', 'dashboard-supervision');

    // HQ publishes; the office imports and sees what concerns it.
    await hq.getByTestId('nav-sync').click();
    const ref1 = path.join(out, 'ref1.smesync');
    await download(hq, 'publish', ref1);
    const office = await browser.newPage();
    await office.goto(officeHost.url);
    await office.getByTestId('nav-sync').click();
    await chooseFile(office, 'package-import', ref1);
    await expect(office.getByTestId('package-done')).toBeVisible();
    await expect(office.getByTestId('reference-supervision')).toHaveText('总部督办/催报：2 条');

    await office.getByTestId('nav-dashboard').click();
    await expect(office.getByTestId('office-reminder')).toContainText('请于本周内报送同步包。');
    await expect(office.getByTestId('office-supervised')).toContainText(description);
    await shot(office, 'sv-office-dashboard');

    await office.getByTestId('nav-problems').click();
    await expect(office.getByTestId('supervision-deadline')).toHaveText(`督办 限${deadline}`);
    await office.getByTestId('filter-supervision').click();
    await office.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '督办中' }).click();
    await expect(office.getByTestId('problem-row')).toHaveText([description]);
    await shot(office, 'sv-office-problems');
    await office.getByTestId('problem-open').click();
    await expect(office.getByTestId('supervision-banner')).toContainText(`督办时限：${deadline}`);
    const hqNote = office.getByTestId('timeline-hq');
    await expect(hqNote).toContainText('总部督办');
    await expect(hqNote).toContainText('请于时限前协调供电公司办结');
    // HQ's note is read-only here: the office answers with its own progress note.
    await expect(office.getByTestId('supervise-mark')).toHaveCount(0);
    await expect(office.getByTestId('supervision-answer-hint')).toBeVisible();
    await office.getByTestId('problem-note').fill('已与供电公司对接，预计下周通电。');
    await office.getByTestId('problem-add-note').click();
    await expect(office.getByTestId('timeline-answer')).toContainText('已与供电公司对接');
    await shot(office, 'sv-office-detail');
    // The enterprise's own list of problems carries the mark too.
    await office.getByTestId('problem-detail').locator('.ant-descriptions a').first().click();
    await office.locator('.ant-drawer-open .ant-tabs-tab').filter({ hasText: '问题' }).click();
    await expect(office.locator('.ant-drawer-open').getByTestId('supervision-deadline')).toHaveText(`督办 限${deadline}`);
    await shot(office, 'sv-office-enterprise');
    await office.keyboard.press('Escape');
    await expect(office.locator('.ant-drawer-open')).toHaveCount(1);
    // (Escape does not reach the problem's drawer once the one above it has closed: its button does.)
    await office.locator('.ant-drawer-open .ant-drawer-close').click();
    await expect(office.locator('.ant-drawer-open')).toHaveCount(0);

    // The office's package brings the answer to HQ and closes the reminder.
    await office.getByTestId('nav-sync').click();
    const p2 = path.join(out, 'p2.smesync');
    await download(office, 'export-package', p2);
    await chooseFile(hq, 'package-import', p2);
    await hq.getByTestId('package-confirm').click();
    await expect(hq.getByTestId('package-done')).toBeVisible();

    await hq.getByTestId('nav-problems').click();
    await hq.getByTestId('filter-supervision').click();
    await hq.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '地市已回复' }).click();
    await expect(hq.getByTestId('problem-row')).toHaveText([description]);
    await expect(hq.getByTestId('supervision-answered')).toHaveCount(1);
    await hq.getByTestId('problem-open').click();
    await expect(hq.getByTestId('supervision-banner')).toContainText('地市已回复');
    // The answer follows HQ's note in the timeline.
    const timeline = hq.getByTestId('problem-timeline');
    await expect(timeline.locator('[data-testid=timeline-hq] + *, [data-testid=timeline-hq]')).toHaveCount(1);
    await expect(timeline.locator('.ant-timeline-item').filter({ has: hq.getByTestId('timeline-hq') }).locator('xpath=following-sibling::*[1]')).toContainText('已与供电公司对接');
    await shot(hq, 'sv-hq-answered');
    await hq.keyboard.press('Escape');

    await hq.getByTestId('nav-dashboard').click();
    await expect(hq.getByTestId('sv-answered-540400')).toHaveText('1');
    await expect(hq.getByTestId('sv-reminders-540400')).toHaveText('0');
    // A number in the dashboard's matrix opens the problem list narrowed to those problems.
    await hq.getByTestId('sv-answered-540400').click();
    await expect(hq.getByTestId('page-problems')).toBeVisible();
    await expect(hq.getByTestId('problem-row')).toHaveText([description]);
    await expect(hq.getByTestId('filter-supervision')).toContainText('地市已回复');
    await expect(hq.getByTestId('filter-prefecture')).toContainText('林芝市');
    await hq.getByTestId('nav-dashboard').click();
    await hq.getByTestId('hq-reminders-open').click();
    await expect(hq.getByTestId('reminder-done')).toContainText('已完成');
    await shot(hq, 'sv-hq-reminders');
    await hq.keyboard.press('Escape');

    // HQ's next reference package tells the office: the reminder leaves its dashboard.
    await hq.getByTestId('nav-sync').click();
    const ref2 = path.join(out, 'ref2.smesync');
    await download(hq, 'publish', ref2);
    await office.getByTestId('nav-sync').click();
    await chooseFile(office, 'package-import', ref2);
    await expect(office.getByTestId('package-done')).toBeVisible();
    await office.getByTestId('nav-dashboard').click();
    await expect(office.getByTestId('office-supervised')).toContainText(description);
    await expect(office.getByTestId('office-reminder')).toHaveCount(0);
  } finally {
    await hqHost.stop();
    await officeHost.stop();
    remove();
  }
});
