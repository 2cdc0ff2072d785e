import { useId, useState, type SyntheticEvent } from 'react';

import { Button } from '@/components/ui/button';
import { loadPage } from '@/lib/browser';

import { devLoginHref } from '../api/get-providers';

/** The token of a pasted link (`…/dev-login?token=…`), or the pasted text when it is a bare token. */
export function tokenFrom(input: string): string | null {
  const text = input.trim();
  if (text === '') {
    return null;
  }
  if (text.includes('token=')) {
    try {
      return (
        new URL(text, window.location.origin).searchParams.get('token') || null
      );
    } catch {
      return null;
    }
  }
  return /^[A-Za-z0-9_-]+$/.test(text) ? text : null;
}

/** Development mode: redeem the one-time link the server printed, by pasting it or its token. */
export function DevLinkForm() {
  const inputId = useId();
  const hintId = useId();
  const errorId = useId();
  const headingId = useId();
  const [value, setValue] = useState('');
  const [invalid, setInvalid] = useState(false);

  const onSubmit = (event: SyntheticEvent) => {
    event.preventDefault();
    const token = tokenFrom(value);
    if (!token) {
      setInvalid(true);
      return;
    }
    loadPage(devLoginHref(token));
  };

  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>Development sign-in link</h2>
      <p>
        This instance runs in development mode. When it starts, it prints a
        one-time sign-in link in its log. Another one, for any user, comes from:
      </p>
      <pre className="command">
        <code>
          java -jar mini-rag.jar users login-link --email you@example.com
          config.yml
        </code>
      </pre>
      <form onSubmit={onSubmit} noValidate>
        <div className="field">
          <label htmlFor={inputId}>Sign-in link or token</label>
          <input
            id={inputId}
            type="text"
            autoComplete="off"
            spellCheck={false}
            value={value}
            aria-invalid={invalid}
            aria-describedby={invalid ? `${hintId} ${errorId}` : hintId}
            onChange={(event) => {
              setValue(event.target.value);
              setInvalid(false);
            }}
          />
          <p id={hintId} className="muted">
            A link works once, for 15 minutes.
          </p>
          {invalid ? (
            <p id={errorId} className="field-error">
              Paste the whole sign-in link, or the token after “token=”.
            </p>
          ) : null}
        </div>
        <Button type="submit">Sign in with this link</Button>
      </form>
    </section>
  );
}
