// End-to-end: the console's live side with two agents in two browser contexts — changes
// made by one show on the other's open pages, the collision indicator, the assignment
// notice. Real server, real WebSocket, Debian's chromium.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { api, apiLogin, choose, launchBrowser, newPage, screenshot, signIn, startKefu } from './support.mjs';

// The bound for a change to reach another agent's open page.
const LIVE_BOUND_MS = 2000;

let server;
let browser;
let pageA; // the admin
let pageB; // a supervisor
let adminToken;
let supervisor;
let ticket;

before(async () => {
  server = await startKefu();
  browser = await launchBrowser();
  adminToken = await apiLogin(server, server.admin.email, server.admin.password);
  const credentials = { email: 'zhou.min@kefu.test', password: 'Live-Test-2026!' };
  supervisor = {
    ...credentials,
    ...(await api(server, adminToken, 'POST', '/api/v1/users', { ...credentials, name: '周敏', role: 'supervisor' })),
  };
  ticket = await api(server, adminToken, 'POST', '/api/v1/tickets', {
    subject: '实时测试：退款迟迟未到账',
    requester: { name: '实时测试客户', phone: '13600005555' },
  });
  pageA = await newPage(browser);
  pageB = await newPage(browser);
  await signIn(pageA, server.url, server.admin);
  await signIn(pageB, server.url, supervisor);
});

after(async () => {
  for (const page of [pageA, pageB]) {
    if (page) assert.deepEqual(page.consoleErrors, [], 'no errors in the browser console');
  }
  await browser?.close();
  await server?.stop();
});

describe('live console', () => {
  test('two agents on one ticket see each other viewing, then replying', async () => {
    await pageB.goto(`${server.url}/tickets/${ticket.id}`);
    await pageB.locator('[data-test=ticket-subject]').waitFor();
    await pageA.goto(`${server.url}/tickets/${ticket.id}`);
    await pageA.locator('[data-test=ticket-subject]').waitFor();

    await pageA.locator('[data-test=presence-viewing]', { hasText: '周敏' }).waitFor({ timeout: LIVE_BOUND_MS });
    await pageB.locator('[data-test=presence-viewing]').waitFor({ timeout: LIVE_BOUND_MS });

    await pageB.locator('[data-test=reply-body]').fill('您好，我们正在核实退款');
    const replying = pageA.locator('[data-test=presence-replying]', { hasText: '周敏' });
    await replying.waitFor({ timeout: LIVE_BOUND_MS });
    assert.match(await replying.innerText(), /正在回复/);
    await screenshot(pageA, '20-live-collision');

    await pageB.locator('[data-test=reply-body]').fill('');
    await pageA.locator('[data-test=presence-viewing]', { hasText: '周敏' }).waitFor({ timeout: LIVE_BOUND_MS });
  });

  test("agent A's change shows on agent B's open ticket within 2 s", async () => {
    const started = Date.now();
    await choose(pageA, pageA.locator('[data-test=status-select]'), '处理中');
    await pageA.locator('[data-test=ticket-status]', { hasText: '处理中' }).waitFor();
    await pageB.locator('[data-test=ticket-status]', { hasText: '处理中' }).waitFor({ timeout: LIVE_BOUND_MS });
    const elapsed = Date.now() - started;
    assert.ok(elapsed < LIVE_BOUND_MS + 1000, `seen after ${elapsed} ms`);

    // A note by A appears in B's timeline, and B's unsent draft survives the reload.
    await pageB.locator('[data-test=reply-body]').fill('草稿不应丢失');
    await pageA.locator('[data-test=kind-note]').click();
    await pageA.locator('[data-test=reply-body]').fill('内部备注：财务已受理');
    await pageA.locator('[data-test=reply-send]').click();
    await pageB.locator('.timeline .internal_note', { hasText: '财务已受理' }).waitFor({ timeout: LIVE_BOUND_MS });
    assert.equal(await pageB.locator('[data-test=reply-body]').inputValue(), '草稿不应丢失');
  });

  test('leaving the page takes the agent off the indicator', async () => {
    await pageB.goto(`${server.url}/tickets?view=all`);
    await pageB.locator('[data-test=ticket-table] .ticket-row').first().waitFor();
    await pageA.locator('[data-test=presence]').waitFor({ state: 'detached', timeout: LIVE_BOUND_MS });
  });

  test("the list updates a row in place when another agent changes that ticket", async () => {
    const firstRow = pageB.locator('[data-test=ticket-table] .ticket-row').first();
    const number = (await firstRow.locator('a.number').innerText()).trim();
    const id = Number((await firstRow.locator('a.number').getAttribute('href')).split('/').pop());
    const target = await api(server, adminToken, 'GET', `/api/v1/tickets/${id}`);
    const next = target.priority === 'urgent' ? 'low' : 'urgent';
    await api(server, adminToken, 'PATCH', `/api/v1/tickets/${target.id}`, { priority: next });
    const label = next === 'urgent' ? '紧急' : '低';
    await pageB
      .locator('[data-test=ticket-table] .ticket-row', { hasText: number })
      .locator('.badge', { hasText: label })
      .waitFor({ timeout: LIVE_BOUND_MS });
  });

  test('a ticket assigned to B by A is announced with a notice on B\'s console', async () => {
    await api(server, adminToken, 'PATCH', `/api/v1/tickets/${ticket.id}`, { assignee_id: supervisor.id });
    const notice = pageB.locator('.kefu-assigned-notice', { hasText: ticket.number });
    await notice.waitFor({ timeout: LIVE_BOUND_MS });
    assert.match(await notice.innerText(), /退款迟迟未到账/);
    await screenshot(pageB, '21-live-assigned');
    await notice.click();
    await pageB.waitForURL(`${server.url}/tickets/${ticket.id}`);
  });
});
