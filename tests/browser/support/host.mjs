// Starts and stops the real Confab host (`confab host --headless`) for the browser tests.

import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';

const STARTUP_TIMEOUT_MS = 20_000;
const SHUTDOWN_TIMEOUT_MS = 5_000;
const STDERR_TAIL_CHARS = 4_000; // how much of the host's stderr a failure message quotes

// Hosts still running, so that an exit of the test process without its after() hooks
// still stops them.
const runningHosts = new Set();
process.on('exit', () => {
  for (const child of runningHosts) {
    child.kill('SIGKILL');
  }
});

function hostBinary() {
  const binary = process.env.CONFAB_BIN;
  if (!binary) {
    throw new Error('CONFAB_BIN is not set: set it to the built host binary, '
      + 'for example CONFAB_BIN=build/app/confab');
  }
  return binary;
}

// Creates an empty folder for one test file's SQLite store; removeDataDir() deletes it.
export function createDataDir() {
  return fs.mkdtemp(path.join(os.tmpdir(), 'confab-browser-'));
}

export function removeDataDir(dataDir) {
  return fs.rm(dataDir, { recursive: true, force: true });
}

// Resolves to the host's first stdout line, which is the URL to share.
function readShareUrl(child, stderrTail) {
  return new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout });
    const timer = setTimeout(() => {
      reject(new Error(`the host printed no URL within ${STARTUP_TIMEOUT_MS} ms; `
        + `stderr:\n${stderrTail()}`));
    }, STARTUP_TIMEOUT_MS);
    const onExit = (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the host exited (code ${code}, signal ${signal}) before printing its URL; `
        + `stderr:\n${stderrTail()}`));
    };
    child.once('exit', onExit);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`could not start ${child.spawnfile}: ${error.message}`));
    });
    lines.once('line', (line) => {
      clearTimeout(timer);
      child.off('exit', onExit);
      resolve(line.trim());
    });
    // Later lines are read and dropped so that a full pipe never blocks the host.
  });
}

// Starts `confab host` on 127.0.0.1 with its store in `databasePath`. `port` 0 lets the host pick
// a free port. Resolves to {url, port, stop(), kill()} once the host has printed its URL.
export async function startHost({ databasePath, port = 0 }) {
  const child = spawn(hostBinary(), [
    'host', '--headless', '--port', String(port), '--bind', '127.0.0.1', '--db', databasePath,
  ], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, QT_QPA_PLATFORM: 'offscreen' },
  });
  runningHosts.add(child);

  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => {
    stderr = (stderr + chunk).slice(-STDERR_TAIL_CHARS);
  });
  const exited = new Promise((resolve) => {
    child.once('exit', () => {
      runningHosts.delete(child);
      resolve();
    });
  });

  const stopWith = async (signal) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      return;
    }
    child.kill(signal);
    const timedOut = await Promise.race([
      exited.then(() => false),
      new Promise((resolve) => { setTimeout(resolve, SHUTDOWN_TIMEOUT_MS, true).unref(); }),
    ]);
    if (timedOut) {
      child.kill('SIGKILL');
      await exited;
    }
  };

  let shareUrl;
  try {
    shareUrl = new URL(await readShareUrl(child, () => stderr));
  } catch (error) {
    await stopWith('SIGKILL');
    throw error;
  }
  if (shareUrl.protocol !== 'http:' || shareUrl.hostname !== '127.0.0.1' || !shareUrl.port) {
    await stopWith('SIGKILL');
    throw new Error(`expected the host to print http://127.0.0.1:PORT first, got ${shareUrl}`);
  }

  return {
    url: shareUrl.origin,
    port: Number(shareUrl.port),
    stderr: () => stderr,
    stop: () => stopWith('SIGTERM'),
    kill: () => stopWith('SIGKILL'), // a crash: the host gets no chance to close its sockets
  };
}
