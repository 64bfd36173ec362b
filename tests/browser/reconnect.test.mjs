// The page after its socket drops. After the host's clean shutdown (close code 1000) it waits
// for the user. After a crash (SIGKILL, so the page gets close code 1006) it reconnects with
// backoff while the session lives, and returns to the login form once the host has no record
// of the session.

import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { launchChromium } from './support/browser.mjs';
import {
  chatEntry, openLoginPage, registerInPage, sendFromPage, waitForConnected,
} from './support/chat-page.mjs';
import { createDataDir, removeDataDir, startHost } from './support/host.mjs';

// Long enough for several backoff steps (0.5 s, 1 s, 2 s, 4 s, 8 s) while the host restarts.
const RECONNECT_TIMEOUT_MS = 40_000;

let dataDir;
let host;
let browser;

before(async () => {
  dataDir = await createDataDir();
  host = await startHost({ databasePath: path.join(dataDir, 'first.sqlite') });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await host?.stop();
  if (dataDir) {
    await removeDataDir(dataDir);
  }
});

// Starts recording every text the connection-state line shows, since some last only a moment.
function recordConnectionStates(page) {
  return page.evaluate(() => {
    const line = document.getElementById('connection-state');
    window.connectionStates = [];
    new MutationObserver(() => { window.connectionStates.push(line.textContent); })
      .observe(line, { childList: true, characterData: true, subtree: true });
  });
}

// Kills the host, waits until the page has scheduled a reconnect, and starts a new host on the
// same port with the store at `databaseName`.
async function crashAndRestart(page, databaseName) {
  const port = host.port;
  await recordConnectionStates(page);
  await host.kill();
  await page.waitForFunction(
    () => window.connectionStates.some((text) => /^Connection lost\. Reconnecting in \d+ s\.$/.test(text)));
  host = await startHost({ databasePath: path.join(dataDir, databaseName), port });
}

test('page offers a reconnect after host shutdown', async (t) => {
  const context = await browser.newContext();
  t.after(() => context.close());
  const { page } = await openLoginPage(context, host.url);
  await registerInPage(page, 'jane');

  // A clean stop closes every socket with 1000, after which the page waits for the user. An
  // automatic first retry would come within 0.5 s, so it would most likely show up in the
  // recorded states while the host restarts.
  const port = host.port;
  await recordConnectionStates(page);
  await host.stop();
  await page.locator('#connection-state')
    .filter({ hasText: 'Disconnected: the host shut down.' }).waitFor();
  host = await startHost({ databasePath: path.join(dataDir, 'first.sqlite'), port });
  const states = await page.evaluate(() => window.connectionStates);
  assert.deepEqual(states, ['Disconnected: the host shut down.'], 'the page reconnected by itself');

  await page.getByRole('button', { name: 'Reconnect now' }).click();
  await waitForConnected(page);
  assert.equal(await page.getByRole('button', { name: 'Reconnect now' }).isHidden(), true);
  await sendFromPage(page, 'Back after the restart.');
  await chatEntry(page, 'jane', 'Back after the restart.').waitFor();
});

test('page reconnects after the host crashes', async (t) => {
  const context = await browser.newContext();
  t.after(() => context.close());
  const { page } = await openLoginPage(context, host.url);
  await registerInPage(page, 'kate');
  await sendFromPage(page, 'Sent before the crash.');
  await chatEntry(page, 'kate', 'Sent before the crash.').waitFor();

  await crashAndRestart(page, 'first.sqlite');
  await page.locator('#connection-state')
    .filter({ hasText: /^Connected\.$/ }).waitFor({ timeout: RECONNECT_TIMEOUT_MS });

  await sendFromPage(page, 'Sent after the restart.');
  await chatEntry(page, 'kate', 'Sent after the restart.').waitFor();
  // The second welcome repeats the history, and the page shows each message once.
  assert.equal(await chatEntry(page, 'kate', 'Sent before the crash.').count(), 1);
  assert.equal(await page.locator('#login-form').isHidden(), true);
});

test('page shows the login form when the host forgot the session', async (t) => {
  const context = await browser.newContext();
  t.after(() => context.close());
  const { page } = await openLoginPage(context, host.url);
  await registerInPage(page, 'liam');

  // A new, empty store contains no sessions, so the handshake gets 401 and GET /api/me too.
  await crashAndRestart(page, 'second.sqlite');
  await page.locator('#login-form').waitFor({ timeout: RECONNECT_TIMEOUT_MS });
  await page.locator('#login-error')
    .filter({ hasText: 'Your session has ended. Log in again.' }).waitFor();
  assert.equal(await page.locator('#chat').isHidden(), true);

  // The new store has no account "liam" yet, and the page works again without a reload.
  await registerInPage(page, 'liam');
});
