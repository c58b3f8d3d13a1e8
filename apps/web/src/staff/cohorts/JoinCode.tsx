/** The cohort's join code, big enough to read off a projector, with copy and rotate. */
import { useState } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import { ConfirmButton } from '../admin/common';
import { type CohortState, useCohort } from './store';

export function JoinCode({ store }: { store: StoreApi<CohortState> }) {
  const code = useCohort(store, (s) => s.cohort?.joinCode ?? '');
  const [copied, setCopied] = useState<string | null>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(code);
      setCopied(`Join code ${code} copied.`);
    } catch {
      setCopied('Copying is not allowed here: select the code and copy it by hand.');
    }
  }

  return (
    <section className="card join-code-card" aria-labelledby="join-code-title">
      <h2 id="join-code-title">Join code</h2>
      <p className="join-code" data-testid="join-code">
        {code}
      </p>
      <p className="muted">
        Students sign up, choose “Join a cohort” and type this code. Letters and digits that look alike (0/O,
        1/I) are never used.
      </p>
      <div className="button-row">
        <button type="button" onClick={() => void copy()}>
          Copy join code
        </button>
        <ConfirmButton
          label="Rotate join code"
          confirmLabel="Rotate code"
          danger
          question={`The old code ${code} stops working at once: anyone who has not joined yet will need the new code. Students already in the cohort stay.`}
          onConfirm={() => {
            setCopied(null);
            return store.getState().rotateJoinCode();
          }}
        />
      </div>
      <p role="status" className="copy-status">
        {copied}
      </p>
    </section>
  );
}
