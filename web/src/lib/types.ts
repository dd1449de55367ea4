// The shapes of `wisp web`'s JSON API (snake_case, as the server sends them).

export type SessionState = 'no_profile' | 'locked' | 'ready';

export interface Session {
  state: SessionState;
  profile: string | null;
  profiles: string[];
  account_id: string | null;
  display_name: string | null;
  connected: boolean;
}

export type DeliveryState = 'sending' | 'sent' | 'read' | 'failed' | 'received';

export interface Reaction {
  emoji: string;
  count: number;
  mine: boolean;
}

export interface Message {
  id: string;
  peer: string;
  outgoing: boolean;
  /** "timer": a disappearing-timer change, shown as a line of its own. */
  kind?: 'text' | 'timer';
  text: string;
  sent_ms: number;
  state: DeliveryState;
  failure_reason?: string | null;
  /** The quoted message (id null when this account no longer has it); author is an Account ID. */
  reply_to: { id: string | null; text: string; author: string } | null;
  reactions: Reaction[];
  expires_ms: number | null;
  deleted: boolean;
}

export type ConversationState = 'accepted' | 'request' | 'declined' | 'blocked';

export interface Conversation {
  peer: string;
  name: string;
  state: ConversationState;
  unread: number;
  last_message: Message | null;
  read_receipts: boolean;
  typing_indicators: boolean;
  disappearing_seconds: number | null;
}

export interface Contact {
  peer: string;
  nickname: string | null;
  display_name: string | null;
  blocked: boolean;
}

export type Theme = 'light' | 'dark' | 'system';

export interface Settings {
  read_receipts: boolean;
  typing_indicators: boolean;
  theme: Theme;
}

export interface Account {
  account_id: string;
  display_name: string | null;
  profile: string;
}

export interface NetworkNode {
  name: string;
  ed25519: string;
  url: string;
  swarm_id: string | number | null;
  active: boolean;
}

export interface Hop {
  role: 'guard' | 'relay' | 'destination';
  name: string;
  ed25519: string;
  healthy: boolean;
  last_rtt_ms: number | null;
}

export interface NetworkView {
  connected: boolean;
  nodes: NetworkNode[];
  swarms: { swarm_id: string | number; members: string[] }[];
  my_swarm: string | number | null;
  path: Hop[];
}

/** One event of /api/events, by its `event:` type. */
export type WispEvent =
  | { type: 'message_added'; data: { message: Message; is_request: boolean } }
  | { type: 'delivery_changed'; data: { message: Message } }
  | { type: 'message_changed'; data: { message: Message } }
  | { type: 'message_removed'; data: { peer: string; id: string } }
  | { type: 'messages_read'; data: { peer: string; count: number } }
  | { type: 'typing'; data: { peer: string; started: boolean } }
  | { type: 'messages_disappeared'; data: { peer: string; ids: string[] } }
  | { type: 'network_unreachable'; data: { reason: string } }
  | { type: 'network_reconnected'; data: Record<string, never> };
