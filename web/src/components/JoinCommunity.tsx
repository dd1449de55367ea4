import { useEffect, useRef, useState } from 'preact/hooks';
import { errorText, post } from '../lib/api';
import { communityUrlFromQr, communityUrlProblem } from '../lib/qrscan';
import type { Community } from '../lib/types';
import { Dialog } from './Dialog';
import { Field } from './Field';
import { QrScanner } from './QrScanner';

/** Join a community by its join URL: pasted, or read from its QR code (camera or image), then checked by the server. */
export function JoinCommunity(props: { onClose: () => void; onJoined: (community: Community) => void }) {
  const [url, setUrl] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [scanning, setScanning] = useState(false);
  const scanButton = useRef<HTMLButtonElement>(null);
  const joinButton = useRef<HTMLButtonElement>(null);
  const focusJoin = useRef(false);
  useEffect(() => {
    if (scanning || !focusJoin.current) return;
    focusJoin.current = false;
    joinButton.current?.focus();
  }, [scanning]);

  const submit = async (e: Event) => {
    e.preventDefault();
    const problem = communityUrlProblem(url);
    if (problem) return setError(problem);
    setBusy(true);
    setError(null);
    try {
      props.onJoined(await post<Community>('/api/communities', { url: url.trim() }));
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title="Join a community" onClose={props.onClose}>
      <form onSubmit={submit} class="new-form">
        <Field
          label="Join URL"
          value={url}
          onInput={(v) => {
            setUrl(v);
            setError(null);
          }}
          autoFocus
          placeholder="http://host:port/room?public_key=…"
          hint="The community’s link, as its operator or a member shared it. Paste it, or scan its QR code."
          error={error}
          name="community-url"
        />
        <button type="button" class="button scan-button" ref={scanButton} onClick={() => setScanning(true)}>
          Scan QR code
        </button>
        <button type="submit" class="button primary" ref={joinButton} disabled={busy} aria-busy={busy}>
          {busy ? 'Joining…' : 'Join'}
        </button>
      </form>
      {scanning && (
        <QrScanner
          read={communityUrlFromQr}
          hint="Scan the community’s QR code with this computer’s camera, or choose (or drop here) a screenshot or photo of it."
          onClose={() => {
            setScanning(false);
            scanButton.current?.focus();
          }}
          onFound={(found) => {
            setUrl(found);
            setError(null);
            focusJoin.current = true;
            setScanning(false);
          }}
        />
      )}
    </Dialog>
  );
}
