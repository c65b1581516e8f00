// Demo sign-in: asks the local host for a token from the chosen user's council's simulated tenant (as the tab
// will sign in outside Teams), keeps it in session storage, and calls the API with it.

const TOKEN_KEY = 'ict-hub.access-token';

async function main() {
  const config = await (await fetch('/dev/sign-in/config.json')).json();
  const users = document.getElementById('users');
  users.replaceChildren();
  for (const partnership of config.partnerships) {
    const heading = document.createElement('h2');
    heading.textContent = partnership.name;
    const table = document.createElement('table');
    table.innerHTML = '<thead><tr><th>Name</th><th>Council</th><th>Roles</th><th></th></tr></thead><tbody></tbody>';
    for (const user of partnership.users) {
      const row = document.createElement('tr');
      const name = cell(`${user.displayName}`);
      name.append(
        document.createElement('br'),
        small(user.jobTitle),
        document.createElement('br'),
        small(user.userPrincipalName),
      );
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = 'Sign in';
      button.addEventListener('click', () => signIn(config, user).catch(showError));
      const action = document.createElement('td');
      action.append(button);
      row.append(name, cell(user.councilName), cell(user.roles.join(', ')), action);
      table.tBodies[0].append(row);
    }
    users.append(heading, table);
  }
}

async function signIn(_config, user) {
  const response = await fetch('/dev/sign-in/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userPrincipalName: user.userPrincipalName }),
  });
  const answer = await response.json();
  if (!response.ok) throw new Error(answer.error);
  const accessToken = answer.accessToken;
  sessionStorage.setItem(TOKEN_KEY, accessToken);
  document.getElementById('who').textContent = `${user.displayName} (${user.councilName})`;
  document.getElementById('token').value = accessToken;
  document.getElementById('curl').textContent =
    `curl -H "Authorization: Bearer $(npm run -s token -- ${user.userPrincipalName})" ${location.origin}/api/me`;
  const me = await fetch('/api/me', { headers: { authorization: `Bearer ${accessToken}` } });
  document.getElementById('me').textContent = `${me.status}\n${JSON.stringify(await me.json(), null, 2)}`;
  document.getElementById('result').hidden = false;
}

document
  .getElementById('copy')
  ?.addEventListener('click', () => navigator.clipboard.writeText(document.getElementById('token').value));

function cell(text) {
  const td = document.createElement('td');
  td.textContent = text;
  return td;
}

function small(text) {
  const span = document.createElement('span');
  span.className = 'roles';
  span.textContent = text;
  return span;
}

function showError(error) {
  const p = document.createElement('p');
  p.className = 'error';
  p.textContent = `Sign-in failed: ${error.message}`;
  document.getElementById('users').prepend(p);
}

main().catch(showError);
