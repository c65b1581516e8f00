// Teams chat preview: shows a demo user's personal chat with the bot as the local Bot Connector stand-in recorded
// it, renders its cards with the adaptivecards renderer, and sends what the user does (a message, a pressed
// Action.Execute button, Teams' automatic refresh of a card) through the stand-in, which signs it as Teams would.

const POLL_MS = 3000;
const state = { user: null, shown: '', busy: false, refreshed: new Set() };

async function main() {
  const { partnerships } = await getJson('/dev/chat/users.json');
  const select = document.getElementById('user');
  select.replaceChildren(option('', 'Choose a demo user'));
  const users = new Map();
  for (const partnership of partnerships) {
    const group = document.createElement('optgroup');
    group.label = partnership.name;
    for (const user of partnership.users) {
      users.set(user.userPrincipalName, user);
      group.append(option(user.userPrincipalName, `${user.displayName} (${user.councilName})`));
    }
    select.append(group);
  }
  select.addEventListener('change', () => choose(users.get(select.value) ?? null));
  document.getElementById('compose').addEventListener('submit', (event) => {
    event.preventDefault();
    send().catch(showError);
  });
  document.getElementById('install').addEventListener('click', () => install().catch(showError));
  setInterval(() => {
    if (state.user && !state.busy) load().catch(showError);
  }, POLL_MS);
}

async function choose(user) {
  state.user = user;
  state.shown = '';
  state.refreshed.clear();
  document.getElementById('who').textContent = user
    ? `${user.userPrincipalName} · roles: ${user.roles.join(', ')} · object id ${user.objectId}`
    : '';
  notice('');
  await load();
}

/** Reads the conversation; re-renders only when it changed, so a comment being typed on a card is kept. */
async function load() {
  if (!state.user) {
    document.getElementById('chat').replaceChildren();
    document.getElementById('compose').hidden = true;
    document.getElementById('empty').hidden = true;
    return;
  }
  const conversation = await postJson('/dev/chat/conversation', { userPrincipalName: state.user.userPrincipalName });
  const text = JSON.stringify(conversation.activities);
  document.getElementById('empty').hidden = conversation.activities.length > 0;
  document.getElementById('compose').hidden = false;
  if (text === state.shown) return;
  state.shown = text;
  const chat = document.getElementById('chat');
  // Until the automatic refreshes have answered, a card may still be replaced (and a comment typed on it lost).
  chat.dataset.settled = 'false';
  render(conversation.activities);
  await refreshCards(conversation.activities);
  chat.dataset.settled = 'true';
}

function render(activities) {
  const chat = document.getElementById('chat');
  chat.replaceChildren(...activities.map(renderActivity));
  chat.lastElementChild?.scrollIntoView({ block: 'end' });
}

function renderActivity(activity) {
  const item = document.createElement('article');
  item.className = `message ${activity.sender}`;
  const meta = document.createElement('div');
  meta.className = 'meta';
  const when = new Date(activity.updatedAt ?? activity.at).toLocaleTimeString();
  meta.textContent = `${activity.sender === 'bot' ? 'ICT Partnership Hub' : state.user.displayName} · ${when}${
    activity.updatedAt ? ' · updated' : ''
  }`;
  item.append(meta);
  if (activity.text) item.append(formattedText(activity.text));
  for (const card of activity.cards) item.append(renderCard(activity.id, card));
  return item;
}

/** Plain text with the bot's **bold**, built as DOM nodes (never as HTML). */
function formattedText(text) {
  const block = document.createElement('div');
  block.className = 'text';
  text.split(/(\*\*[^*]+\*\*)/).forEach((part) => {
    if (/^\*\*[^*]+\*\*$/.test(part)) {
      const strong = document.createElement('strong');
      strong.textContent = part.slice(2, -2);
      block.append(strong);
    } else {
      block.append(document.createTextNode(part));
    }
  });
  return block;
}

function renderCard(messageId, json) {
  const holder = document.createElement('div');
  holder.className = 'card';
  const card = new AdaptiveCards.AdaptiveCard();
  card.onExecuteAction = (action) => execute(messageId, action).catch(showError);
  try {
    card.parse(json);
    const rendered = card.render();
    if (rendered) holder.append(rendered);
  } catch (error) {
    holder.textContent = `This card could not be rendered: ${error.message}`;
  }
  return holder;
}

/** A pressed button: Action.Execute goes to the bot as Teams sends it; a link opens; nothing else is sent. */
async function execute(messageId, action) {
  if (action instanceof AdaptiveCards.ExecuteAction) {
    await press(messageId, { verb: action.verb, data: action.data ?? {}, actionId: action.id, trigger: 'manual' });
  } else if (action instanceof AdaptiveCards.OpenUrlAction) {
    window.open(action.url, '_blank', 'noopener,noreferrer');
  } else {
    notice(`${action.getJsonTypeName()} is not what this bot's cards use (they use Action.Execute).`);
  }
}

async function press(messageId, action) {
  state.busy = true;
  try {
    const delivery = await postJson('/dev/chat/action', {
      userPrincipalName: state.user.userPrincipalName,
      messageId,
      ...action,
    });
    const body = delivery.body ?? {};
    if (delivery.status !== 200 || body.type === 'application/vnd.microsoft.error') {
      const message = body.value?.message ?? `The bot answered ${delivery.status}.`;
      notice(`Teams would show on the card: ${message}`, true);
    } else if (action.trigger === 'manual') {
      notice('');
    }
  } finally {
    state.busy = false;
  }
  state.shown = '';
  await load();
}

/**
 * Teams refreshes a card as it comes into view for the users its `refresh.userIds` names (or everyone, when it
 * names none), by an automatic Action.Execute with the refresh action's verb. Once per message and version here.
 */
async function refreshCards(activities) {
  for (const activity of activities) {
    const card = activity.cards[0];
    const refresh = card?.refresh;
    const action = refresh?.action;
    if (action?.type !== 'Action.Execute' || !action.verb) continue;
    const ids = Array.isArray(refresh.userIds) ? refresh.userIds : null;
    if (ids && !ids.includes(state.user.teamsUserId)) continue;
    const key = `${activity.id}@${activity.updatedAt ?? activity.at}`;
    if (state.refreshed.has(key)) continue;
    state.refreshed.add(key);
    await press(activity.id, { verb: action.verb, data: action.data ?? {}, actionId: action.id, trigger: 'automatic' });
  }
}

async function send() {
  const input = document.getElementById('text');
  const text = input.value.trim();
  if (!text) return;
  input.value = '';
  await postJson('/dev/chat/message', { userPrincipalName: state.user.userPrincipalName, text });
  state.shown = '';
  await load();
}

async function install() {
  await postJson('/dev/chat/install', { userPrincipalName: state.user.userPrincipalName });
  state.shown = '';
  await load();
}

function option(value, label) {
  const element = document.createElement('option');
  element.value = value;
  element.textContent = label;
  return element;
}

function notice(message, isError = false) {
  const element = document.getElementById('notice');
  element.textContent = message;
  element.hidden = !message;
  element.classList.toggle('error', isError);
}

function showError(error) {
  notice(error instanceof Error ? error.message : String(error), true);
}

async function getJson(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return response.json();
}

async function postJson(url, body) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const answer = await response.json();
  if (!response.ok) throw new Error(answer.error ?? `${url} answered ${response.status}`);
  return answer;
}

main().catch(showError);
