import { useEffect, useRef, useState } from 'preact/hooks';
import { errorText, peerPath, post } from '../lib/api';
import { useStore } from '../lib/store';
import type { Message } from '../lib/types';
import { Icon } from './Icon';

/** The text box: Enter sends, Shift+Enter is a new line, Esc drops the reply; typing is told to the other side. */
export function Composer(props: {
  peer: string;
  name: string;
  replyTo: Message | null;
  onCancelReply: () => void;
  onSent: () => void;
  onError: (error: string | null) => void;
}) {
  const store = useStore();
  const [text, setText] = useState('');
  const input = useRef<HTMLTextAreaElement>(null);
  const typingSince = useRef(0);
  const stopTimer = useRef<number | undefined>(undefined);

  useEffect(() => input.current?.focus(), [props.peer, props.replyTo]);
  useEffect(() => () => window.clearTimeout(stopTimer.current), []);

  const typing = (started: boolean) => {
    void post(`${peerPath(props.peer)}/typing`, { started }).catch(() => undefined);
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
    if (!body) return;
    props.onError(null);
    setText('');
    window.clearTimeout(stopTimer.current);
    if (typingSince.current) typing(false);
    typingSince.current = 0;
    try {
      const message = await post<Message>(`${peerPath(props.peer)}/messages`, { text: body, reply_to: props.replyTo?.id ?? null });
      if (!store.messages[props.peer]) await store.loadMessages(props.peer);
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
            Replying to <strong>{props.replyTo.outgoing ? 'yourself' : props.name}</strong>: {props.replyTo.text}
          </span>
          <button type="button" class="icon-button small" aria-label="Cancel reply" onClick={props.onCancelReply}>
            <Icon name="close" />
          </button>
        </div>
      )}
      <div class="composer-row">
        <label for="composer" class="visually-hidden">
          Message to {props.name}
        </label>
        <textarea
          id="composer"
          ref={input}
          rows={1}
          placeholder={`Message ${props.name}`}
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
        <button type="submit" class="send" aria-label="Send" disabled={text.trim() === ''}>
          <Icon name="send" />
        </button>
      </div>
    </form>
  );
}
