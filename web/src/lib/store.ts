// The messenger's state: conversations, the open chat's messages, typing, and the live stream that keeps them fresh.
import { createContext } from 'preact';
import { useCallback, useContext, useEffect, useRef, useState } from 'preact/hooks';
import { chatPath, get, post } from './api';
import { startEvents } from './events';
import type { Community, CommunityDm, Conversation, Group, Message, Transfer, WispEvent } from './types';

/** A file on its way from the browser to `wisp web` (before the SDK's own transfer takes over). */
export interface LocalUpload {
  key: string;
  peer: string;
  name: string;
  loaded: number;
  total: number;
  startedMs: number;
  error: string | null;
}

export interface Store {
  /** One-to-one conversations and groups (kind "group"), newest first. */
  conversations: Conversation[];
  /** Groups by ID, with their members. */
  groups: Record<string, Group>;
  /** Joined community rooms by web id. */
  communities: Record<string, Community>;
  /** Blinded DM threads through communities, by chat id (member@room). */
  communityDms: Record<string, CommunityDm>;
  /** The SDK's running transfers, by attachment ID (progress events). */
  transfers: Record<string, Transfer>;
  /** Uploads from this page still going to the server. */
  uploads: LocalUpload[];
  setUpload(upload: LocalUpload | null, key?: string): void;
  /** Records a transfer the server started (the answer to an upload), before its first event. */
  setTransfer(transfer: Transfer | null, id?: string): void;
  /** Bumped when a profile picture changed (avatars fetch theirs again). */
  pictureVersion: number;
  messages: Record<string, Message[]>;
  typing: Record<string, boolean>;
  /** Network state as the server last said it (network_unreachable / network_reconnected). */
  networkProblem: string | null;
  streamOpen: boolean;
  /** Text for the screen reader's live region. */
  announcement: string;
  refreshConversations(): Promise<void>;
  loadMessages(peer: string): Promise<void>;
  upsertMessage(message: Message): void;
  /** Adds a message only when the list lacks it (a send's answer may come after the event that already updated it). */
  addMessage(message: Message): void;
  removeMessages(peer: string, ids: string[]): void;
  markRead(peer: string): void;
  /** The peer whose chat is open (read marks and announcements depend on it). */
  openPeer: { current: string | null };
}

export const StoreContext = createContext<Store | null>(null);

export function useStore(): Store {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useStore outside the messenger');
  return store;
}

