import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { chatPath, del, errorText, get, isGroupId, post } from '../lib/api';
import { shortId, timerLabel } from '../lib/format';
import { useStore } from '../lib/store';
import type { Contact, Conversation, Message } from '../lib/types';
import { ProgressBar } from './Attachments';
import { Avatar } from './Avatar';
import { ChatDetails } from './ChatDetails';
import { Composer } from './Composer';
import { Dialog } from './Dialog';
import { GroupDetails } from './GroupDetails';
import { Icon } from './Icon';
import { MessageItem } from './MessageItem';

/** One conversation: header, request/blocked banners, the history (live), and the composer. */
export function Chat(props: { peer: string; conversation: Conversation | null; onClosed: () => void }) {
  const store = useStore();
  const { peer, conversation } = props;
  const messages = store.messages[peer];
  const [replyTo, setReplyTo] = useState<Message | null>(null);
  const [deleting, setDeleting] = useState<Message | null>(null);
  const [details, setDetails] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [staged, setStaged] = useState<File[]>([]);
  const [dragging, setDragging] = useState(false);
  const isGroup = isGroupId(peer);
  const group = isGroup ? store.groups[peer] : undefined;
  const logRef = useRef<HTMLDivElement>(null);
  // A chat not begun yet has no conversation: its name comes from the contact (a nickname given when starting it).
  const [contact, setContact] = useState<Contact | null>(null);
  useEffect(() => {
    if (conversation || isGroup) return;
    void get<Contact[]>('/api/contacts')
      .then((all) => setContact(all.find((c) => c.peer === peer) ?? null))
      .catch(() => undefined);
  }, [peer, conversation === null]);
  const name = group?.name ?? conversation?.name ?? contact?.nickname ?? contact?.display_name ?? shortId(peer);

  useEffect(() => {
    store.openPeer.current = peer;
    void store.loadMessages(peer).catch((e) => setError(errorText(e)));
    return () => {
      if (store.openPeer.current === peer) store.openPeer.current = null;
    };
  }, [peer]);

  // Opening a chat with unread messages reads them (and sends receipts, when this conversation sends them).
  useEffect(() => {
    if (conversation && conversation.unread > 0 && conversation.state !== 'blocked') store.markRead(peer);
  }, [peer, conversation?.unread]);

  // Keep the newest message in view when one arrives and the reader was at the bottom.
  const atBottom = useRef(true);
  useLayoutEffect(() => {
    const log = logRef.current;
    if (log && atBottom.current) log.scrollTop = log.scrollHeight;
  }, [messages?.length, store.typing[peer]]);

  const act = async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
      await store.refreshConversations();
    } catch (e) {
      setError(errorText(e));
    }
  };

  const react = (message: Message, emoji: string, remove: boolean) =>
    act(() => post(`/api/messages/${encodeURIComponent(message.id)}/reactions`, { emoji, remove }).then(() => store.loadMessages(peer)));

  const remove = (message: Message, scope: 'me' | 'everyone') =>
    act(async () => {
      await del(`/api/messages/${encodeURIComponent(message.id)}?for=${scope}`);
      setDeleting(null);
      await store.loadMessages(peer);
    });

  const state = conversation?.state;
  const uploads = store.uploads.filter((u) => u.peer === peer);
  const sending = Object.values(store.transfers).filter((t) => t.peer === peer && t.direction === 'up');
  const memberCount = group?.members.filter((m) => m.state !== 'removed').length ?? 0;
  const dropFiles = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const files = Array.from(e.dataTransfer?.files ?? []);
    if (files.length > 0 && state !== 'blocked') setStaged((all) => [...all, ...files]);
  };
  return (
    <div
      class={`chat ${dragging ? 'dragging' : ''}`}
      onDragOver={(e) => {
        if (isGroup || !e.dataTransfer?.types.includes('Files')) return;
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target) setDragging(false);
      }}
      onDrop={dropFiles}
    >
      {dragging && (
        <div class="drop-hint" aria-hidden="true">
          Drop files to send them to {name}
        </div>
      )}
      <header class="chat-header">
        <Avatar name={name} id={peer} picture={conversation?.has_picture} version={store.pictureVersion} />
        <div class="chat-title">
          <h1 data-testid="chat-title">{name}</h1>
          <p class="chat-sub">
            {isGroup ? (
              <span data-testid="member-count">
                {memberCount} member{memberCount === 1 ? '' : 's'}
              </span>
            ) : (
              <span class="mono">{shortId(peer)}</span>
            )}
            {conversation?.disappearing_seconds ? (
              <span class="timer-chip" data-testid="timer-chip">
                <Icon name="timer" /> {timerLabel(conversation.disappearing_seconds)}
              </span>
            ) : null}
          </p>
        </div>
        <button
          type="button"
          class="icon-button"
          aria-label="Conversation details"
          aria-expanded={details}
          title="Details"
          onClick={() => setDetails(!details)}
        >
          <Icon name="info" />
        </button>
      </header>
      {state === 'request' && isGroup && (
        <div class="banner" role="region" aria-label="Group invite">
          <p>
            {group?.invited_by ? <strong>{nameOf(group.invited_by, group)}</strong> : 'Someone'} invited you to the group{' '}
            <strong>{name}</strong>.
          </p>
          <div class="row">
            <button type="button" class="button primary" onClick={() => act(() => post(`${chatPath(peer)}/accept`))}>
              Join group
            </button>
            <button
              type="button"
              class="button"
              onClick={() =>
                act(async () => {
                  await post(`${chatPath(peer)}/decline`);
                  props.onClosed();
                })
              }
            >
              Decline
            </button>
          </div>
        </div>
      )}
      {state === 'request' && !isGroup && (
        <div class="banner" role="region" aria-label="Message request">
          <p>
            <strong>{name}</strong> wants to message you. Accepting lets them see you read their messages and when you type.
          </p>
          <div class="row">
            <button type="button" class="button primary" onClick={() => act(() => post(`${chatPath(peer)}/accept`))}>
              Accept
            </button>
            <button type="button" class="button" onClick={() => act(() => post(`${chatPath(peer)}/decline`))}>
              Decline
            </button>
            <button type="button" class="button danger" onClick={() => act(() => post(`${chatPath(peer)}/block`))}>
              Block
            </button>
          </div>
        </div>
      )}
      {state === 'blocked' && (
        <div class="banner warn" role="region" aria-label="Blocked">
          <p>You blocked {name}. Messages from them are dropped.</p>
          <button type="button" class="button" onClick={() => act(() => post(`${chatPath(peer)}/unblock`))}>
            Unblock
          </button>
        </div>
      )}
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
          aria-label={`Messages with ${name}`}
          tabIndex={0}
          onScroll={(e) => {
            const el = e.currentTarget as HTMLElement;
            atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
          }}
        >
          <ol class="message-list">
          {messages === undefined && <li class="system">Loading…</li>}
          {messages?.length === 0 && <li class="system">No messages yet. Say hello.</li>}
          {messages?.map((m) => (
            <MessageItem
              key={m.id}
              message={m}
              peerName={name}
              group={isGroup}
              onReply={() => setReplyTo(m)}
              onReact={(emoji, removeIt) => react(m, emoji, removeIt)}
              onDelete={() => setDeleting(m)}
            />
          ))}
          {store.typing[peer] && (
            <li class="typing" data-testid="typing" aria-label={`${name} is typing`}>
              <span class="dots" aria-hidden="true">
                <span />
                <span />
                <span />
              </span>
              <span class="typing-text">{name} is typing…</span>
            </li>
          )}
          </ol>
        </div>
        {details &&
          (group ? (
            <GroupDetails group={group} onClose={() => setDetails(false)} onError={setError} onLeft={props.onClosed} />
          ) : (
            <ChatDetails peer={peer} conversation={conversation} name={name} onClose={() => setDetails(false)} onError={setError} />
          ))}
      </div>
      {uploads.length + sending.length > 0 && (
        <ul class="uploads" aria-label="Sending files">
          {sending.map((t) => (
            <li key={t.attachment_id} data-testid="upload" data-state={t.state}>
              <span class="upload-name">
                {t.state === 'failed' ? `Not sent: ${t.name}` : `Uploading ${t.name}`}
              </span>
              {t.state === 'failed' ? (
                <span class="row">
                  <span class="failure">{t.error}</span>
                  <button type="button" class="button small-button" onClick={() => store.setTransfer(null, t.attachment_id)}>
                    Dismiss
                  </button>
                </span>
              ) : (
                <ProgressBar label={`Uploading ${t.name}`} done={t.bytes} total={t.total} rateBps={t.rate_bps} etaSeconds={t.eta_seconds} />
              )}
            </li>
          ))}
          {uploads.map((u) => {
            const seconds = (Date.now() - u.startedMs) / 1000;
            const bps = seconds > 0.5 ? u.loaded / seconds : null;
            return (
              <li key={u.key} data-testid="upload" data-state="sending">
                <span class="upload-name">Sending {u.name}</span>
                <ProgressBar
                  label={`Sending ${u.name}`}
                  done={u.loaded}
                  total={u.total}
                  rateBps={bps}
                  etaSeconds={bps ? (u.total - u.loaded) / bps : null}
                />
              </li>
            );
          })}
        </ul>
      )}
      {state !== 'blocked' && (group === undefined || group.state === 'joined') && (
        <Composer
          peer={peer}
          name={name}
          staged={staged}
          onStaged={setStaged}
          typingIndicators={!isGroup}
          replyTo={replyTo}
          onCancelReply={() => setReplyTo(null)}
          onSent={() => setReplyTo(null)}
          onError={setError}
        />
      )}
      {deleting && (
        <Dialog title="Delete message?" onClose={() => setDeleting(null)}>
          <p class="dialog-text">“{deleting.text}”</p>
          <div class="row">
            <button type="button" class="button" onClick={() => remove(deleting, 'me')}>
              Delete for me
            </button>
            {deleting.outgoing && !deleting.deleted && (
              <button type="button" class="button danger" onClick={() => remove(deleting, 'everyone')}>
                Delete for everyone
              </button>
            )}
          </div>
        </Dialog>
      )}
    </div>
  );
}

function nameOf(id: string, group: { members: { account_id: string; name: string }[] }): string {
  return group.members.find((m) => m.account_id === id)?.name ?? shortId(id);
}
