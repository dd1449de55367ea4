import type { RefObject } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { get } from '../lib/api';
import { day, shortId } from '../lib/format';
import { useStore } from '../lib/store';
import type { Conversation, Message } from '../lib/types';
import { Avatar } from './Avatar';
import { Icon } from './Icon';

/** The left column: search, message requests, and the conversations with their unread counts. */
export function ConversationList(props: {
  searchRef: RefObject<HTMLInputElement | null>;
  selected: string | null;
  showRequests: boolean;
  onShowRequests: (show: boolean) => void;
  onSelect: (peer: string) => void;
  onNew: () => void;
  onNewGroup: () => void;
  onJoinCommunity: () => void;
}) {
  const store = useStore();
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<Message[]>([]);
  const requests = store.conversations.filter((c) => c.state === 'request');
  const q = query.trim().toLowerCase();
  const matches = (c: Conversation) => q === '' || c.name.toLowerCase().includes(q) || c.peer.includes(q);
  const shown = store.conversations.filter((c) => (props.showRequests ? c.state === 'request' : c.state !== 'request') && matches(c));

  // Messages holding the words, from the encrypted local index (a short pause so typing does not flood it).
  useEffect(() => {
    if (q.length < 2) return setFound([]);
    const abort = new AbortController();
    const timer = setTimeout(() => {
      get<Message[]>(`/api/search?q=${encodeURIComponent(q)}`, abort.signal)
        .then(setFound)
        .catch(() => undefined);
    }, 250);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [q]);

  const nameOf = (peer: string) => store.conversations.find((c) => c.peer === peer)?.name ?? shortId(peer);

  return (
    <aside class="list" aria-label="Conversations">
      <header class="list-header">
        {props.showRequests ? (
          <>
            <button type="button" class="icon-button" aria-label="Back to conversations" onClick={() => props.onShowRequests(false)}>
              <Icon name="back" />
            </button>
            <h2>Message requests</h2>
          </>
        ) : (
          <>
            <h2>Chats</h2>
            <span class="row tight">
              <button
                type="button"
                class="icon-button"
                aria-label="Join a community"
                title="Join a community"
                onClick={props.onJoinCommunity}
              >
                <Icon name="globe" />
              </button>
              <button type="button" class="icon-button" aria-label="New group" title="New group" onClick={props.onNewGroup}>
                <Icon name="group" />
              </button>
              <button type="button" class="icon-button" aria-label="New conversation" title="New conversation" onClick={props.onNew}>
                <Icon name="plus" />
              </button>
            </span>
          </>
        )}
      </header>
      <div class="search">
        <Icon name="search" />
        <label for="search" class="visually-hidden">
          Search conversations and messages (Ctrl+K)
        </label>
        <input
          id="search"
          ref={props.searchRef}
          type="search"
          placeholder="Search (Ctrl+K)"
          value={query}
          onInput={(e) => setQuery((e.currentTarget as HTMLInputElement).value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') setQuery('');
          }}
        />
      </div>
      {!props.showRequests && requests.length > 0 && (
        <button type="button" class="requests-row" onClick={() => props.onShowRequests(true)} data-testid="requests-row">
          <span>Requests and invites</span>
          <span class="badge" aria-label={`${requests.length} waiting`}>
            {requests.length}
          </span>
        </button>
      )}
      <ul class="conversations" aria-label={props.showRequests ? 'Message requests' : 'Conversations'}>
        {shown.map((c) => (
          <li key={c.peer}>
            <button
              type="button"
              class="conversation"
              aria-current={c.peer === props.selected ? 'true' : undefined}
              onClick={() => props.onSelect(c.peer)}
              data-testid="conversation"
              data-peer={c.peer}
              data-kind={c.kind ?? 'direct'}
            >
              <Avatar name={c.name} id={c.peer} picture={c.has_picture} version={store.pictureVersion} />
              <span class="conversation-text">
                <span class="conversation-top">
                  <span class="conversation-name">{c.name}</span>
                  {c.last_message && <span class="conversation-time">{day(c.last_message.sent_ms)}</span>}
                </span>
                <span class="conversation-bottom">
                  <span class="conversation-last">
                    {store.typing[c.peer] ? (
                      <em>typing…</em>
                    ) : c.state === 'blocked' ? (
                      'Blocked'
                    ) : c.kind === 'group' && c.state === 'request' ? (
                      'Group invite'
                    ) : (
                      preview(c.last_message)
                    )}
                  </span>
                  {c.unread > 0 && (
                    <span class="badge" data-testid="unread" aria-label={`${c.unread} unread`}>
                      {c.unread}
                    </span>
                  )}
                </span>
              </span>
            </button>
          </li>
        ))}
      </ul>
      {shown.length === 0 && (
        <p class="list-empty">{q ? 'No conversation matches.' : props.showRequests ? 'No requests.' : 'No conversations yet.'}</p>
      )}
      {found.length > 0 && (
        <section class="search-results" aria-label="Messages found">
          <h3>Messages</h3>
          <ul>
            {found.slice(0, 30).map((m) => (
              <li key={m.id}>
                <button type="button" class="found" onClick={() => props.onSelect(m.peer)}>
                  <span class="conversation-name">{nameOf(m.peer)}</span>
                  <span class="conversation-last">{m.text}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </aside>
  );
}

function preview(message: Message | null): string {
  if (!message) return 'No messages yet';
  if (message.deleted) return 'Message deleted';
  const files = message.attachments ?? [];
  const body = message.text || (files.length > 0 ? `📎 ${files.map((f) => f.name).join(', ')}` : '');
  return (message.outgoing ? 'You: ' : message.sender_name ? `${message.sender_name}: ` : '') + body;
}
