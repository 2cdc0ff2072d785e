import { QueryState } from '@/components/ui/query-state';
import { formatDateTime } from '@/lib/format';

import { keyStatus, useApiKeys, type KeyStatus } from '../api/get-api-keys';
import { CreateApiKeyForm } from './create-api-key-form';
import { RevokeKeyButton } from './revoke-key-button';

const tone: Record<KeyStatus, string> = {
  active: 'badge-ok',
  revoked: 'badge-error',
  expired: 'badge-degraded',
};

/** The workspace's API keys: create (plaintext shown once), list, revoke. */
export function ApiKeysPanel() {
  const keys = useApiKeys();

  return (
    <>
      <CreateApiKeyForm />
      <h2 className="section-heading">Keys of this workspace</h2>
      <QueryState
        query={keys}
        loadingLabel="Loading API keys…"
        errorTitle="Could not load the API keys"
      />
      {keys.isSuccess && keys.data.length === 0 ? (
        <p className="muted">No API keys yet.</p>
      ) : null}
      {keys.data && keys.data.length > 0 ? (
        <div className="table-wrap">
          <table className="table">
            <caption className="muted">
              Only the prefix of a key is stored in readable form.
            </caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Prefix</th>
                <th scope="col">Scopes</th>
                <th scope="col">Status</th>
                <th scope="col">Expires</th>
                <th scope="col">Last used</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {keys.data.map((key) => {
                const status = keyStatus(key);
                return (
                  <tr key={key.id}>
                    <th scope="row">{key.name}</th>
                    <td>
                      <code>{key.prefix}</code>
                    </td>
                    <td>{key.scopes.join(', ')}</td>
                    <td>
                      <span className={`badge ${tone[status]}`}>{status}</span>
                      {key.revokedAt ? (
                        <span className="muted">
                          {' '}
                          {formatDateTime(key.revokedAt)}
                        </span>
                      ) : null}
                    </td>
                    <td>
                      {key.expiresAt ? formatDateTime(key.expiresAt) : 'Never'}
                    </td>
                    <td>
                      {key.lastUsedAt
                        ? formatDateTime(key.lastUsedAt)
                        : 'Never'}
                    </td>
                    <td>
                      {status === 'revoked' ? (
                        '—'
                      ) : (
                        <RevokeKeyButton apiKey={key} />
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
