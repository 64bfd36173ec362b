// Confab's browser page: the login form, then the chat over one WebSocket.
// Every piece of user text goes into the page through textContent, never as HTML.

import * as api from './api.js';
import { ChatConnection, Status, retryDelayMs, webSocketUrl } from './connection.js';

const MAX_MESSAGE_LENGTH = 4000; // UTF-16 code units, as the host counts them
const SCROLL_STICK_DISTANCE_PX = 40; // follow new messages while this close to the bottom

const byId = (id) => document.getElementById(id);
const ui = {
  connectionState: byId('connection-state'),
  reconnectButton: byId('reconnect-button'),
  account: byId('account'),
  currentUser: byId('current-user'),
  logoutButton: byId('logout-button'),
  loginForm: byId('login-form'),
  username: byId('username'),
  password: byId('password'),
  loginError: byId('login-error'),
  chat: byId('chat'),
  transcript: byId('transcript'),
  userCount: byId('user-count'),
  userList: byId('user-list'),
  sendForm: byId('send-form'),
  messageInput: byId('message-input'),
  chatError: byId('chat-error'),
};

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

let connection = null;
let me = null; // the signed-in username
let onlineUsers = new Set();
let lastMessageId = 0; // the newest chat id shown, so a reconnect's history adds only new ones

function setConnectionState(text, offerReconnect = false) {
  ui.connectionState.textContent = text;
  ui.reconnectButton.hidden = !offerReconnect;
}

// Views

function showLogin(message = '') {
  me = null;
  ui.chat.hidden = true;
  ui.account.hidden = true;
  ui.loginForm.hidden = false;
  ui.loginError.textContent = message;
  ui.password.value = '';
  setConnectionState('Not signed in.');
  ui.username.focus();
}

function showChat(username) {
  if (connection) {
    connection.stop();
  }
  me = username;
  onlineUsers = new Set();
  lastMessageId = 0;
  ui.transcript.replaceChildren();
  renderUsers(0);
  ui.chatError.textContent = '';
  ui.currentUser.textContent = username;
  ui.loginForm.hidden = true;
  ui.account.hidden = false;
  ui.chat.hidden = false;
  ui.messageInput.focus();

  connection = new ChatConnection({
    url: webSocketUrl(window.location),
    onFrame: handleFrame,
    onStatus: handleStatus,
    checkSession: async () => (await api.fetchMe()).status !== 401,
  });
  connection.start();
}

// Transcript and user list

function isScrolledToBottom() {
  const list = ui.transcript;
  return list.scrollHeight - list.scrollTop - list.clientHeight < SCROLL_STICK_DISTANCE_PX;
}

function appendTranscriptItem(item) {
  const follow = isScrolledToBottom();
  ui.transcript.append(item);
  if (follow) {
    ui.transcript.scrollTop = ui.transcript.scrollHeight;
  }
}

function appendChatMessage(message) {
  if (typeof message.id === 'number') {
    if (message.id <= lastMessageId) {
      return; // already shown before a reconnect
    }
    lastMessageId = message.id;
  }

  const item = document.createElement('li');
  item.className = message.username === me ? 'message own' : 'message';

  const time = document.createElement('time');
  const sentAt = new Date(message.sentAt);
  if (!Number.isNaN(sentAt.getTime())) {
    time.dateTime = message.sentAt;
    time.title = sentAt.toLocaleString();
    time.textContent = timeFormat.format(sentAt);
  }

  const author = document.createElement('span');
  author.className = 'author';
  author.textContent = message.username;

  const text = document.createElement('span');
  text.className = 'text';
  text.textContent = message.message;

  item.append(time, author, text);
  appendTranscriptItem(item);
}

function appendNotice(text) {
  const item = document.createElement('li');
  item.className = 'notice';
  item.textContent = text;
  appendTranscriptItem(item);
}

function renderUsers(count) {
  const names = [...onlineUsers].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' }));
  const items = names.map((name) => {
    const item = document.createElement('li');
    item.textContent = name;
    if (name === me) {
      item.className = 'self';
      const suffix = document.createElement('span');
      suffix.className = 'you';
      suffix.textContent = ' (you)';
      item.append(suffix);
    }
    return item;
  });
  ui.userList.replaceChildren(...items);
  ui.userCount.textContent = String(count);
}

// Frames from the host

function handleWelcome(frame) {
  me = frame.username;
  ui.currentUser.textContent = frame.username;
  onlineUsers = new Set((frame.users || []).map((user) => user.username));
  renderUsers(onlineUsers.size);
  for (const message of frame.history || []) {
    appendChatMessage(message);
  }
  // NOTE: history holds only the last 50 messages, so a reconnect after a busy gap can still
  // miss some; GET /api/messages?before= could fill that gap.
}

