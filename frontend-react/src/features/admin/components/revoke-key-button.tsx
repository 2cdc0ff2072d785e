import { useRef, useState } from 'react';

import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { ErrorAlert } from '@/components/ui/error-alert';
import { useToast } from '@/components/ui/toast';
import { describeError } from '@/lib/api-client';

import type { ApiKey } from '../api/get-api-keys';
import { useRevokeApiKey } from '../api/revoke-api-key';

export function RevokeKeyButton({ apiKey }: { apiKey: ApiKey }) {
  const [open, setOpen] = useState(false);
  const cancelRef = useRef<HTMLButtonElement>(null);
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
        <Dialog
          title="Revoke this API key?"
          role="alertdialog"
          initialFocus={cancelRef}
          onClose={() => {
            setOpen(false);
          }}
        >
          <p>
            “{apiKey.name}” (<code>{apiKey.prefix}</code>) stops working at
            once. This cannot be undone.
          </p>
          {mutation.isError ? (
            <ErrorAlert
              title="Could not revoke the key"
              {...describeError(mutation.error)}
            />
          ) : null}
          <div className="actions">
            <Button
              ref={cancelRef}
              className="button-secondary"
              onClick={() => {
                setOpen(false);
              }}
            >
              Cancel
            </Button>
            <Button
              className="button-danger"
              disabled={mutation.isPending}
              onClick={confirm}
            >
              {mutation.isPending ? 'Revoking…' : 'Revoke key'}
            </Button>
          </div>
        </Dialog>
      ) : null}
    </>
  );
}
