// The browser page against a real host: chat with a desktop-protocol user, logout, and the
// page's defences against cross-origin sockets, markup in messages and cookie theft.
// Run with CONFAB_BIN set to the built host binary: `CONFAB_BIN=build/app/confab node --test`.

import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { startAttackerSite } from './support/attacker-site.mjs';
import { DEFAULT_TIMEOUT_MS, launchChromium } from './support/browser.mjs';
import {
  chatEntry, cspViolations, noticeEntry, openLoginPage, openPage, PASSWORD, registerInPage,
  sendFromPage, userListItem, waitForConnected, waitForUserCount,
} from './support/chat-page.mjs';
import { DesktopClient, handshakeStatus, registerAccount } from './support/desktop-client.mjs';
import { createDataDir, removeDataDir, startHost } from './support/host.mjs';

const SCREENSHOT_PATH = fileURLToPath(new URL('../../docs/screenshot.png', import.meta.url));
const VIEWPORT = { width: 1000, height: 620 };
const MARKUP_MESSAGE = '<img src=x onerror=alert(1)>';

let dataDir;
let host;
let browser;
let desktopCookie; // the session of "bob", the desktop-protocol user every test talks to

before(async () => {
  dataDir = await createDataDir();
  host = await startHost({ databasePath: path.join(dataDir, 'confab.sqlite') });
  browser = await launchChromium();
  desktopCookie = await registerAccount(host.url, 'bob', PASSWORD);
});

after(async () => {
  await browser?.close();
  await host?.stop();
  if (dataDir) {
    await removeDataDir(dataDir);
  }
});

// Opens a browser context on the login page and a desktop client, both closed when test `t` ends.
async function openSession(t, baseUrl = host.url) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  t.after(() => context.close());
  const desktop = await DesktopClient.connect(host.url, desktopCookie);
  t.after(() => desktop.close());
  await desktop.waitForFrame((frame) => frame.type === 'welcome', 'the welcome frame');
  const { page, events } = await openLoginPage(context, baseUrl);
  return { context, page, events, desktop };
}

function sessionCookieOf(cookies) {
  return cookies.find((cookie) => cookie.name === 'confab_sid');
}

async function waitForSocketClosed(socket) {
  if (!socket.isClosed()) {
    await socket.waitForEvent('close', { timeout: DEFAULT_TIMEOUT_MS });
  }
}

test('page and desktop user chat both ways', async (t) => {
  const { page, events, desktop } = await openSession(t);
  await registerInPage(page, 'alice');

  await userListItem(page, 'bob').waitFor();
  await waitForUserCount(page, 2);
  const joined = await desktop.waitForPresence('alice', true);
  assert.equal(joined.currentUsers, 2);

  await sendFromPage(page, 'Hi Bob, this is the browser page.');
  await desktop.waitForChat('alice', 'Hi Bob, this is the browser page.');
  await chatEntry(page, 'alice', 'Hi Bob, this is the browser page.').waitFor();
  assert.equal(await page.getByRole('textbox', { name: 'Message', exact: true }).inputValue(), '', 'Send clears the input');

  desktop.sendChat('Hello Alice, the desktop client reads you.');
  await chatEntry(page, 'bob', 'Hello Alice, the desktop client reads you.').waitFor();

  await sendFromPage(page, 'Both directions work.');
  await chatEntry(page, 'alice', 'Both directions work.').waitFor();
  await page.screenshot({ path: SCREENSHOT_PATH });

  await desktop.close();
  await noticeEntry(page, 'bob left').waitFor();
  await userListItem(page, 'bob').waitFor({ state: 'detached' });
  await waitForUserCount(page, 1);

  assert.deepEqual(cspViolations(events), []);
  assert.deepEqual(events.pageErrors, []);
});

test('reload goes straight to the chat', async (t) => {
  const { page, desktop } = await openSession(t);
  await registerInPage(page, 'grace');
  desktop.sendChat('Sent before the reload.');
  await chatEntry(page, 'bob', 'Sent before the reload.').waitFor();

  await page.reload();
  await page.locator('#chat').waitFor();
  await waitForConnected(page);
  assert.equal(await page.locator('#login-form').isHidden(), true);
  assert.equal(await page.locator('#current-user').textContent(), 'grace');
  // The welcome frame's history brings back the messages sent before the reload.
  await chatEntry(page, 'bob', 'Sent before the reload.').waitFor();
});

test('logout closes the socket and others see the leave', async (t) => {
  const { context, page, desktop } = await openSession(t);
  const pageSockets = [];
  page.on('websocket', (socket) => { pageSockets.push(socket); });
  await registerInPage(page, 'carol');
  await desktop.waitForPresence('carol', true);
  assert.equal(pageSockets.length, 1, 'the page opened one WebSocket');

  // A second tab shares the session, so only the host's 4401 close can end its socket.
  const { page: secondTab } = await openPage(context, host.url);
  await secondTab.locator('#chat').waitFor();
  await waitForConnected(secondTab);

  await page.getByRole('button', { name: 'Log out' }).click();
  await page.locator('#login-form').waitFor();
  await waitForSocketClosed(pageSockets[0]);

  await secondTab.locator('#login-form').waitFor();
  await secondTab.locator('#login-error')
    .filter({ hasText: 'Your session has ended. Log in again.' }).waitFor();

  const left = await desktop.waitForPresence('carol', false);
  assert.equal(left.currentUsers, 1);

  const me = await context.request.get(`${host.url}/api/me`);
  assert.equal(me.status(), 401, 'GET /api/me after logout');
  assert.equal(sessionCookieOf(await context.cookies(host.url)), undefined,
    'logout expires the session cookie');
});

