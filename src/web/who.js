// @ts-check
/**
 * Who is signed in, in the header of the app and of /dashboard: `GET api/me` gives the key's user and role
 * (`credential: 'none'` when this server needs no key: no credential configured, loopback only). "Sign out"
 * forgets the key of this tab; the next request asks for one again.
 */
import { authHeaders, forgetKey } from './api.js';

/** @typedef {{ id: string; name: string; role: 'teacher' | 'operator' | 'admin'; credential: 'user' | 'api_key' | 'none' }} Me */

/** @type {Promise<Me | null> | null} */
let asked = null;

/**
 * The signed-in user, asked once per page (null when the server cannot tell: no key yet, or it is down).
 * @param {boolean} [again] ask again (after a new key)
 * @returns {Promise<Me | null>}
 */
export function whoAmI(again = false) {
  if (again || !asked)
    asked = fetch('api/me', { headers: authHeaders(), cache: 'no-store' })
      .then((res) => (res.ok ? /** @type {Promise<Me>} */ (res.json()) : null))
      .catch(() => null);
  return asked;
}

/**
 * Fills `#who` (name, role, sign out) from {@link whoAmI}; hidden when nobody is known.
 * @param {boolean} [again]
 */
export async function showWho(again = false) {
  const box = document.getElementById('who');
  const name = document.getElementById('who-name');
  const role = document.getElementById('who-role');
  const out = document.getElementById('sign-out');
  if (!box || !name || !role || !out) return;
  const me = await whoAmI(again);
  box.hidden = !me;
  if (!me) return;
  name.textContent = me.credential === 'none' ? 'No key needed here' : me.name;
  name.title =
    me.credential === 'none'
      ? 'This server has no key set up and answers this computer only: you act as its admin.'
      : me.name;
  role.textContent = me.role;
  role.className = `badge who-role role-${me.role}`;
  out.hidden = me.credential === 'none';
  out.onclick = () => {
    forgetKey();
    location.reload();
  };
}
