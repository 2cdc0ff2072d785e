import { ConfirmButton } from '@/components/ui/confirm-dialog';
import { useToast } from '@/components/ui/toast';

import type { ApiKey } from '../api/get-api-keys';
import { useRevokeApiKey } from '../api/revoke-api-key';

export function RevokeKeyButton({ apiKey }: { apiKey: ApiKey }) {
  const mutation = useRevokeApiKey();
  const { notify } = useToast();

  return (
    <ConfirmButton
      label="Revoke"
      buttonClassName="button-danger"
      ariaLabel={`Revoke ${apiKey.name}`}
      mutation={mutation}
      title="Revoke this API key?"
      confirmLabel="Revoke key"
      pendingLabel="Revoking…"
      errorTitle="Could not revoke the key"
      variables={apiKey.id}
      onSuccess={() => {
        notify(`Revoked “${apiKey.name}”.`, 'success');
      }}
    >
      <p>
        “{apiKey.name}” (<code>{apiKey.prefix}</code>) stops working at once.
        This cannot be undone.
      </p>
    </ConfirmButton>
  );
}
