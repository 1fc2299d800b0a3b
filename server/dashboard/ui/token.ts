/**
 * The admin token lives in sessionStorage (gone when the tab closes) and never in the URL,
 * where it would end up in history, logs and Referer headers.
 */
const KEY = 'reshelf.dashboard.token';
let memory: string | null = null; // storage can be disabled (private modes, policies)

export function readToken(): string | null {
  try {
    return sessionStorage.getItem(KEY) ?? memory;
  } catch {
    return memory;
  }
}

export function saveToken(token: string): void {
  memory = token;
  try {
    sessionStorage.setItem(KEY, token);
  } catch {
    // memory only
  }
}

export function forgetToken(): void {
  memory = null;
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // nothing stored
  }
}
