import { useState } from 'preact/hooks';
import { communityPath, del, errorText } from '../lib/api';
import { useStore } from '../lib/store';
import type { Community } from '../lib/types';
import { CopyButton } from './CopyButton';
import { Dialog } from './Dialog';
import { Icon } from './Icon';
import { Qr } from './Qr';

/** A room's side panel: its description, the join URL (text and QR code) to share, this account's blinded ID, leave. */
export function CommunityDetails(props: { community: Community; onClose: () => void; onError: (error: string | null) => void; onLeft: () => void }) {
  const store = useStore();
  const c = props.community;
  const [leaving, setLeaving] = useState(false);
  const leave = async () => {
    props.onError(null);
    try {
      await del(communityPath(c.id));
      setLeaving(false);
      await store.refreshConversations();
      props.onLeft();
    } catch (error) {
      props.onError(errorText(error));
    }
  };
  return (
    <aside
      class="details"
      aria-label="Community details"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !leaving) props.onClose();
      }}
    >
      <header class="details-header">
        <h2>Community</h2>
        <button type="button" class="icon-button" aria-label="Close details" onClick={props.onClose}>
          <Icon name="close" />
        </button>
      </header>
      {c.description && <p class="group-description">{c.description}</p>}
      <h3>Invite others</h3>
      <Qr text={c.url} label={`QR code of ${c.name}'s join URL`} size={160} />
      <p class="account-id small" data-testid="community-url">
        {c.url}
      </p>
      <CopyButton text={c.url} label="Copy join URL" />
      <h3>You here</h3>
      <p class="hint">Members see you by this blinded ID, never your Account ID.</p>
      <p class="account-id small" data-testid="blinded-id">
        {c.you}
      </p>
      <button type="button" class="button danger" onClick={() => setLeaving(true)}>
        Leave {c.name}
      </button>
      {leaving && (
        <Dialog title={`Leave ${c.name}?`} onClose={() => setLeaving(false)}>
          <p class="dialog-text">Its messages are no longer fetched. You can join again with its URL.</p>
          <div class="row">
            <button type="button" class="button" onClick={() => setLeaving(false)}>
              Cancel
            </button>
            <button type="button" class="button danger" onClick={() => void leave()}>
              Leave
            </button>
          </div>
        </Dialog>
      )}
    </aside>
  );
}
