import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { get, isCommunityId } from '../lib/api';
import { StoreContext, useMessengerStore } from '../lib/store';
import { applyTheme } from '../lib/theme';
import type { Session, Settings as SettingsShape } from '../lib/types';
import { Chat } from './Chat';
import { CommunityChat } from './CommunityChat';
import { ConversationList } from './ConversationList';
import { Contacts } from './Contacts';
import { Icon } from './Icon';
import { JoinCommunity } from './JoinCommunity';
import { Network } from './Network';
import { NewConversation } from './NewConversation';
import { NewGroup } from './NewGroup';
import { Settings } from './Settings';

type View = 'chats' | 'contacts' | 'settings' | 'network';

const views: { view: View; label: string; icon: Parameters<typeof Icon>[0]['name'] }[] = [
  { view: 'chats', label: 'Chats', icon: 'chat' },
  { view: 'contacts', label: 'Contacts', icon: 'people' },
  { view: 'network', label: 'Network', icon: 'network' },
  { view: 'settings', label: 'Settings', icon: 'gear' },
];

/** The signed-in app: a rail of pages on the left, the conversation list, and the open chat. */
export function Messenger(props: { session: Session; onSessionChanged: () => void }) {
  const store = useMessengerStore(props.session.connected);
  const [view, setView] = useState<View>('chats');
  const [peer, setPeer] = useState<string | null>(null);
  const [showNew, setShowNew] = useState(false);
  const [showNewGroup, setShowNewGroup] = useState(false);
  const [showJoin, setShowJoin] = useState(false);
  const [showRequests, setShowRequests] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void get<SettingsShape>('/api/settings')
      .then((s) => applyTheme(s.theme))
      .catch(() => undefined);
  }, []);

  const open = useCallback((next: string) => {
    setView('chats');
    setPeer(next);
    setShowRequests(store.conversations.find((c) => c.peer === next)?.state === 'request');
  }, [store.conversations]);

  // Ctrl+K search, Alt+↑/↓ the previous/next conversation (Esc is handled where something can be closed).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        setView('chats');
        setTimeout(() => searchRef.current?.focus(), 0);
      } else if (e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
        const list = store.conversations.filter((c) => (showRequests ? c.state === 'request' : c.state !== 'request'));
        if (list.length === 0) return;
        e.preventDefault();
        const index = list.findIndex((c) => c.peer === peer);
        const step = e.key === 'ArrowUp' ? -1 : 1;
        const next = list[(index < 0 ? 0 : index + step + list.length) % list.length];
        setView('chats');
        setPeer(next.peer);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store.conversations, peer, showRequests]);

  // The requests view closes itself once the last request is answered.
  const requestCount = store.conversations.filter((c) => c.state === 'request').length;
  useEffect(() => {
    if (showRequests && requestCount === 0) setShowRequests(false);
  }, [showRequests, requestCount]);

  const conversation = store.conversations.find((c) => c.peer === peer) ?? null;
  const problem = store.networkProblem ?? (store.streamOpen ? null : 'Reconnecting to wisp web…');

  return (
    <StoreContext.Provider value={store}>
      <div class="app">
        <nav class="rail" aria-label="Pages">
          <img class="rail-logo" src="/favicon.svg" alt="Wisp" width={36} height={36} />
          {views.map((v) => (
            <button
              key={v.view}
              type="button"
              class="rail-button"
              aria-label={v.label}
              title={v.label}
              aria-current={view === v.view ? 'page' : undefined}
              onClick={() => setView(v.view)}
            >
              <Icon name={v.icon} />
            </button>
          ))}
        </nav>
        {view === 'chats' ? (
          <>
            <ConversationList
              searchRef={searchRef}
              selected={peer}
              showRequests={showRequests}
              onShowRequests={setShowRequests}
              onSelect={open}
              onNew={() => setShowNew(true)}
              onNewGroup={() => setShowNewGroup(true)}
              onJoinCommunity={() => setShowJoin(true)}
            />
            <main class="pane" aria-label="Chat">
              {problem && (
                <p class="banner warn" role="status" data-testid="network-banner">
                  {problem}
                </p>
              )}
              {peer && isCommunityId(peer) ? (
                <CommunityChat key={peer} peer={peer} onOpen={open} onClosed={() => setPeer(null)} />
              ) : peer ? (
                <Chat key={peer} peer={peer} conversation={conversation} onClosed={() => setPeer(null)} />
              ) : (
                <div class="empty">
                  <h1>Wisp</h1>
                  <p>Choose a conversation, or start a new one with someone's Account ID.</p>
                  <div class="row">
                    <button type="button" class="button primary" onClick={() => setShowNew(true)}>
                      New conversation
                    </button>
                    <button type="button" class="button" onClick={() => setShowJoin(true)}>
                      Join a community
                    </button>
                  </div>
                </div>
              )}
            </main>
          </>
        ) : (
          <main class="page" aria-label={views.find((v) => v.view === view)!.label}>
            {view === 'contacts' && <Contacts onOpen={open} />}
            {view === 'settings' && <Settings session={props.session} onSessionChanged={props.onSessionChanged} />}
            {view === 'network' && <Network />}
          </main>
        )}
        {showNew && (
          <NewConversation
            accountId={props.session.account_id ?? ''}
            onClose={() => setShowNew(false)}
            onStart={(next) => {
              setShowNew(false);
              open(next);
            }}
          />
        )}
        {showNewGroup && (
          <NewGroup
            accountId={props.session.account_id ?? ''}
            onClose={() => setShowNewGroup(false)}
            onCreated={(id) => {
              setShowNewGroup(false);
              void store.refreshConversations().then(() => open(id));
            }}
          />
        )}
        {showJoin && (
          <JoinCommunity
            onClose={() => setShowJoin(false)}
            onJoined={(community) => {
              setShowJoin(false);
              void store.refreshConversations().then(() => open(community.id));
            }}
          />
        )}
        <div class="visually-hidden" aria-live="polite" aria-atomic="true" data-testid="announcer">
          {store.announcement}
        </div>
      </div>
    </StoreContext.Provider>
  );
}
