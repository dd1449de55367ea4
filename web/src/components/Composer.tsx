import { useEffect, useRef, useState } from 'preact/hooks';
import { chatPath, errorText, isGroupId, post } from '../lib/api';
import { size } from '../lib/format';
import { sendFiles } from '../lib/uploads';
import { useStore } from '../lib/store';
import type { Message } from '../lib/types';
import { Icon } from './Icon';

/**
 * The text box: Enter sends, Shift+Enter is a new line, Esc drops the reply; typing is told to the other side. Files
 * picked with the paperclip (or dropped on the chat) wait above it and go with the next send, the text as their caption.
 */
export function Composer(props: {
  peer: string;
  /** Files waiting to be sent (the chat owns them so a drop on it lands here). */
  staged: File[];
  onStaged: (files: File[]) => void;
  /** False where the other side does not take typing indicators (a group). */
  typingIndicators?: boolean;
  /** False where files cannot be sent. */
  attachments?: boolean;
  name: string;
  /** Who the message being answered is from, where that is not `name` (a room's member). */
  replyName?: string;
  replyTo: Message | null;
  onCancelReply: () => void;
  onSent: () => void;
  onError: (error: string | null) => void;
}) {
  const store = useStore();
  const [text, setText] = useState('');
  const input = useRef<HTMLTextAreaElement>(null);
  const picker = useRef<HTMLInputElement>(null);
  const typingSince = useRef(0);
  const stopTimer = useRef<number | undefined>(undefined);

  useEffect(() => input.current?.focus(), [props.peer, props.replyTo]);
  useEffect(() => () => window.clearTimeout(stopTimer.current), []);

  const typing = (started: boolean) => {
    if (props.typingIndicators === false) return;
    void post(`${chatPath(props.peer)}/typing`, { started }).catch(() => undefined);
  };

  const onInput = (value: string) => {
    setText(value);
    window.clearTimeout(stopTimer.current);
    if (value === '') {
      if (typingSince.current) typing(false);
      typingSince.current = 0;
      return;
    }
    // "Started" again every 10 s while typing goes on, "stopped" after 4 s without a key.
    if (Date.now() - typingSince.current > 10_000) {
      typingSince.current = Date.now();
      typing(true);
    }
    stopTimer.current = window.setTimeout(() => {
      typingSince.current = 0;
      typing(false);
    }, 4_000);
  };

  const send = async () => {
    const body = text.trim();
    if (props.staged.length > 0) {
      const files = props.staged;
      props.onStaged([]);
      setText('');
      props.onError(null);
      const problem = await sendFiles(store, props.peer, files, body);
      if (problem) props.onError(problem);
      return;
    }
    if (!body) return;
    props.onError(null);
    setText('');
    window.clearTimeout(stopTimer.current);
    if (typingSince.current) typing(false);
    typingSince.current = 0;
    try {
      const message = await post<Message>(`${chatPath(props.peer)}/messages`, { text: body, reply_to: props.replyTo?.id ?? null });
      if (!store.messages[props.peer]) await store.loadMessages(props.peer);
      // A group's send answers when the swarm took it, and no event says so: its answer is the newer state.
      else if (isGroupId(props.peer)) store.upsertMessage(message);
      else store.addMessage(message);
      props.onSent();
      void store.refreshConversations();
    } catch (error) {
      setText(body);
      props.onError(errorText(error));
    }
  };

  return (
    <form
      class="composer"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      {props.replyTo && (
        <div class="replying" data-testid="replying">
          <span>
            Replying to <strong>{props.replyTo.outgoing ? 'yourself' : (props.replyName ?? props.name)}</strong>: {props.replyTo.text}
          </span>
          <button type="button" class="icon-button small" aria-label="Cancel reply" onClick={props.onCancelReply}>
            <Icon name="close" />
          </button>
        </div>
      )}
      {props.staged.length > 0 && (
        <ul class="staged" aria-label="Files to send" data-testid="staged">
          {props.staged.map((file, i) => (
            <li key={`${file.name}-${i}`} class="staged-file">
              <span>
                {file.name} <span class="hint">({size(file.size)})</span>
              </span>
              <button
                type="button"
                class="icon-button small"
                aria-label={`Do not send ${file.name}`}
                onClick={() => props.onStaged(props.staged.filter((_, j) => j !== i))}
              >
                <Icon name="close" />
              </button>
            </li>
          ))}
        </ul>
      )}
      <div class="composer-row">
        {props.attachments !== false && (
        <input
          ref={picker}
          type="file"
          multiple
          hidden
          data-testid="file-input"
          onChange={(e) => {
            const chosen = Array.from((e.currentTarget as HTMLInputElement).files ?? []);
            (e.currentTarget as HTMLInputElement).value = '';
            if (chosen.length > 0) props.onStaged([...props.staged, ...chosen]);
            input.current?.focus();
          }}
        />
        )}
        {props.attachments !== false && (
          <button type="button" class="icon-button attach" aria-label="Attach files" title="Attach files" onClick={() => picker.current?.click()}>
            <Icon name="clip" />
          </button>
        )}
        <label for="composer" class="visually-hidden">
          Message to {props.name}
        </label>
        <textarea
          id="composer"
          ref={input}
          rows={1}
          placeholder={props.staged.length > 0 ? 'Add a caption (optional)' : `Message ${props.name}`}
          value={text}
          onInput={(e) => onInput((e.currentTarget as HTMLTextAreaElement).value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
              e.preventDefault();
              void send();
            } else if (e.key === 'Escape' && props.replyTo) {
              e.preventDefault();
              props.onCancelReply();
            }
          }}
        />
        <button type="submit" class="send" aria-label="Send" disabled={text.trim() === '' && props.staged.length === 0}>
          <Icon name="send" />
        </button>
      </div>
    </form>
  );
}
