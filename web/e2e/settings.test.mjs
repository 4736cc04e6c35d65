// End-to-end: the Settings area of the agent console in Debian's chromium against a real
// `kefu serve` on demo data. Steps run in order and share one server; screenshots land in
// e2e/output/ (settings-*.png).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { adminSession, api, choose, newPage, overlaysGone, screenshot, signIn, switchLanguage, toast } from './support.mjs';

const ROLE = { key: 'qa_reviewer', name: '质检专员' };
const DEPARTMENT = '售后服务';
const NEW_USER = { name: '赵磊', email: 'zhao.lei.e2e@kefu.local' };
const TOKEN_NAME = 'CRM 同步';

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

describe('settings', () => {
  test('the Settings group lists every page for an admin', async () => {
    await page.locator('[data-test=nav-settings]').click();
    const items = await page.locator('[data-test=nav-settings] .el-menu-item').allInnerTexts();
    assert.deepEqual(
      items.map((s) => s.trim()),
      ['用户', '角色与权限', '部门', '工单分类', '优先级', '自定义字段', '常见问题', 'API 令牌', '审计日志'],
    );
    await page.locator('[data-test=nav-settings] .el-menu-item', { hasText: '用户' }).click();
    await page.waitForURL(/\/settings\/users$/);
  });

  test('creates a custom role by ticking the matrix', async () => {
    await page.goto(`${server.url}/settings/roles`);
    await page.locator('[data-test=role-matrix]').waitFor();
    // Built-in roles are read-only.
    assert.equal(await page.locator('[data-test="grant-agent-tickets.read"] input').isDisabled(), true);
    await page.locator('[data-test=role-create]').click();
    await page.locator('[data-test=role-name]').fill(ROLE.name);
    await page.locator('[data-test=role-key]').fill(ROLE.key);
    await page.locator('[data-test=role-create-submit]').click();
    await page.locator(`th[data-role=${ROLE.key}]`).waitFor();
    for (const permission of ['tickets.read', 'tickets.read_all', 'tickets.update', 'customers.read']) {
      await page.locator(`[data-test="grant-${ROLE.key}-${permission}"]`).click();
    }
    await page.locator(`[data-test=role-save-${ROLE.key}]`).click();
    await toast(page, ROLE.name);
    const roles = await api(server, adminToken, 'GET', '/api/v1/roles');
    const saved = roles.items.find((r) => r.key === ROLE.key);
    assert.deepEqual([...saved.permissions].sort(), ['customers.read', 'tickets.read', 'tickets.read_all', 'tickets.update']);
    assert.equal(await page.locator(`[data-test=role-save-${ROLE.key}]`).isDisabled(), true);
    await overlaysGone(page);
    await screenshot(page, 'settings-02-roles');
  });

  test('creates a department with an assignment policy', async () => {
    await page.goto(`${server.url}/settings/departments`);
    await page.locator('[data-test=department-table] .el-table__row').first().waitFor();
    await page.locator('[data-test=department-create]').click();
    await page.locator('[data-test=department-name]').fill(DEPARTMENT);
    await page.locator('[data-test=department-description]').fill('退换货、维修与售后投诉');
    await page.locator('[data-test=policy-least_loaded]').click();
    await page.locator('[data-test=department-submit]').click();
    await toast(page, DEPARTMENT);
    await page.locator('[data-test=department-table] .el-table__row', { hasText: DEPARTMENT }).waitFor();
    const departments = await api(server, adminToken, 'GET', '/api/v1/departments');
    const created = departments.items.find((d) => d.name === DEPARTMENT);
    assert.equal(created.assignment_policy, 'least_loaded');
    await overlaysGone(page);
    await screenshot(page, 'settings-03-departments');
  });

  test('creates a user with the custom role, a department and a skill; the new user signs in', async () => {
    await page.goto(`${server.url}/settings/users`);
    await page.locator('[data-test=user-table] .el-table__row').first().waitFor();
    await page.locator('[data-test=user-create]').click();
    await page.locator('[data-test=user-name]').fill(NEW_USER.name);
    await page.locator('[data-test=user-email]').fill(NEW_USER.email);
    await choose(page, page.locator('[data-test=user-role]'), ROLE.name);
    await page.locator('[data-test=add-membership]').click();
    await choose(page, page.locator('[data-test=membership-department]').first(), DEPARTMENT);
    await page.locator('[data-test=membership-row] .el-checkbox').first().click();
    await page.locator('[data-test=add-skill]').click();
    await page.locator('[data-test=skill-name]').first().fill('退换货');
    await page.locator('[data-test=user-submit]').click();

    // No password given: the generated one is shown once.
    await page.locator('[data-test=secret-dialog]').waitFor();
    const password = await page.locator('[data-test=secret-value]').inputValue();
    assert.ok(password.length >= 12, password);
    await page.locator('[data-test=secret-done]').click();
    await page.locator('[data-test=user-table] .el-table__row', { hasText: NEW_USER.email }).waitFor();

    const users = await api(server, adminToken, 'GET', '/api/v1/users');
    const created = users.items.find((u) => u.email === NEW_USER.email);
    const departments = await api(server, adminToken, 'GET', '/api/v1/departments');
    const department = departments.items.find((d) => d.name === DEPARTMENT);
    assert.equal(created.role, ROLE.key);
    assert.deepEqual(created.departments, [{ department_id: department.id, is_lead: true }]);
    assert.deepEqual(created.skills, [{ name: '退换货', level: 3 }]);
    await page.locator('[data-test=user-search]').fill('赵磊');
    await overlaysGone(page);
    await screenshot(page, 'settings-01-users');

    // The new user signs in and sees tickets but no Settings group (the role has no settings).
    const other = await newPage(browser);
    await signIn(other, server.url, { email: NEW_USER.email, password });
    await other.locator('.el-menu-item', { hasText: '工单' }).first().waitFor();
    assert.equal(await other.locator('[data-test=nav-settings]').count(), 0);
    await other.goto(`${server.url}/settings/users`);
    await other.waitForURL(`${server.url}/`);
    assert.deepEqual(other.consoleErrors, []);
    await other.context().close();
  });

  test('edits a user and cannot deactivate oneself', async () => {
    await page.goto(`${server.url}/settings/users`);
    const row = page.locator('[data-test=user-table] .el-table__row', { hasText: NEW_USER.email });
    await row.locator('[data-test=user-deactivate]').click();
    await page.locator('.el-message-box .el-button--primary').click();
    await toast(page, NEW_USER.name);
    await row.locator('[data-test=user-reactivate]').waitFor();
    const me = page.locator('[data-test=user-table] .el-table__row', { hasText: server.admin.email });
    assert.equal(await me.locator('[data-test=user-deactivate]').count(), 0);
    await row.locator('[data-test=user-reactivate]').click();
    await toast(page, NEW_USER.name);
    const users = await api(server, adminToken, 'GET', '/api/v1/users');
    assert.equal(users.items.find((u) => u.email === NEW_USER.email).active, true);
  });

  test('creates a child category under a top-level one', async () => {
    await page.goto(`${server.url}/settings/categories`);
    await page.locator('[data-test=category-tree] .el-tree-node__content', { hasText: '技术支持' }).first().click();
    await page.locator('[data-test=category-details]').waitFor();
    await page.locator('[data-test=category-add-child]').click();
    await page.locator('[data-test=category-name]').fill('退货退款');
    await choose(page, page.locator('[data-test=category-department]'), DEPARTMENT);
    await page.locator('[data-test=category-dialog] .el-radio', { hasText: '高' }).click();
    await page.locator('[data-test=category-submit]').click();
    await toast(page, '退货退款');
    await page.locator('[data-test=category-details]', { hasText: '技术支持 / 退货退款' }).waitFor();
    const categories = await api(server, adminToken, 'GET', '/api/v1/categories');
    const parent = categories.items.find((c) => c.name === '技术支持' && c.parent_id === null);
    const child = categories.items.find((c) => c.name === '退货退款');
    assert.equal(child.parent_id, parent.id);
    assert.equal(child.default_priority, 'high');
    await overlaysGone(page);
    await screenshot(page, 'settings-04-categories');
  });

  test('shows the four priorities and the categories that use them', async () => {
    await page.goto(`${server.url}/settings/priorities`);
    await page.locator('[data-test=priority-table] tr[data-priority=high]', { hasText: '退货退款' }).waitFor();
    assert.equal(await page.locator('[data-test=priority-table] tbody tr').count(), 4);
    await screenshot(page, 'settings-05-priorities');
  });

  test('creates a select custom field for customers', async () => {
    await page.goto(`${server.url}/settings/custom-fields`);
    await page.locator('[data-test=field-table] .el-table__row').first().waitFor();
    await page.locator('[data-test=field-entity-customer]').click();
    await page.locator('[data-test=field-create]').click();
    await page.locator('[data-test=field-label]').fill('会员来源');
    await page.locator('[data-test=field-key]').fill('member_source');
    await choose(page, page.locator('[data-test=field-type]'), '下拉选项');
    await page.locator('[data-test=field-options]').fill('天猫旗舰店\n线下门店\n\n天猫旗舰店');
    await page.locator('[data-test=field-submit]').click();
    await toast(page, '会员来源');
    await page.locator('[data-test=field-table] .el-table__row', { hasText: 'member_source' }).waitFor();
    const fields = await api(server, adminToken, 'GET', '/api/v1/custom-fields?entity=customer');
    const field = fields.items.find((f) => f.key === 'member_source');
    assert.equal(field.type, 'select');
    assert.deepEqual(field.options, ['天猫旗舰店', '线下门店']);
    await overlaysGone(page);
    await screenshot(page, 'settings-06-custom-fields');
  });

  let tokenSecret;
  test('creates an API token, shows its secret once, lists it and revokes it', async () => {
    await page.goto(`${server.url}/settings/api-tokens`);
    await page.locator('[data-test=token-create]').click();
    await page.locator('[data-test=token-name]').fill(TOKEN_NAME);
    await page.locator('[data-test="scope-tickets.read"]').click();
    await page.locator('[data-test=token-submit]').click();
    await page.locator('[data-test=secret-dialog]').waitFor();
    tokenSecret = await page.locator('[data-test=secret-value]').inputValue();
    assert.match(tokenSecret, /^kfp_/);
    const works = await fetch(`${server.url}/api/v1/tickets?limit=1`, { headers: { Authorization: `Bearer ${tokenSecret}` } });
    assert.equal(works.status, 200);
    await page.locator('[data-test=secret-done]').click();
    const row = page.locator('[data-test=token-table] .el-table__row', { hasText: TOKEN_NAME });
    await row.locator('[data-test=token-status]', { hasText: '有效' }).waitFor();
    await overlaysGone(page);
    await screenshot(page, 'settings-07-api-tokens');

    await row.locator('[data-test=token-revoke]').click();
    await page.locator('.el-message-box .el-button--danger').click();
    await row.locator('[data-test=token-status]', { hasText: '已吊销' }).waitFor();
    const refused = await fetch(`${server.url}/api/v1/tickets?limit=1`, { headers: { Authorization: `Bearer ${tokenSecret}` } });
    assert.equal(refused.status, 401);
  });

  test('the audit log shows the token creation with its details', async () => {
    await page.goto(`${server.url}/settings/audit-log`);
    await page.locator('[data-test=audit-table] .el-table__row').first().waitFor();
    await choose(page, page.locator('[data-test=audit-action]'), '创建 API 令牌');
    await page.locator('[data-test=audit-search]').click();
    await page.locator('[data-test=audit-table] .el-table__row', { hasText: '创建 API 令牌' }).first().waitFor();
    const labels = await page.locator('[data-test=audit-action-label]').allInnerTexts();
    assert.deepEqual(labels, ['创建 API 令牌']);
    await page.locator('[data-test=audit-expand]').first().click();
    await page.locator('[data-test=audit-details]', { hasText: TOKEN_NAME }).waitFor();
    await screenshot(page, 'settings-08-audit-log');
  });

  test('settings pages fit a phone-sized screen', async () => {
    const phone = await newPage(browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await signIn(phone, server.url, server.admin);
    for (const [path, ready] of [
      ['users', '[data-test=user-table] .el-table__row'],
      ['roles', '[data-test=role-matrix]'],
      ['categories', '[data-test=category-tree] .el-tree-node'],
      ['audit-log', '[data-test=audit-table] .el-table__row'],
    ]) {
      await phone.goto(`${server.url}/settings/${path}`);
      await phone.locator(ready).first().waitFor();
      const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${path} is ${overflow}px wider than the screen`);
      if (path === 'users') await screenshot(phone, 'settings-09-users-mobile');
    }
    await screenshot(phone, 'settings-09-audit-log-mobile');
    await phone.locator('[data-test=menu-toggle]').click();
    await phone.locator('.el-drawer [data-test=nav-settings]').waitFor();
    assert.deepEqual(phone.consoleErrors, []);
    await phone.context().close();
  });

  test('the roles matrix in English at 1024 px', async () => {
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.goto(`${server.url}/settings/roles`);
    await switchLanguage(page, 'en');
    await page.locator('[data-test=role-matrix] th', { hasText: 'View every ticket in every department' }).waitFor();
    await screenshot(page, 'settings-10-roles-en');
  });

  test('no errors in the browser console', () => {
    assert.deepEqual(page.consoleErrors, []);
  });
});