export function useMessengerStore(connected: boolean): Store {
  const [conversations, setConversations] = useState<Conversation[]>([]);
  const [groups, setGroups] = useState<Record<string, Group>>({});
  const [communities, setCommunities] = useState<Record<string, Community>>({});
  const [communityDms, setCommunityDms] = useState<Record<string, CommunityDm>>({});
  const [transfers, setTransfers] = useState<Record<string, Transfer>>({});
  // Transfers that ended: a quick upload can finish (its events here first) before its POST's answer comes back.
  const finishedTransfers = useRef(new Set<string>());
  const [uploads, setUploads] = useState<LocalUpload[]>([]);
  const [pictureVersion, setPictureVersion] = useState(0);
  const [messages, setMessages] = useState<Record<string, Message[]>>({});
  const [typing, setTyping] = useState<Record<string, boolean>>({});
  const [networkProblem, setNetworkProblem] = useState<string | null>(connected ? null : 'Connecting to the network…');
  const [streamOpen, setStreamOpen] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const openPeer = useRef<string | null>(null);
  const typingTimers = useRef<Record<string, number>>({});
  const refreshQueued = useRef<number | null>(null);

  const upsertMessage = useCallback((message: Message) => {
    setMessages((all) => {
      const list = all[message.peer];
      if (!list) return all;
      const index = list.findIndex((m) => m.id === message.id);
      const next = index < 0 ? [...list, message] : list.map((m, i) => (i === index ? message : m));
      if (index < 0) next.sort((a, b) => a.sent_ms - b.sent_ms);
      return { ...all, [message.peer]: next };
    });
  }, []);

  const refreshConversations = useCallback(async () => {
    // Declined requests stay out of the list (a new message from that sender makes it a request again).
    let all: Conversation[];
    try {
      all = (await get<Conversation[]>('/api/conversations')).filter((c) => c.state !== 'declined');
    } catch {
      return; // Locked or not answering: the list stays as it was; the banner says why.
    }
    // Groups are listed beside the conversations; a server without them (501) just has none.
    const groupList = await get<Group[]>('/api/groups').catch(() => [] as Group[]);
    setGroups(Object.fromEntries(groupList.map((g) => [g.id, g])));
    all = all.concat(groupList.filter((g) => g.state === 'joined' || g.state === 'invited').map(groupConversation));
    // Community rooms and the blinded DMs through them, likewise (none from a server without communities).
    const [rooms, dms] = await Promise.all([
      get<Community[]>('/api/communities').catch(() => [] as Community[]),
      get<CommunityDm[]>('/api/communities/dms').catch(() => [] as CommunityDm[]),
    ]);
    setCommunities(Object.fromEntries(rooms.map((r) => [r.id, r])));
    setCommunityDms(Object.fromEntries(dms.map((d) => [d.peer, d])));
    all = all.concat(rooms.map(communityConversation), dms.map(communityDmConversation));
    all.sort((a, b) => (b.last_message?.sent_ms ?? 0) - (a.last_message?.sent_ms ?? 0));
    setConversations(all);
    // The list's last messages are fresh from the server: they also correct a loaded chat that missed an event.
    for (const c of all) if (c.last_message) upsertMessage(c.last_message);
  }, [upsertMessage]);

  // Many events arrive together (a fetch brings several messages): one list refresh for them all.
  const queueRefresh = useCallback(() => {
    if (refreshQueued.current !== null) return;
    refreshQueued.current = window.setTimeout(() => {
      refreshQueued.current = null;
      void refreshConversations();
    }, 150);
  }, [refreshConversations]);

  const loadMessages = useCallback(async (peer: string) => {
    const list = await get<Message[]>(`${chatPath(peer)}/messages?limit=200`);
    setMessages((all) => ({ ...all, [peer]: list }));
  }, []);

  const addMessage = useCallback((message: Message) => {
    setMessages((all) => {
      const list = all[message.peer];
      if (!list || list.some((m) => m.id === message.id)) return all;
      return { ...all, [message.peer]: [...list, message].sort((a, b) => a.sent_ms - b.sent_ms) };
    });
  }, []);

  const removeMessages = useCallback((peer: string, ids: string[]) => {
    setMessages((all) => {
      const list = all[peer];
      if (!list) return all;
      return { ...all, [peer]: list.filter((m) => !ids.includes(m.id)) };
    });
  }, []);

  const markRead = useCallback(
    (peer: string) => {
      void post(`${chatPath(peer)}/read`)
        .then(queueRefresh)
        .catch(() => undefined);
    },
    [queueRefresh],
  );

  const setPeerTyping = useCallback((peer: string, started: boolean) => {
    window.clearTimeout(typingTimers.current[peer]);
    // A typing indicator that is never stopped (the other side went away) fades after 20 s.
    if (started) typingTimers.current[peer] = window.setTimeout(() => setTyping((t) => ({ ...t, [peer]: false })), 20_000);
    setTyping((t) => ({ ...t, [peer]: started }));
  }, []);

  const onEvent = useCallback(
    (event: WispEvent) => {
      switch (event.type) {
        case 'message_added': {
          const { message } = event.data;
          upsertMessage(message);
          if (!message.outgoing) {
            setPeerTyping(message.peer, false);
            const name = conversationsRef.current.find((c) => c.peer === message.peer)?.name ?? 'someone';
            setAnnouncement(
              message.sender_name ? `New message from ${message.sender_name} in ${name}: ${message.text}` : `New message from ${name}: ${message.text}`,
            );
            if (openPeer.current === message.peer && document.visibilityState === 'visible') markRead(message.peer);
          }
          queueRefresh();
          break;
        }
        case 'delivery_changed':
        case 'message_changed':
          upsertMessage(event.data.message);
          queueRefresh();
          break;
        case 'message_removed':
          removeMessages(event.data.peer, [event.data.id]);
          queueRefresh();
          break;
        case 'messages_disappeared':
          removeMessages(event.data.peer, event.data.ids);
          queueRefresh();
          break;
        case 'messages_read':
          // The other side read ours: states change to "read"; reload that chat if it is loaded.
          if (messagesRef.current[event.data.peer]) void loadMessages(event.data.peer);
          queueRefresh();
          break;
        case 'typing':
          setPeerTyping(event.data.peer, event.data.started);
          break;
        case 'network_unreachable':
          setNetworkProblem(
            `The network cannot be reached${event.data.reason ? ` (${event.data.reason})` : ''}. Messages wait and go out when it is back.`,
          );
          break;
        case 'network_reconnected':
          setNetworkProblem(null);
          queueRefresh();
          break;
        case 'group_changed':
          setGroups((all) => ({ ...all, [event.data.group.id]: event.data.group }));
          queueRefresh();
          break;
        case 'community_changed':
          setCommunities((all) => ({ ...all, [event.data.community.id]: event.data.community }));
          queueRefresh();
          break;
        case 'group_removed':
          setAnnouncement(event.data.reason);
          queueRefresh();
          break;
        case 'transfer_progress': {
          const t = event.data.transfer;
          if (t.state !== 'running') finishedTransfers.current.add(t.attachment_id);
          setTransfers((all) => {
            if (t.state === 'done') {
              const { [t.attachment_id]: _done, ...rest } = all;
              return rest;
            }
            return { ...all, [t.attachment_id]: t };
          });
          // A download done changes its message's file to "ready"; an upload done brings its message.
          if (t.state !== 'running' && messagesRef.current[t.peer]) void loadMessages(t.peer).catch(() => undefined);
          if (t.state === 'failed') setAnnouncement(`${t.name}: ${t.error ?? 'the transfer failed'}`);
          break;
        }
        case 'attachment_changed': {
          const { peer, message_id, attachment } = event.data;
          setMessages((all) => {
            const list = all[peer];
            if (!list) return all;
            return {
              ...all,
              [peer]: list.map((m) =>
                m.id === message_id ? { ...m, attachments: (m.attachments ?? []).map((a) => (a.id === attachment.id ? attachment : a)) } : m,
              ),
            };
          });
          break;
        }
        case 'picture_changed':
          setPictureVersion((v) => v + 1);
          break;
      }
    },
    [upsertMessage, removeMessages, loadMessages, queueRefresh, setPeerTyping, markRead],
  );

  const conversationsRef = useRef(conversations);
  conversationsRef.current = conversations;
  const messagesRef = useRef(messages);
  messagesRef.current = messages;
  const onEventRef = useRef(onEvent);
  onEventRef.current = onEvent;

  // A safety net under the live stream: every 15 s the list and the open chat are read again, so an event lost on
  // the way (a stream that died quietly) leaves nothing stale for long.
  useEffect(() => {
    const timer = window.setInterval(() => {
      void refreshConversations();
      if (openPeer.current) void loadMessages(openPeer.current).catch(() => undefined);
    }, 15_000);
    return () => window.clearInterval(timer);
  }, [refreshConversations, loadMessages]);

  const setTransfer = useCallback((transfer: Transfer | null, id?: string) => {
    setTransfers((all) => {
      const key = transfer?.attachment_id ?? id ?? '';
      if (!transfer) {
        const { [key]: _gone, ...rest } = all;
        return rest;
      }
      // An event may already have moved it on, or ended it.
      return all[key] || finishedTransfers.current.has(key) ? all : { ...all, [key]: transfer };
    });
  }, []);

  const setUpload = useCallback((upload: LocalUpload | null, key?: string) => {
    setUploads((all) => {
      const id = upload?.key ?? key;
      const rest = all.filter((u) => u.key !== id);
      return upload ? [...rest, upload] : rest;
    });
  }, []);

  useEffect(() => {
    void refreshConversations();
    // Transfers already running (the page was reloaded during one) get their bars back.
    void get<Transfer[]>('/api/transfers')
      .then((list) => setTransfers(Object.fromEntries(list.map((t) => [t.attachment_id, t]))))
      .catch(() => undefined);
    return startEvents({
      onEvent: (event) => onEventRef.current(event),
      onStream: (open) => {
        setStreamOpen(open);
        // Whatever happened while the stream was down: fetch the lists again.
        if (open) {
          void refreshConversations();
          if (openPeer.current) void loadMessages(openPeer.current);
        }
      },
    });
  }, [refreshConversations, loadMessages]);

  return {
    conversations,
    groups,
    communities,
    communityDms,
    transfers,
    uploads,
    setUpload,
    setTransfer,
    pictureVersion,
    messages,
    typing,
    networkProblem,
    streamOpen,
    announcement,
    refreshConversations,
    loadMessages,
    upsertMessage,
    addMessage,
    removeMessages,
    markRead,
    openPeer,
  };
}

/** A group as a row of the conversation list: an invite is a request until accepted. */
function groupConversation(group: Group): Conversation {
  return {
    peer: group.id,
    kind: 'group',
    name: group.name,
    state: group.state === 'invited' ? 'request' : 'accepted',
    unread: group.unread,
    last_message: group.last_message,
    read_receipts: false,
    typing_indicators: false,
    disappearing_seconds: null,
    has_picture: group.has_picture,
  };
}

/** A community room as a row of the conversation list. */
function communityConversation(room: Community): Conversation {
  return {
    peer: room.id,
    kind: 'community',
    name: room.name,
    state: 'accepted',
    unread: room.unread,
    last_message: room.last_message,
    read_receipts: false,
    typing_indicators: false,
    disappearing_seconds: null,
  };
}

/** A blinded DM thread through a community as a row of the conversation list. */
function communityDmConversation(dm: CommunityDm): Conversation {
  return {
    peer: dm.peer,
    kind: 'community_dm',
    name: dm.name,
    state: 'accepted',
    unread: dm.unread,
    last_message: dm.last_message,
    read_receipts: false,
    typing_indicators: false,
    disappearing_seconds: null,
  };
}