test('another origin cannot open the host socket', async (t) => {
  const { context, page, desktop } = await openSession(t);
  await registerInPage(page, 'erin');
  const sessionCookie = sessionCookieOf(await context.cookies(host.url));
  assert.ok(sessionCookie, 'the victim holds a session cookie');

  const attacker = await startAttackerSite(host.url);
  t.after(() => attacker.close());
  const attackerPage = await context.newPage();
  const attempts = [];
  attackerPage.on('websocket', (socket) => { attempts.push(socket.url()); });
  await attackerPage.goto(`${attacker.url}/`);
  await attackerPage.waitForFunction(
    () => window.attack && window.attack.apiDone && (window.attack.closed || window.attack.opened),
    null, { timeout: DEFAULT_TIMEOUT_MS });
  const attack = await attackerPage.evaluate(() => window.attack);

  assert.deepEqual(attempts, [`ws://127.0.0.1:${host.port}/ws`], 'the attacker page tried /ws');
  assert.equal(attack.opened, false, 'the attacker page opened the host WebSocket');
  assert.deepEqual(attack.messages, [], 'the attacker page received frames');
  assert.equal(attack.apiRead, null, 'the attacker page read GET /api/me');
  assert.equal(desktop.frames.some((frame) => frame.message === 'sent by the attacker page'),
    false, 'a chat frame from the attacker page arrived');

  // The same cookie opens /ws without an Origin, so the Origin check alone stopped the attack.
  const cookieHeader = `confab_sid=${sessionCookie.value}`;
  assert.equal(await handshakeStatus(host.url, { Cookie: cookieHeader, Origin: attacker.url }), 403);
  assert.equal(await handshakeStatus(host.url, { Cookie: cookieHeader, Origin: host.url }), 101);
  assert.equal(await handshakeStatus(host.url, { Cookie: cookieHeader }), 101);
});

test('markup in a message stays text', async (t) => {
  const { page, events, desktop } = await openSession(t);
  const requestsForX = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/x') {
      requestsForX.push(request.url());
    }
  });
  await registerInPage(page, 'frank');

  desktop.sendChat(MARKUP_MESSAGE);
  await sendFromPage(page, MARKUP_MESSAGE);
  // The page sends the text as typed: escaping it before sending would garble it for others.
  await desktop.waitForChat('frank', MARKUP_MESSAGE);
  // A later message shows that the page has handled everything before it.
  desktop.sendChat('Sent after the markup.');
  await chatEntry(page, 'bob', 'Sent after the markup.').waitFor();

  assert.equal(await page.locator('#transcript img').count(), 0, 'img elements in the transcript');
  assert.equal(await page.locator('img').count(), 0, 'img elements in the page');
  assert.equal(await chatEntry(page, 'bob', MARKUP_MESSAGE).count(), 1, 'the desktop user\'s entry');
  assert.equal(await chatEntry(page, 'frank', MARKUP_MESSAGE).count(), 1, 'the page user\'s entry');
  const transcript = await page.locator('#transcript').textContent();
  assert.equal(transcript.split(MARKUP_MESSAGE).length - 1, 2, 'the markup shows twice as text');
  assert.deepEqual(events.dialogs, []);
  assert.deepEqual(requestsForX, []);
  assert.deepEqual(events.pageErrors, []);
});

test('session cookie is hidden from scripts', async (t) => {
  const { context, page } = await openSession(t);
  await registerInPage(page, 'heidi');

  const sessionCookie = sessionCookieOf(await context.cookies(host.url));
  assert.ok(sessionCookie, 'the browser holds a session cookie');
  assert.equal(sessionCookie.httpOnly, true, 'the session cookie is HttpOnly');
  const documentCookie = await page.evaluate(() => document.cookie);
  assert.equal(documentCookie.includes('confab_sid'), false, 'document.cookie shows confab_sid');
  assert.equal(page.url(), `${host.url}/`);
});

for (const hostName of ['127.0.0.1', 'localhost']) {
  test(`page works when opened as ${hostName}`, async (t) => {
    const baseUrl = `http://${hostName}:${host.port}`;
    const { page, desktop } = await openSession(t, baseUrl);
    const sockets = [];
    page.on('websocket', (socket) => { sockets.push(socket.url()); });
    const username = `judy-${hostName}`;
    await registerInPage(page, username);
    assert.deepEqual(sockets, [`ws://${hostName}:${host.port}/ws`]);

    await sendFromPage(page, `Hello from ${hostName}.`);
    await desktop.waitForChat(username, `Hello from ${hostName}.`);
    desktop.sendChat(`Hello back to ${hostName}.`);
    await chatEntry(page, 'bob', `Hello back to ${hostName}.`).waitFor();
  });
}

test('retry delay doubles up to a cap with jitter', async (t) => {
  const context = await browser.newContext();
  t.after(() => context.close());
  const { page } = await openLoginPage(context, host.url);
  const delays = await page.evaluate(async () => {
    const { retryDelayMs } = await import('/connection.js');
    return Array.from({ length: 12 }, (_, attempt) => ({
      lowest: retryDelayMs(attempt, () => 0),
      highest: retryDelayMs(attempt, () => 1),
      sampled: retryDelayMs(attempt),
    }));
  });

  const steps = [500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000, 30000, 30000, 30000];
  delays.forEach((delay, attempt) => {
    assert.equal(delay.lowest, steps[attempt] / 2, `lowest delay of attempt ${attempt}`);
    assert.equal(delay.highest, steps[attempt], `highest delay of attempt ${attempt}`);
    assert.ok(delay.sampled >= delay.lowest, `attempt ${attempt} waited ${delay.sampled} ms`);
    assert.ok(delay.sampled <= delay.highest, `attempt ${attempt} waited ${delay.sampled} ms`);
  });
});
