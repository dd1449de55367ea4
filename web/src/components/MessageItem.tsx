import { useState } from 'preact/hooks';
import { shortId, time } from '../lib/format';
import type { DeliveryState, Message } from '../lib/types';
import { Attachments } from './Attachments';
import { PathMark } from './DirectSwitch';
import { Icon } from './Icon';

export const quickReactions = ['👍', '❤️', '😂', '😮', '😢', '🙏'];

const stateText: Record<DeliveryState, string> = {
  sending: 'Sending',
  sent: 'Sent',
  read: 'Read',
  failed: 'Not sent',
  received: '',
};

/** One bubble: the quote it replies to, the text, time and delivery state, reactions, and its actions. */
export function MessageItem(props: {
  message: Message;
  peerName: string;
  /** In a group each incoming message names its sender. */
  group?: boolean;
  onReply: () => void;
  onReact: (emoji: string, remove: boolean) => void;
  onDelete: () => void;
  /**
   * In a community room: the sender is named like in a group, the actions are there, Delete only where allowed (one's
   * own, or anyone's for a moderator), and on others' messages "Message privately" and, for moderators, "Ban".
   */
  community?: { canDelete: boolean; onDm?: () => void; onBan?: () => void; nameOf: (id: string) => string };
}) {
  const m = props.message;
  const [picking, setPicking] = useState(false);
  const author = m.outgoing ? 'You' : (m.sender_name ?? props.peerName);
  const community = props.community;
  const named = props.group || community !== undefined;
  if (m.kind === 'timer' || m.kind === 'group')
    return (
      <li class="system" data-testid="message" data-id={m.id}>
        {m.kind === 'timer' && <Icon name="timer" />} {m.text}
      </li>
    );
  return (
    <li
      class={`message ${m.outgoing ? 'out' : 'in'} ${m.deleted ? 'deleted' : ''}`}
      data-testid="message"
      data-id={m.id}
      data-state={m.state}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && picking) {
          e.stopPropagation();
          setPicking(false);
        }
      }}
    >
      <div class="bubble">
        {named && !m.outgoing ? (
          <span class="sender" data-testid="sender">
            {author}
            <span class="visually-hidden">: </span>
          </span>
        ) : (
          <span class="visually-hidden">{author}: </span>
        )}
        {m.reply_to && (
          <blockquote class="quote">
            <span class="quote-author">
              {community
                ? community.nameOf(m.reply_to.author)
                : named
                ? m.reply_to.author === m.sender
                  ? author
                  : shortId(m.reply_to.author)
                : m.reply_to.author === m.peer
                  ? props.peerName
                  : 'You'}
            </span>
            <span class="quote-text">{m.reply_to.text}</span>
          </blockquote>
        )}
        {!m.deleted && m.attachments && m.attachments.length > 0 && <Attachments attachments={m.attachments} outgoing={m.outgoing} />}
        {(m.deleted || m.text !== '' || !m.attachments?.length) && (
          <p class="text" data-testid="message-text">
            {m.deleted ? <em>This message was deleted.</em> : m.text}
          </p>
        )}
        <span class="meta">
          {m.expires_ms !== null && (
            <span class="expires" title="Disappears">
              <Icon name="timer" />
              <span class="visually-hidden">disappearing, </span>
            </span>
          )}
          <time dateTime={new Date(m.sent_ms).toISOString()}>{time(m.sent_ms)}</time>
          <PathMark path={m.path} what="message" />
          {m.forward_secret === false && (
            <span class="not-fs" data-testid="not-forward-secret" title="not forward-secret: sent with the account's long-term key">
              <span aria-hidden="true">v1</span>
              <span class="visually-hidden">not forward-secret: sent with the account's long-term key</span>
            </span>
          )}
          {m.outgoing && (
            <span class={`state ${m.state}`} data-testid="message-state" title={m.failure_reason ?? stateText[m.state]}>
              <span aria-hidden="true">{m.state === 'sending' ? '◷' : m.state === 'sent' ? '✓' : m.state === 'read' ? '✓✓' : '!'}</span>
              <span class="visually-hidden">{stateText[m.state]}</span>
            </span>
          )}
          {m.outgoing && m.state === 'failed' && m.failure_reason && (
            <span class="failure" data-testid="failure-reason">
              {m.failure_reason}
            </span>
          )}
        </span>
      </div>
      {m.reactions.length > 0 && (
        <ul class="reactions" aria-label="Reactions">
          {m.reactions.map((r) => (
            <li key={r.emoji}>
              <button
                type="button"
                class="reaction"
                aria-pressed={r.mine}
                aria-label={`${r.emoji} ${r.count}${r.mine ? ', yours (remove)' : ''}`}
                onClick={() => props.onReact(r.emoji, r.mine)}
              >
                {r.emoji} {r.count}
              </button>
            </li>
          ))}
        </ul>
      )}
      {!m.deleted && (!props.group || community) && (
        <div class="actions">
          <button type="button" class="icon-button small" aria-label="Reply" title="Reply" onClick={props.onReply}>
            <Icon name="reply" />
          </button>
          <button
            type="button"
            class="icon-button small"
            aria-label="React"
            title="React"
            aria-expanded={picking}
            onClick={() => setPicking(!picking)}
          >
            <Icon name="smile" />
          </button>
          {(community?.canDelete ?? true) && (
            <button type="button" class="icon-button small" aria-label="Delete" title="Delete" onClick={props.onDelete}>
              <Icon name="trash" />
            </button>
          )}
          {community?.onDm && (
            <button
              type="button"
              class="icon-button small"
              aria-label={`Message ${author} privately`}
              title="Message privately"
              onClick={community.onDm}
            >
              <Icon name="chat" />
            </button>
          )}
          {community?.onBan && (
            <button type="button" class="icon-button small" aria-label={`Ban ${author}`} title="Ban" onClick={community.onBan}>
              <Icon name="ban" />
            </button>
          )}
          {picking && (
            <div class="picker" role="group" aria-label="Pick a reaction">
              {quickReactions.map((emoji) => (
                <button
                  key={emoji}
                  type="button"
                  class="emoji"
                  aria-label={`React with ${emoji}`}
                  onClick={() => {
                    setPicking(false);
                    props.onReact(emoji, false);
                  }}
                >
                  {emoji}
                </button>
              ))}
            </div>
          )}
        </div>
      )}
    </li>
  );
}
