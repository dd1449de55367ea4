import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { communityDm, communityPath, del, errorText, post } from '../lib/api';
import { shortId } from '../lib/format';
import { useStore } from '../lib/store';
import type { Message } from '../lib/types';
import { Avatar } from './Avatar';
import { CommunityDetails } from './CommunityDetails';
import { Composer } from './Composer';
import { Dialog } from './Dialog';
import { Icon } from './Icon';
import { MessageItem } from './MessageItem';

/** How long a ban lasts, as the ban dialog offers it (null: until lifted). */
export const banLengths: { label: string; seconds: number | null }[] = [
  { label: '1 hour', seconds: 3600 },
  { label: '1 day', seconds: 86_400 },
  { label: '1 week', seconds: 7 * 86_400 },
  { label: 'Until lifted', seconds: null },
];

/**
 * A community room (its messages live, post, reply, react, delete one's own; moderators delete anyone's and ban) or a
 * blinded DM thread through one (`peer` is member@room).
 */
export function CommunityChat(props: { peer: string; onOpen: (peer: string) => void; onClosed: () => void }) {
  const store = useStore();
  const { peer } = props;
  const dm = communityDm(peer);
  const roomId = dm?.room ?? peer;
  const room = store.communities[roomId];
  const thread = dm ? store.communityDms[peer] : undefined;
  const messages = store.messages[peer];
  const [replyTo, setReplyTo] = useState<Message | null>(null);
  const [deleting, setDeleting] = useState<Message | null>(null);
  const [banning, setBanning] = useState<Message | null>(null);
  const [banSeconds, setBanSeconds] = useState<string>(String(banLengths[0].seconds));
  const [details, setDetails] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const logRef = useRef<HTMLDivElement>(null);
  const memberName = (m: Message) => m.sender_name ?? shortId(m.sender ?? '');
  // A quoted author by the name they post under here (or "You"), else their short blinded ID.
  const nameOf = (id: string) =>
    id === room?.you ? 'You' : (messages?.find((m) => m.sender === id && m.sender_name)?.sender_name ?? shortId(id));
  const name = dm ? (thread?.name ?? shortId(dm.member)) : (room?.name ?? roomId);

  useEffect(() => {
    store.openPeer.current = peer;
    void store.loadMessages(peer).catch((e) => setError(errorText(e)));
    return () => {
      if (store.openPeer.current === peer) store.openPeer.current = null;
    };
  }, [peer]);

  const unread = dm ? (thread?.unread ?? 0) : (room?.unread ?? 0);
  useEffect(() => {
    if (unread > 0) store.markRead(peer);
  }, [peer, unread]);

  const atBottom = useRef(true);
  useLayoutEffect(() => {
    const log = logRef.current;
    if (log && atBottom.current) log.scrollTop = log.scrollHeight;
  }, [messages?.length]);

  const act = async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
      await store.loadMessages(peer);
      await store.refreshConversations();
    } catch (e) {
      setError(errorText(e));
    }
  };

  const base = communityPath(roomId);
  const messagePath = (m: Message) => `${base}/messages/${encodeURIComponent(m.id)}`;
  const react = (m: Message, emoji: string, remove: boolean) => act(() => post(`${messagePath(m)}/reactions`, { emoji, remove }));
  const remove = (m: Message) =>
    act(async () => {
      await del(messagePath(m));
      setDeleting(null);
    });
  const ban = (m: Message) =>
    act(async () => {
      await post(`${base}/bans`, { member: m.sender, seconds: banSeconds === 'null' ? null : Number(banSeconds) });
      setBanning(null);
    });

  const moderator = room?.moderator ?? false;
  const canWrite = dm ? true : (room?.can_write ?? false);
  return (
    <div class="chat community-chat">
      <header class="chat-header">
        <Avatar name={name} id={dm?.member ?? roomId} />
        <div class="chat-title">
          <h1 data-testid="chat-title">{name}</h1>
          <p class="chat-sub">
            {dm ? (
              <span>Private, through {room?.name ?? dm.room}</span>
            ) : (
              <>
                <span class="community-chip">
                  <Icon name="globe" /> Community
                </span>
                {room?.active_users != null && <span data-testid="active-users">{room.active_users} active</span>}
                {moderator && (
                  <span class="community-chip" data-testid="moderator-chip">
                    {room?.admin ? 'Admin' : 'Moderator'}
                  </span>
                )}
              </>
            )}
          </p>
        </div>
        {!dm && (
          <button
            type="button"
            class="icon-button"
            aria-label="Community details"
            aria-expanded={details}
            title="Details"
            onClick={() => setDetails(!details)}
          >
            <Icon name="info" />
          </button>
        )}
      </header>
      {error && (
        <p class="banner error" role="alert">
          {error}
        </p>
      )}
      <div class="chat-body">
        <div
          class="messages"
          ref={logRef}
          role="log"
          aria-label={dm ? `Private messages with ${name}` : `Messages in ${name}`}
          tabIndex={0}
          onScroll={(e) => {
            const el = e.currentTarget as HTMLElement;
            atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
          }}
        >
          <ol class="message-list">
            {messages === undefined && <li class="system">Loading…</li>}
            {messages?.length === 0 && <li class="system">{dm ? 'No messages yet. Say hello.' : 'No messages in this room yet.'}</li>}
            {messages?.map((m) => (
              <MessageItem
                key={m.id}
                message={m}
                peerName={dm ? name : memberName(m)}
                group={dm !== null}
                onReply={() => setReplyTo(m)}
                onReact={(emoji, removeIt) => void react(m, emoji, removeIt)}
                onDelete={() => setDeleting(m)}
                community={
                  dm
                    ? undefined
                    : {
                        canDelete: m.outgoing || moderator,
                        nameOf,
                        onDm: m.outgoing || !m.sender ? undefined : () => props.onOpen(`${m.sender}@${roomId}`),
                        onBan: moderator && !m.outgoing && m.sender ? () => setBanning(m) : undefined,
                      }
                }
              />
            ))}
          </ol>
        </div>
        {details && room && (
          <CommunityDetails community={room} onClose={() => setDetails(false)} onError={setError} onLeft={props.onClosed} />
        )}
      </div>
      {canWrite ? (
        <Composer
          peer={peer}
          name={name}
          replyName={replyTo ? memberName(replyTo) : undefined}
          staged={[]}
          onStaged={() => undefined}
          typingIndicators={false}
          attachments={false}
          replyTo={replyTo}
          onCancelReply={() => setReplyTo(null)}
          onSent={() => setReplyTo(null)}
          onError={setError}
        />
      ) : (
        <p class="banner" role="status">
          This room is read-only for you.
        </p>
      )}
      {deleting && (
        <Dialog title="Delete message?" onClose={() => setDeleting(null)}>
          <p class="dialog-text">“{deleting.text}”</p>
          <p class="hint">
            {deleting.outgoing ? 'It is deleted for everyone in the room.' : `As a moderator you delete ${memberName(deleting)}’s message for everyone.`}
          </p>
          <div class="row">
            <button type="button" class="button" onClick={() => setDeleting(null)}>
              Cancel
            </button>
            <button type="button" class="button danger" onClick={() => void remove(deleting)}>
              Delete for everyone
            </button>
          </div>
        </Dialog>
      )}
      {banning && (
        <Dialog title={`Ban ${memberName(banning)}?`} onClose={() => setBanning(null)}>
          <p class="dialog-text">They can no longer post in {name}. Their messages stay unless you delete them.</p>
          <label for="ban-length">For how long</label>
          <select id="ban-length" value={banSeconds} onChange={(e) => setBanSeconds((e.currentTarget as HTMLSelectElement).value)}>
            {banLengths.map((b) => (
              <option key={b.label} value={String(b.seconds)}>
                {b.label}
              </option>
            ))}
          </select>
          <div class="row">
            <button type="button" class="button" onClick={() => setBanning(null)}>
              Cancel
            </button>
            <button type="button" class="button danger" onClick={() => void ban(banning)}>
              Ban
            </button>
          </div>
        </Dialog>
      )}
    </div>
  );
}

