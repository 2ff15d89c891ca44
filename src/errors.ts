/**
 * Trouble the user can fix (bad flags, unreadable input, unreachable database): exit code 2 and one line on
 * stderr, never a stack trace. Anything else thrown is a bug and is shown with its stack under --debug.
 */
export class InputError extends Error {
  override name = 'InputError';
}

/** A connection string with its password replaced, for every message and report. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString().replace(/\/$/, '');
  } catch {
    return url.replace(/(\/\/[^:/@]*:)[^@]*@/, '$1***@');
  }
}

/** Removes a password, wherever it appears, from a message that may quote a connection string. */
export function redactText(text: string, url?: string): string {
  let out = text.replace(/(postgres(?:ql)?:\/\/[^:/@\s]*:)[^@\s]*@/g, '$1***@');
  if (url) {
    try {
      const pw = decodeURIComponent(new URL(url).password);
      if (pw) out = out.split(pw).join('***');
    } catch {
      /* not a URL: nothing more to hide */
    }
  }
  return out;
}
