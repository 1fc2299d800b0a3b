/** The token form: shown until the server accepts a token, and again after a 401. */
import { h } from '../dom';

export function loginView(error: string | null, onSubmit: (token: string) => void): HTMLElement {
  const input = h('input', { id: 'admin-token', name: 'token', type: 'password', autocomplete: 'off', spellcheck: 'false', required: true, placeholder: 'paste the admin token' });
  const form = h('form', { class: 'login-form' },
    h('label', { for: 'admin-token' }, 'Admin token'),
    input,
    h('button', { type: 'submit', class: 'primary' }, 'Open dashboard'),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const token = input.value.trim();
    if (token) onSubmit(token);
  });
  queueMicrotask(() => input.focus());
  return h('main', { class: 'login' },
    h('div', { class: 'login-card' },
      h('p', { class: 'brand' }, h('span', { class: 'brand-mark' }, 'reshelf'), h('span', { class: 'brand-sub' }, 'Campaign dashboard')),
      h('h1', {}, 'Sign in'),
      h('p', { class: 'muted' }, 'The dashboard reads the admin API. Enter the token the server was started with (RESHELF_ADMIN_TOKEN, or the one the demo printed).'),
      error ? h('p', { class: 'error', role: 'alert' }, error) : null,
      form,
      h('p', { class: 'hint' }, 'Kept in this tab only (sessionStorage) and sent as an Authorization header; never put in the URL.'),
    ),
  );
}
