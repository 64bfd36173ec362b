// Launches Debian's Chromium through playwright-core. Playwright cannot download its own
// browser builds here, so the tests always name an installed executable.

import fs from 'node:fs';
import { chromium } from 'playwright-core';

// Flags for a headless Chromium on a machine without outside network access: without the
// background-networking ones Chromium keeps trying to reach Google's services.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const DEFAULT_TIMEOUT_MS = 10_000;

// Starts a headless Chromium with a fresh temporary profile (playwright creates and deletes the
// --user-data-dir). Close it with browser.close().
export async function launchChromium() {
  const executablePath = process.env.CHROMIUM_BIN || '/usr/bin/chromium';
  if (!fs.existsSync(executablePath)) {
    throw new Error(`Chromium not found at ${executablePath}: install Debian's chromium package `
      + 'or set CHROMIUM_BIN');
  }
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
}