function handleUserChange(frame) {
  if (frame.connected) {
    onlineUsers.add(frame.username);
  } else {
    onlineUsers.delete(frame.username);
  }
  renderUsers(typeof frame.currentUsers === 'number' ? frame.currentUsers : onlineUsers.size);
  if (frame.username !== me) {
    appendNotice(frame.connected ? `${frame.username} joined` : `${frame.username} left`);
  }
}

function handleFrame(frame) {
  switch (frame.type) {
    case 'welcome':
      handleWelcome(frame);
      break;
    case 'user':
      handleUserChange(frame);
      break;
    case 'chat':
      appendChatMessage(frame);
      break;
    case 'error':
      ui.chatError.textContent = String(frame.error);
      break;
    default:
      console.warn('Confab: ignored a frame of unknown type', frame.type);
  }
}

function handleStatus(status, detail) {
  switch (status) {
    case Status.CONNECTING:
      setConnectionState('Connecting…');
      break;
    case Status.OPEN:
      setConnectionState('Connected.');
      ui.chatError.textContent = '';
      break;
    case Status.WAITING:
      setConnectionState(
        `Connection lost. Reconnecting in ${Math.ceil(detail.delayMs / 1000)} s.`, true);
      break;
    case Status.STOPPED:
      setConnectionState(detail.reason, true);
      break;
    case Status.SESSION_ENDED:
      connection = null;
      showLogin('Your session has ended. Log in again.');
      break;
  }
}

// User actions

async function submitCredentials(event) {
  event.preventDefault();
  const action = event.submitter && event.submitter.value === 'register' ? 'register' : 'login';
  const username = ui.username.value.trim();
  const password = ui.password.value;
  if (username === '' || password === '') {
    ui.loginError.textContent = 'Enter a username and a password.';
    return;
  }

  const buttons = ui.loginForm.querySelectorAll('button');
  buttons.forEach((button) => { button.disabled = true; });
  ui.loginError.textContent = '';
  try {
    const result = action === 'register'
      ? await api.register(username, password)
      : await api.login(username, password);
    if (result.status === 200 || result.status === 201) {
      ui.password.value = '';
      showChat(result.data && result.data.username ? result.data.username : username);
    } else {
      ui.loginError.textContent = api.errorMessage(result);
    }
  } catch {
    ui.loginError.textContent = 'Could not reach the host. Check that it is running.';
  } finally {
    buttons.forEach((button) => { button.disabled = false; });
  }
}

async function logOut() {
  if (connection) {
    connection.stop();
    connection = null;
  }
  let message = '';
  try {
    const result = await api.logout();
    if (result.status !== 204) {
      message = api.errorMessage(result);
    }
  } catch {
    message = 'Could not reach the host, so the session may still be active.';
  }
  showLogin(message);
}

function sendMessage(event) {
  event.preventDefault();
  const text = ui.messageInput.value;
  if (text.trim() === '') {
    return;
  }
  if (text.length > MAX_MESSAGE_LENGTH) {
    ui.chatError.textContent = `Messages can be at most ${MAX_MESSAGE_LENGTH} characters.`;
    return;
  }
  if (!connection || !connection.send({ type: 'chat', message: text })) {
    ui.chatError.textContent = 'Not connected, so the message was not sent.';
    return;
  }
  ui.chatError.textContent = '';
  ui.messageInput.value = '';
}

// Start-up

// Asks GET /api/me whether this browser has a live session, retrying with backoff while the
// host cannot be reached.
async function decideView(attempt = 0) {
  try {
    const result = await api.fetchMe();
    if (result.status === 200 && result.data && typeof result.data.username === 'string') {
      showChat(result.data.username);
      return;
    }
    if (result.status === 401) {
      showLogin();
      return;
    }
  } catch {
    // unreachable: retried below
  }
  const delayMs = retryDelayMs(attempt);
  setConnectionState(`Could not reach the host. Trying again in ${Math.ceil(delayMs / 1000)} s.`);
  setTimeout(() => decideView(attempt + 1), delayMs);
}

ui.loginForm.addEventListener('submit', submitCredentials);
ui.logoutButton.addEventListener('click', logOut);
ui.sendForm.addEventListener('submit', sendMessage);
ui.reconnectButton.addEventListener('click', () => {
  if (connection) {
    connection.reconnectNow();
  }
});
window.addEventListener('online', () => {
  if (connection) {
    connection.reconnectNow();
  }
});

decideView();
