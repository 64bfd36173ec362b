// The page's WebSocket to the host's /ws endpoint, reopened with capped exponential backoff
// after a drop. Close codes and their meaning follow docs/protocol.md.

export const CloseCode = Object.freeze({
  HOST_SHUTDOWN: 1000,
  MESSAGE_TOO_BIG: 1009,
  SESSION_ENDED: 4401,
  PING_TIMEOUT: 4408,
  RATE_LIMITED: 4429,
});

const INITIAL_RETRY_DELAY_MS = 500;
const MAX_RETRY_DELAY_MS = 30_000;

// Codes after which the page waits for the user instead of reconnecting by itself.
const STOP_REASONS = new Map([
  [CloseCode.HOST_SHUTDOWN, 'Disconnected: the host shut down.'],
  [CloseCode.MESSAGE_TOO_BIG, 'Disconnected: the host rejected a frame as too large.'],
  [CloseCode.RATE_LIMITED, 'Disconnected: messages were sent faster than the host allows.'],
]);

// Returns the WebSocket URL on the page's own host and port, so that the page works whether it
// was opened as localhost, 127.0.0.1 or a LAN address, over http or https.
export function webSocketUrl(location) {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/ws`;
}

// Returns the wait before reconnect attempt `attempt` (0 for the first): a random point in the
// upper half of the capped exponential step, so that clients dropped together spread out.
export function retryDelayMs(attempt, random = Math.random) {
  const step = Math.min(MAX_RETRY_DELAY_MS, INITIAL_RETRY_DELAY_MS * 2 ** Math.min(attempt, 30));
  return step / 2 + (random() * step) / 2;
}

// Status values passed to onStatus.
export const Status = Object.freeze({
  CONNECTING: 'connecting',
  OPEN: 'open',
  WAITING: 'waiting', // a reconnect is scheduled in detail.delayMs
  STOPPED: 'stopped', // no reconnect until reconnectNow(), for the cause in detail.reason
  SESSION_ENDED: 'session-ended',
});

export class ChatConnection {
  // `checkSession` resolves to true while the session is live, false once it has ended, and
  // rejects when the host cannot be reached.
  constructor({ url, onFrame, onStatus, checkSession }) {
    this.url = url;
    this.onFrame = onFrame;
    this.onStatus = onStatus;
    this.checkSession = checkSession;
    this.socket = null;
    this.retryTimer = null;
    this.attempt = 0;
    this.active = false;
  }

  start() {
    this.active = true;
    this.attempt = 0;
    this.open();
  }

  // Closes the socket for good; used on logout.
  stop() {
    this.active = false;
    this.clearRetry();
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      socket.close(1000);
    }
  }

  reconnectNow() {
    if (!this.active || this.socket) {
      return;
    }
    this.clearRetry();
    this.open();
  }

  // Sends one frame and returns whether the socket was open to take it.
  send(frame) {
    if (!this.socket || this.socket.readyState !== WebSocket.OPEN) {
      return false;
    }
    this.socket.send(JSON.stringify(frame));
    return true;
  }

  isOpen() {
    return this.socket !== null && this.socket.readyState === WebSocket.OPEN;
  }

  open() {
    this.onStatus(Status.CONNECTING, {});
    const socket = new WebSocket(this.url);
    this.socket = socket;
    let opened = false;

    socket.addEventListener('open', () => {
      if (socket !== this.socket) {
        return;
      }
      opened = true;
      this.attempt = 0;
      this.onStatus(Status.OPEN, {});
    });
    socket.addEventListener('message', (event) => {
      if (socket === this.socket) {
        this.handleMessage(event.data);
      }
    });
    socket.addEventListener('close', (event) => {
      if (socket !== this.socket) {
        return; // stop() already let this socket go
      }
      this.socket = null;
      if (opened) {
        this.handleClose(event.code);
      } else {
        this.handleFailedHandshake();
      }
    });
  }

  handleMessage(data) {
    let frame;
    try {
      frame = JSON.parse(data);
    } catch {
      console.warn('Confab: ignored a WebSocket frame that is not JSON');
      return;
    }
    if (frame && typeof frame.type === 'string') {
      this.onFrame(frame);
    }
  }

  handleClose(code) {
    if (code === CloseCode.SESSION_ENDED) {
      this.endSession();
    } else if (STOP_REASONS.has(code)) {
      this.onStatus(Status.STOPPED, { reason: STOP_REASONS.get(code), code });
    } else {
      this.scheduleRetry(code); // 4408, 1006 (dropped) and anything unexpected
    }
  }

  // The browser's WebSocket API hides the HTTP status of a rejected handshake, so this requests
  // GET /api/me to check whether the session is still live. A 401 means the session has ended.
  async handleFailedHandshake() {
    let live;
    try {
      live = await this.checkSession();
    } catch {
      live = true; // the host is down or unreachable: keep trying
    }
    if (!this.active || this.socket || this.retryTimer !== null) {
      return; // stop() or reconnectNow() ran while the check was pending
    }
    if (live) {
      this.scheduleRetry(null);
    } else {
      this.endSession();
    }
  }

  endSession() {
    this.active = false;
    this.clearRetry();
    this.onStatus(Status.SESSION_ENDED, {});
  }

  scheduleRetry(code) {
    if (!this.active) {
      return;
    }
    const delayMs = retryDelayMs(this.attempt);
    this.attempt += 1;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.open();
    }, delayMs);
    this.onStatus(Status.WAITING, { delayMs, code });
  }

  clearRetry() {
    if (this.retryTimer !== null) {
      clearTimeout(this.retryTimer);
      this.retryTimer = null;
    }
  }
}
