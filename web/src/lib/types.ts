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
  /** "timer": a disappearing-timer change; "group": a member joined, left, was removed, the group renamed. Shown as a line. */
  kind?: 'text' | 'timer' | 'group';
  text: string;
  sent_ms: number;
  state: DeliveryState;
  failure_reason?: string | null;
  /** The quoted message (id null when this account no longer has it); author is an Account ID. */
  reply_to: { id: string | null; text: string; author: string } | null;
  reactions: Reaction[];
  expires_ms: number | null;
  deleted: boolean;
  /** In a group: who sent it (an Account ID) and their name; null in a one-to-one chat. */
  sender?: string | null;
  sender_name?: string | null;
  /** Files sent with the message (absent from servers without attachments). */
  attachments?: Attachment[];
  /** How a 1:1 message was sealed (Session protocol v2 or v1); absent for group and community messages. */
  sealing?: 'v2' | 'v2-nonpfs' | 'v1' | null;
  /** False for a message sealed with the account's long-term key (v1, non-PFS v2). */
  forward_secret?: boolean | null;
  /** Which way a 1:1 message went or came: straight to the contact, through a blind relay, or the swarm. */
  path?: MessagePath | null;
}

export type MessagePath = 'direct' | 'relayed' | 'swarm';

/** Direct mode with a contact: off, offered (they have not turned it on yet), requested (they asked), on. */
export interface DirectContact {
  peer: string;
  name: string;
  state: 'off' | 'offered' | 'requested' | 'on';
  devices: number;
  last_direct_ms: number | null;
  /** What turning it on exposes, in the words the CLI uses. */
  ip_exposure: string;
}

/** The direct path as the running client last reported it (`wisp p2p status`). */
export interface P2pStatus {
  running: boolean;
  device_key: string;
  listening: boolean;
  dht_nodes: number;
  public_address: string | null;
  nat_class: string;
  bootstrap: string[];
  sessions: {
    peer: string;
    name: string;
    path: 'direct' | 'relayed';
    remote_address: string;
    inbound: boolean;
    bytes_sent: number;
    bytes_received: number;
  }[];
  own_device_sessions: number;
  contacts: { peer: string; name: string; state: DirectContact['state'] }[];
}

export type AttachmentState = 'uploading' | 'sent' | 'remote' | 'downloading' | 'ready' | 'failed';

export interface Attachment {
  id: string;
  name: string;
  content_type: string;
  size: number;
  image: boolean;
  state: AttachmentState;
  transferred: number;
  failure_reason: string | null;
  /** Which way the file went or came. */
  path?: 'direct' | 'relayed' | 'file_server';
}

export interface Transfer {
  /** The attachment's ID for a download; for an upload, an ID of its own (the message comes when it is done). */
  attachment_id: string;
  message_id: string | null;
  peer: string;
  direction: 'up' | 'down';
  name: string;
  bytes: number;
  total: number;
  rate_bps: number | null;
  eta_seconds: number | null;
  state: 'running' | 'done' | 'failed' | 'paused';
  error: string | null;
}

export type GroupState = 'invited' | 'joined' | 'left' | 'removed';

export interface Member {
  account_id: string;
  name: string;
  admin: boolean;
  state: 'invited' | 'joined' | 'failed' | 'removed';
  you: boolean;
}

export interface Group {
  id: string;
  name: string;
  description: string | null;
  state: GroupState;
  admin: boolean;
  members: Member[];
  unread: number;
  last_message: Message | null;
  has_picture: boolean;
  invited_by: string | null;
}

/** A joined community room (Session's open groups). */
export interface Community {
  /** token@host[:port], the room's name in API paths. */
  id: string;
  /** Session's join URL (http://host:port/room?public_key=…), to share or show as a QR code. */
  url: string;
  server: string;
  token: string;
  name: string;
  description: string | null;
  /** This account's blinded ID in this community (15…): what its members see instead of the Account ID. */
  you: string;
  moderator: boolean;
  admin: boolean;
  can_write: boolean;
  active_users: number | null;
  unread: number;
  last_message: Message | null;
}

/** A blinded DM thread through a community: peer is member@room. */
export interface CommunityDm {
  peer: string;
  member: string;
  community: string;
  name: string;
  unread: number;
  last_message: Message | null;
}

export type ConversationState = 'accepted' | 'request' | 'declined' | 'blocked';

export interface Conversation {
  peer: string;
  /**
   * "group" for a closed group (peer is its 03… ID); "community" for a community room (peer is its web id,
   * token@host:port); "community_dm" for a blinded DM through a community (peer is member@room); absent for a
   * one-to-one chat.
   */
  kind?: 'direct' | 'group' | 'community' | 'community_dm';
  has_picture?: boolean;
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
  has_picture?: boolean;
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
  | { type: 'network_reconnected'; data: Record<string, never> }
  | { type: 'group_changed'; data: { group: Group } }
  | { type: 'community_changed'; data: { community: Community } }
  | { type: 'group_removed'; data: { id: string; reason: string } }
  | { type: 'transfer_progress'; data: { transfer: Transfer } }
  | { type: 'attachment_changed'; data: { message_id: string; peer: string; attachment: Attachment } }
  | { type: 'picture_changed'; data: { peer: string } };
