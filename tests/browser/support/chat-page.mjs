// Drives the host's browser page the way a person does: through its form fields and buttons.

import { DEFAULT_TIMEOUT_MS } from './browser.mjs';

export const PASSWORD = 'correct horse battery';

// Opens the page at `baseUrl` in a new tab of `context`. Resolves to {page, events}: `events`
// collects the dialogs, uncaught errors and console errors of the tab.
export async function openPage(context, baseUrl) {
  const page = await context.newPage();
  page.setDefaultTimeout(DEFAULT_TIMEOUT_MS);
  const events = { dialogs: [], pageErrors: [], consoleErrors: [] };
  page.on('dialog', (dialog) => {
    events.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    dialog.dismiss().catch(() => {});
  });
  page.on('pageerror', (error) => { events.pageErrors.push(error.message); });
  page.on('console', (message) => {
    if (message.type() === 'error') {
      events.consoleErrors.push(message.text());
    }
  });
  await page.goto(`${baseUrl}/`);
  return { page, events };
}

// Opens the page like openPage() and waits for the login form.
export async function openLoginPage(context, baseUrl) {
  const opened = await openPage(context, baseUrl);
  await opened.page.locator('#login-form').waitFor();
  return opened;
}

export function waitForConnected(page) {
  return page.locator('#connection-state').filter({ hasText: /^Connected\.$/ }).waitFor();
}

// Registers `username` through the page's form and waits until its socket is connected.
export async function registerInPage(page, username) {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Register' }).click();
  await page.locator('#chat').waitFor();
  await waitForConnected(page);
  await userListItem(page, username).waitFor();
}

export async function sendFromPage(page, message) {
  await page.getByRole('textbox', { name: 'Message', exact: true }).fill(message);
  await page.getByRole('button', { name: 'Send' }).click();
}

// The transcript entry of a chat message by `username` whose text is exactly `message`.
export function chatEntry(page, username, message) {
  return page.locator('#transcript li.message')
    .filter({ has: page.locator('.author', { hasText: exactly(username) }) })
    .filter({ has: page.locator('.text', { hasText: exactly(message) }) });
}

export function noticeEntry(page, text) {
  return page.locator('#transcript li.notice', { hasText: exactly(text) });
}

export function userListItem(page, username) {
  return page.locator('#user-list li', { hasText: new RegExp(`^${escapeRegExp(username)}( \\(you\\))?$`) });
}

export function waitForUserCount(page, count) {
  return page.locator('#user-count', { hasText: exactly(String(count)) }).waitFor();
}

// Console errors that report a Content-Security-Policy violation: the page must cause none.
export function cspViolations(events) {
  return events.consoleErrors.filter((text) => /Content Security Policy/i.test(text));
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function exactly(text) {
  return new RegExp(`^${escapeRegExp(text)}$`);
}
