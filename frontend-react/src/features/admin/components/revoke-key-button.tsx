import { useState } from 'react';

import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { useToast } from '@/components/ui/toast';

import type { ApiKey } from '../api/get-api-keys';
import { useRevokeApiKey } from '../api/revoke-api-key';

export function RevokeKeyButton({ apiKey }: { apiKey: ApiKey }) {
  const [open, setOpen] = useState(false);
  const mutation = useRevokeApiKey();
  const { notify } = useToast();

  const confirm = () => {
    mutation.mutate(apiKey.id, {
      onSuccess: () => {
        setOpen(false);
        notify(`Revoked “${apiKey.name}”.`, 'success');
      },
    });
  };

  return (
    <>
      <Button
        className="button-danger"
        aria-label={`Revoke ${apiKey.name}`}
        onClick={() => {
          mutation.reset();
          setOpen(true);
        }}
      >
        Revoke
      </Button>
      {open ? (
        <ConfirmDialog
          title="Revoke this API key?"
          confirmLabel="Revoke key"
          pendingLabel="Revoking…"
          pending={mutation.isPending}
          error={mutation.isError ? mutation.error : null}
          errorTitle="Could not revoke the key"
          onConfirm={confirm}
          onClose={() => {
            setOpen(false);
          }}
        >
          <p>
            “{apiKey.name}” (<code>{apiKey.prefix}</code>) stops working at
            once. This cannot be undone.
          </p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}
