// End-to-end: Settings → 常见问题 in Debian's chromium against a real `kefu serve` on demo
// data (which has no FAQ entries). Steps run in order and share one server; screenshots land
// in e2e/output/ (faq-*.png).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { adminSession, api, choose, newPage, overlaysGone, screenshot, signIn, switchLanguage, toast } from './support.mjs';

const REFUND = {
  question: '退款什么时候到账？',
  phrasings: ['退款多久能收到', '钱什么时候退回来'],
  answer: '退款审核通过后 1-3 个工作日原路退回。\n超过 7 个工作日仍未到账，请联系客服核对流水。',
};
const ADDRESS = {
  question: '如何修改收货地址？',
  answer: '订单发货前，可在「我的订单」中修改收货地址；已发货的订单请联系客服拦截。',
};

let server;
let browser;
let page;
let adminToken;

before(async () => {
  ({ server, browser, page, adminToken } = await adminSession());
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function faqs(query = '') {
  return (await api(server, adminToken, 'GET', `/api/v1/faqs${query}`)).items;
}

function row(text) {
  return page.locator('[data-test=faq-table] .el-table__row', { hasText: text });
}

describe('FAQ settings', () => {
  test('the page is in the Settings menu and starts empty', async () => {
    await page.locator('[data-test=nav-settings]').click();
    await page.locator('[data-test=nav-settings] .el-menu-item', { hasText: '常见问题' }).click();
    await page.waitForURL(/\/settings\/faq$/);
    await page.locator('[data-test=faq-empty]', { hasText: '还没有常见问题' }).waitFor();
  });

  test('creates two entries, one with phrasings (repeats refused)', async () => {
    // A leaf category whose name picks out its own option only (a parent's name is part of
    // its children's "parent / child" labels).
    const categories = (await api(server, adminToken, 'GET', '/api/v1/categories')).items;
    const leaves = categories.filter((c) => !categories.some((o) => o.parent_id === c.id));
    const unique = leaves.filter((c) => categories.filter((o) => o.name.includes(c.name)).length === 1);
    const category = unique.find((c) => c.name.includes('退款')) ?? unique[0];

    await page.locator('[data-test=faq-create]').click();
    await page.locator('[data-test=faq-dialog]').waitFor();
    // Nothing filled in: the form says what is missing and sends nothing.
    await page.locator('[data-test=faq-submit]').click();
    await page.locator('[data-test=faq-dialog] .el-form-item__error').first().waitFor();

    await page.locator('[data-test=faq-question]').fill(REFUND.question);
    const phrasing = page.locator('[data-test=faq-phrasing-input]');
    for (const text of REFUND.phrasings) {
      await phrasing.fill(text);
      await phrasing.press('Enter');
    }
    // The same phrasing again (with a question mark) and the question itself are refused.
    await phrasing.fill(`${REFUND.phrasings[0]}？`);
    await phrasing.press('Enter');
    await page.locator('[data-test=faq-phrasing-notice]', { hasText: '已在列表中' }).waitFor();
    await phrasing.fill('退款什么时候到账');
    await phrasing.press('Enter');
    await page.locator('[data-test=faq-phrasing-notice]', { hasText: '与问题相同' }).waitFor();
    await phrasing.fill('');
    assert.deepEqual(await page.locator('[data-test=faq-phrasing] .chip-text').allInnerTexts(), REFUND.phrasings);

    await page.locator('[data-test=faq-answer]').fill(REFUND.answer);
    assert.match(await page.locator('[data-test=faq-dialog] .el-input__count').last().innerText(), /\/\s*5000/);
    await choose(page, page.locator('[data-test=faq-category]'), category.name);
    await page.locator('.el-select__popper:visible').first().waitFor({ state: 'hidden' });
    await screenshot(page, 'faq-01-dialog');
    await page.locator('[data-test=faq-submit]').click();
    await toast(page, `「${REFUND.question}」已创建`);
    await row(REFUND.question).waitFor();
    await overlaysGone(page);

    await page.locator('[data-test=faq-create]').click();
    await page.locator('[data-test=faq-question]').fill(ADDRESS.question);
    await page.locator('[data-test=faq-answer]').fill(ADDRESS.answer);
    await page.locator('[data-test=faq-submit]').click();
    await toast(page, `「${ADDRESS.question}」已创建`);
    await row(ADDRESS.question).waitFor();
    await overlaysGone(page);

    const saved = await faqs();
    const refund = saved.find((f) => f.question === REFUND.question);
    assert.deepEqual(refund.alternatives, REFUND.phrasings);
    assert.equal(refund.answer, REFUND.answer);
    assert.equal(refund.category_id, category.id);
    assert.equal(refund.language, 'zh-CN');
    assert.equal(refund.active, true);
    assert.equal(saved.length, 2);
    assert.equal(await row(REFUND.question).locator('[data-test=faq-phrasing-count]').innerText(), '2');
    await screenshot(page, 'faq-02-list');
  });

  test('searching “退款多久到账” puts “退款什么时候到账？” first, with its relevance', async () => {
    await page.locator('[data-test=faq-search]').fill('退款多久到账');
    await page.locator('[data-test=faq-relevance]').first().waitFor();
    const questions = await page.locator('[data-test=faq-question-cell]').allInnerTexts();
    assert.equal(questions[0], REFUND.question);
    const relevance = await page.locator('[data-test=faq-relevance]').first().innerText();
    assert.match(relevance, /^\d{1,3}%$/);
    assert.ok(Number.parseInt(relevance, 10) > 0, relevance);
    await page.locator('[data-test=faq-summary]', { hasText: '找到' }).waitFor();
    await screenshot(page, 'faq-03-search');

    // Clearing the box lists every entry again, newest first.
    await page.locator('[data-test=faq-search]').fill('');
    await page.locator('[data-test=faq-relevance]').first().waitFor({ state: 'detached' });
    assert.equal(await page.locator('[data-test=faq-table] .el-table__row').count(), 2);
  });

  test('edits an entry; a change made meanwhile by someone else is loaded and kept', async () => {
    const before = (await faqs()).find((f) => f.question === ADDRESS.question);
    await row(ADDRESS.question).locator('[data-test=faq-edit]').click();
    await page.locator('[data-test=faq-dialog]').waitFor();
    const phrasing = page.locator('[data-test=faq-phrasing-input]');
    await phrasing.fill('收货地址填错了怎么办');
    await phrasing.press('Enter');

    // Someone else switches it to English meanwhile.
    await api(server, adminToken, 'PATCH', `/api/v1/faqs/${before.id}`, { language: 'en' });
    await page.locator('[data-test=faq-submit]').click();
    await toast(page, '已被他人修改', 'warning');
    await page.locator('[data-test=faq-stale]').waitFor();
    assert.equal(await page.locator('[data-test=faq-language-en] input').isChecked(), true);
    assert.deepEqual(await page.locator('[data-test=faq-phrasing] .chip-text').allInnerTexts(), ['收货地址填错了怎么办']);

    await page.locator('[data-test=faq-submit]').click();
    await toast(page, `「${ADDRESS.question}」已保存`);
    await overlaysGone(page);
    const after = (await faqs()).find((f) => f.id === before.id);
    assert.deepEqual(after.alternatives, ['收货地址填错了怎么办']);
    assert.equal(after.language, 'en');
    assert.equal(after.version, before.version + 2);
    await row(ADDRESS.question).locator('td', { hasText: '英文' }).waitFor();
  });

  test('switches an entry off and filters by status', async () => {
    await row(REFUND.question).locator('[data-test=faq-active-switch]').click();
    await toast(page, `已停用「${REFUND.question}」`);
    const refund = (await faqs()).find((f) => f.question === REFUND.question);
    assert.equal(refund.active, false);

    await choose(page, page.locator('[data-test=faq-filter-status]'), '已停用');
    await page.waitForFunction(() => document.querySelectorAll('[data-test=faq-table] .el-table__row').length === 1);
    await row(REFUND.question).waitFor();
    await choose(page, page.locator('[data-test=faq-filter-status]'), '全部状态');
    await page.waitForFunction(() => document.querySelectorAll('[data-test=faq-table] .el-table__row').length === 2);
  });

  test('deletes an entry after confirming', async () => {
    const address = (await faqs()).find((f) => f.question === ADDRESS.question);
    await row(ADDRESS.question).locator('[data-test=faq-delete]').click();
    // Cancelling keeps it.
    await page.locator('.el-message-box').waitFor();
    await page.locator('.el-message-box .el-button', { hasText: '取消' }).click();
    await overlaysGone(page);
    assert.equal(await row(ADDRESS.question).count(), 1);

    await row(ADDRESS.question).locator('[data-test=faq-delete]').click();
    await page.locator('.el-message-box .el-button--danger').click();
    await toast(page, `「${ADDRESS.question}」已删除`);
    await row(ADDRESS.question).waitFor({ state: 'detached' });
    const gone = await fetch(`${server.url}/api/v1/faqs/${address.id}`, { headers: { Authorization: `Bearer ${adminToken}` } });
    assert.equal(gone.status, 404);
    const audit = await api(server, adminToken, 'GET', '/api/v1/audit-log?action=faq.deleted');
    assert.equal(audit.items.length, 1);
    assert.equal(audit.items[0].target_type, 'faq');
    await overlaysGone(page);
    await screenshot(page, 'faq-04-after-delete');
  });

  test('fits a phone-sized screen', async () => {
    const phone = await newPage(browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await signIn(phone, server.url, server.admin);
    await phone.goto(`${server.url}/settings/faq`);
    await phone.locator('[data-test=faq-table] .el-table__row').first().waitFor();
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page is ${overflow}px wider than the screen`);
    await phone.locator('[data-test=faq-search]').fill('退款多久到账');
    await phone.locator('[data-test=faq-relevance]').first().waitFor();
    await screenshot(phone, 'faq-05-mobile');
    await phone.locator('[data-test=faq-edit]').first().click();
    await phone.locator('[data-test=faq-dialog]').waitFor();
    await phone.waitForTimeout(400);
    await screenshot(phone, 'faq-06-mobile-dialog');
    assert.deepEqual(phone.consoleErrors, []);
    await phone.context().close();
  });

  test('in English at 1024 px', async () => {
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.goto(`${server.url}/settings/faq`);
    await switchLanguage(page, 'en');
    await page.locator('.kefu-page-header h1', { hasText: 'FAQ' }).waitFor();
    await row(REFUND.question).locator('td', { hasText: 'Chinese' }).waitFor();
    await screenshot(page, 'faq-07-en-1024');
    await switchLanguage(page, 'zh-CN');
  });

  test('no errors in the browser console', () => {
    assert.deepEqual(page.consoleErrors, []);
  });
});
