import { useRef, useState } from 'react';

import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';

type NewKeyDialogProps = {
  name: string;
  plaintext: string;
  onClose: () => void;
};

/** Shows a new key's plaintext once; closing it forgets the plaintext. */
export function NewKeyDialog({ name, plaintext, onClose }: NewKeyDialogProps) {
  const boxRef = useRef<HTMLInputElement>(null);
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');

  const onCopy = async () => {
    try {
      await navigator.clipboard.writeText(plaintext);
      setCopy('copied');
    } catch {
      // No clipboard (plain HTTP, denied permission): select the text for a manual copy.
      boxRef.current?.select();
      setCopy('failed');
    }
  };

  return (
    <Dialog title={`API key “${name}” created`} onClose={onClose}>
      <p>
        <strong>Copy this key now. You won’t see it again:</strong> the service
        stores only a hash of it.
      </p>
      <div className="field">
        <label htmlFor="new-key-value">API key</label>
        <input
          id="new-key-value"
          ref={boxRef}
          className="secret-box"
          readOnly
          value={plaintext}
          onFocus={(event) => {
            event.target.select();
          }}
        />
      </div>
      <p role="status" className="muted">
        {copy === 'copied' ? 'Copied to the clipboard.' : null}
        {copy === 'failed'
          ? 'Copying is not available here: the key is selected, press Ctrl+C (⌘C) to copy it.'
          : null}
      </p>
      <div className="actions">
        <Button onClick={() => void onCopy()}>Copy key</Button>
        <Button className="button-secondary" onClick={onClose}>
          Done
        </Button>
      </div>
    </Dialog>
  );
}
