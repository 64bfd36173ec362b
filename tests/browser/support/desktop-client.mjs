// A client that speaks the protocol the way the desktop app does: it logs in over HTTP, then
// opens /ws with the session cookie in a Cookie header and no Origin header.

import crypto from 'node:crypto';
import http from 'node:http';

import WebSocket from 'ws';

export const FRAME_TIMEOUT_MS = 10_000;

// Registers an account and returns its session cookie as a Cookie header value
// ("confab_sid=..."). Callers must not print it.
export async function registerAccount(baseUrl, username, password) {
  const response = await fetch(`${baseUrl}/api/register`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (response.status !== 201) {
    throw new Error(`registering ${username} failed with HTTP ${response.status}: `
      + `${await response.text()}`);
  }
  const sessionCookie = response.headers.getSetCookie()
    .map((header) => header.split(';')[0].trim())
    .find((pair) => pair.startsWith('confab_sid='));
  if (!sessionCookie) {
    throw new Error(`registering ${username} set no confab_sid cookie`);
  }
  return sessionCookie;
}

export class DesktopClient {
  // Opens /ws with `cookie` and resolves once the socket is open.
  static async connect(baseUrl, cookie) {
    const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/ws`, {
      headers: { Cookie: cookie },
    });
    const client = new DesktopClient(socket);
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('unexpected-response', (request, response) => {
        reject(new Error(`the host rejected the desktop handshake with HTTP ${response.statusCode}`));
      });
      socket.once('error', reject);
    });
    return client;
  }

  constructor(socket) {
    this.socket = socket;
    this.frames = [];
    this.waiters = new Set();
    this.closeCode = null;
    socket.on('message', (data, isBinary) => {
      if (!isBinary) {
        this.frames.push(JSON.parse(String(data)));
        this.notifyWaiters();
      }
    });
    socket.on('close', (code) => {
      this.closeCode = code;
      this.notifyWaiters();
    });
  }

  notifyWaiters() {
    for (const waiter of this.waiters) {
      waiter();
    }
  }

  // Resolves to the first frame received so far or later that matches `predicate`.
  waitForFrame(predicate, description, timeoutMs = FRAME_TIMEOUT_MS) {
    return new Promise((resolve, reject) => {
      const check = () => {
        const frame = this.frames.find(predicate);
        if (frame) {
          finish();
          resolve(frame);
        } else if (this.closeCode !== null) {
          finish();
          reject(new Error(`socket closed with code ${this.closeCode} while waiting for ${description}`));
        }
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${description}; frames: `
          + JSON.stringify(this.frames)));
      }, timeoutMs);
      const finish = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
      check();
    });
  }

  waitForChat(username, message) {
    return this.waitForFrame(
      (frame) => frame.type === 'chat' && frame.username === username && frame.message === message,
      `chat from ${username}: ${JSON.stringify(message)}`);
  }

  waitForPresence(username, connected) {
    return this.waitForFrame(
      (frame) => frame.type === 'user' && frame.username === username
        && frame.connected === connected,
      `${username} ${connected ? 'joining' : 'leaving'}`);
  }

  sendChat(message) {
    this.socket.send(JSON.stringify({ type: 'chat', message }));
  }

  // Closes the socket and resolves once the close handshake is done.
  async close() {
    if (this.socket.readyState === WebSocket.CLOSED) {
      return;
    }
    const closed = new Promise((resolve) => { this.socket.once('close', resolve); });
    this.socket.close(1000);
    await closed;
  }
}

// Sends a bare WebSocket handshake for /ws with `headers` and resolves to the HTTP status of
// the response: 101 when the host upgraded (the socket is then dropped), 401 or 403 when it rejected it.
export function handshakeStatus(baseUrl, headers) {
  return new Promise((resolve, reject) => {
    const request = http.get(`${baseUrl}/ws`, {
      agent: false, // a fresh connection each time: the host may close one after a rejected handshake
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': crypto.randomBytes(16).toString('base64'),
        ...headers,
      },
    });
    request.setTimeout(FRAME_TIMEOUT_MS, () => {
      request.destroy(new Error(`no response to the /ws handshake within ${FRAME_TIMEOUT_MS} ms`));
    });
    request.once('upgrade', (response, socket) => {
      socket.destroy();
      resolve(response.statusCode);
    });
    request.once('response', (response) => {
      response.resume();
      resolve(response.statusCode);
    });
    request.once('error', reject);
  });
}
