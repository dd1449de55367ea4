import { useEffect, useRef, useState } from 'preact/hooks';
import { errorText, put } from '../lib/api';
import { accountIdProblem } from '../lib/format';
import { Dialog } from './Dialog';
import { Field } from './Field';
import { Qr } from './Qr';
import { CopyButton } from './CopyButton';
import { QrScanner } from './QrScanner';

/** Start a chat by Account ID, typed or read from a QR code (and show one's own, as text and QR code, to give to a friend). */
export function NewConversation(props: { accountId: string; onClose: () => void; onStart: (peer: string) => void }) {
  const [id, setId] = useState('');
  const [nickname, setNickname] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [scanning, setScanning] = useState(false);
  const scanButton = useRef<HTMLButtonElement>(null);
  const startButton = useRef<HTMLButtonElement>(null);
  const focusStart = useRef(false);
  // After a scan the ID is in its field: the next step is starting the chat (after a cancelled scan, back to the button).
  useEffect(() => {
    if (scanning || !focusStart.current) return;
    focusStart.current = false;
    startButton.current?.focus();
  }, [scanning]);

  const submit = async (e: Event) => {
    e.preventDefault();
    const problem = accountIdProblem(id);
    if (problem) return setError(problem);
    const peer = id.trim().toLowerCase();
    if (peer === props.accountId) return setError('That is your own Account ID.');
    try {
      if (nickname.trim()) await put(`/api/contacts/${peer}`, { nickname: nickname.trim() });
      props.onStart(peer);
    } catch (err) {
      setError(errorText(err));
    }
  };

  return (
    <Dialog title="New conversation" onClose={props.onClose} wide>
      <div class="new-grid">
        <form onSubmit={submit} class="new-form">
          <Field
            label="Their Account ID"
            value={id}
            onInput={(v) => {
              setId(v);
              setError(null);
            }}
            autoFocus
            placeholder="05…"
            hint="66 characters starting with 05. Ask your friend for it, or scan their QR code."
            error={error}
            name="account-id"
          />
          <button type="button" class="button scan-button" ref={scanButton} onClick={() => setScanning(true)}>
            Scan QR code
          </button>
          <Field label="Nickname (optional, only you see it)" value={nickname} onInput={setNickname} name="nickname" />
          <button type="submit" class="button primary" ref={startButton}>
            Start chat
          </button>
        </form>
        {scanning && (
          <QrScanner
            onClose={() => {
              setScanning(false);
              scanButton.current?.focus();
            }}
            onFound={(peer) => {
              setId(peer);
              setError(peer === props.accountId ? 'That is your own Account ID.' : null);
              focusStart.current = true;
              setScanning(false);
            }}
          />
        )}
        <section class="own-id" aria-labelledby="own-id-title">
          <h3 id="own-id-title">Your Account ID</h3>
          <Qr text={props.accountId} label="QR code of your Account ID" size={168} />
          <p class="account-id small" data-testid="own-account-id">
            {props.accountId}
          </p>
          <CopyButton text={props.accountId} />
        </section>
      </div>
    </Dialog>
  );
}
