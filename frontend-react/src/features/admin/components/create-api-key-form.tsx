import { useState, type SyntheticEvent } from 'react';

import { Button } from '@/components/ui/button';
import { ErrorAlert } from '@/components/ui/error-alert';
import { describeError } from '@/lib/api-client';

import { useCreateApiKey } from '../api/create-api-key';
import { apiKeyScopes } from '../api/get-api-keys';
import { NewKeyDialog } from './new-key-dialog';

const scopeHelp: Record<(typeof apiKeyScopes)[number], string> = {
  read: 'search, ask, list',
  write: 'ingest, refresh, delete sources',
  admin: 'keys, members, settings',
};

export function CreateApiKeyForm() {
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<string[]>(['read']);
  const [expiresDays, setExpiresDays] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const create = useCreateApiKey();

  const onSubmit = (event: SyntheticEvent) => {
    event.preventDefault();
    if (scopes.length === 0) {
      setProblem('Choose at least one scope.');
      return;
    }
    setProblem(null);
    create.mutate(
      {
        name: name.trim(),
        scopes,
        expiresDays: expiresDays ? Number(expiresDays) : undefined,
      },
      {
        onSuccess: () => {
          setName('');
          setExpiresDays('');
        },
      },
    );
  };

  const toggle = (scope: string, on: boolean) => {
    setScopes((current) =>
      on
        ? apiKeyScopes.filter((s) => s === scope || current.includes(s))
        : current.filter((s) => s !== scope),
    );
  };

  return (
    <section aria-labelledby="create-key-heading">
      <h2 id="create-key-heading" className="section-heading">
        Create an API key
      </h2>
      <form className="admin-form" onSubmit={onSubmit}>
        <div className="field">
          <label htmlFor="key-name">Name</label>
          <input
            id="key-name"
            required
            maxLength={100}
            autoComplete="off"
            value={name}
            onChange={(event) => {
              setName(event.target.value);
            }}
          />
        </div>
        <fieldset className="field">
          <legend>Scopes</legend>
          <div className="checkbox-row">
            {apiKeyScopes.map((scope) => (
              <label key={scope} title={scopeHelp[scope]}>
                <input
                  type="checkbox"
                  checked={scopes.includes(scope)}
                  onChange={(event) => {
                    toggle(scope, event.target.checked);
                  }}
                />{' '}
                {scope}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="field">
          <label htmlFor="key-expiry">Expires after (days)</label>
          <input
            id="key-expiry"
            type="number"
            min={1}
            max={3650}
            inputMode="numeric"
            aria-describedby="key-expiry-hint"
            value={expiresDays}
            onChange={(event) => {
              setExpiresDays(event.target.value);
            }}
          />
          <p id="key-expiry-hint" className="hint muted">
            Leave empty for a key that does not expire.
          </p>
        </div>
        <div className="field">
          <Button type="submit" disabled={create.isPending}>
            {create.isPending ? 'Creating…' : 'Create key'}
          </Button>
        </div>
      </form>
      <p className="hint muted">
        read: {scopeHelp.read}; write: {scopeHelp.write}; admin:{' '}
        {scopeHelp.admin}.
      </p>
      {problem ? (
        <ErrorAlert title="Could not create the key" message={problem} />
      ) : null}
      {create.isError ? (
        <ErrorAlert
          title="Could not create the key"
          {...describeError(create.error)}
        />
      ) : null}
      {create.data ? (
        <NewKeyDialog
          name={create.data.key.name}
          plaintext={create.data.apiKey}
          onClose={() => {
            // Drops the only copy of the plaintext the console holds.
            create.reset();
          }}
        />
      ) : null}
    </section>
  );
}
