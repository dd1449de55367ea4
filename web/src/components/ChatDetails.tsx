import { useState } from 'preact/hooks';
import { errorText, peerPath, post, put } from '../lib/api';
import { timers } from '../lib/format';
import { useStore } from '../lib/store';
import type { Conversation } from '../lib/types';
import { DirectSwitch } from './DirectSwitch';
import { Icon } from './Icon';
import { Qr } from './Qr';

/** The side panel of a chat: who it is, nickname, disappearing timer, receipts and typing, block. */
export function ChatDetails(props: {
  peer: string;
  conversation: Conversation | null;
  name: string;
  onClose: () => void;
  onError: (error: string | null) => void;
}) {
  const store = useStore();
  const c = props.conversation;
  const [nickname, setNickname] = useState(c?.name && c.name !== props.peer ? c.name : '');

  const act = async (work: () => Promise<unknown>) => {
    props.onError(null);
    try {
      await work();
      await store.refreshConversations();
    } catch (error) {
      props.onError(errorText(error));
    }
  };
  const settings = (body: Record<string, unknown>) => act(() => put(`${peerPath(props.peer)}/settings`, body));

  return (
    <aside
      class="details"
      aria-label="Conversation details"
      onKeyDown={(e) => {
        if (e.key === 'Escape') props.onClose();
      }}
    >
      <header class="details-header">
        <h2>Details</h2>
        <button type="button" class="icon-button" aria-label="Close details" onClick={props.onClose}>
          <Icon name="close" />
        </button>
      </header>
      <Qr text={props.peer} label={`QR code of ${props.name}'s Account ID`} size={160} />
      <p class="account-id small">{props.peer}</p>
      <form
        class="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          void act(() => put(`/api/contacts/${encodeURIComponent(props.peer)}`, { nickname: nickname.trim() }));
        }}
      >
        <label for="details-nickname">Nickname</label>
        <div class="row">
          <input id="details-nickname" value={nickname} onInput={(e) => setNickname((e.currentTarget as HTMLInputElement).value)} />
          <button type="submit" class="button">
            Save
          </button>
        </div>
      </form>
      {c && (
        <>
          <label for="details-timer">Disappearing messages</label>
          <select
            id="details-timer"
            value={String(c.disappearing_seconds ?? '')}
            onChange={(e) => {
              const value = (e.currentTarget as HTMLSelectElement).value;
              void settings({ disappearing_seconds: value === '' ? null : Number(value) });
            }}
          >
            {timers.map((t) => (
              <option key={t.label} value={t.seconds === null ? '' : String(t.seconds)}>
                {t.label}
              </option>
            ))}
          </select>
          <div class="check">
            <input
              id="details-receipts"
              type="checkbox"
              checked={c.read_receipts}
              onChange={(e) => void settings({ read_receipts: (e.currentTarget as HTMLInputElement).checked })}
            />
            <label for="details-receipts">Send read receipts</label>
          </div>
          <div class="check">
            <input
              id="details-typing"
              type="checkbox"
              checked={c.typing_indicators}
              onChange={(e) => void settings({ typing_indicators: (e.currentTarget as HTMLInputElement).checked })}
            />
            <label for="details-typing">Send typing indicators</label>
          </div>
          {c.state !== 'blocked' && <DirectSwitch peer={props.peer} onError={props.onError} />}
          {c.state === 'blocked' ? (
            <button type="button" class="button" onClick={() => void act(() => post(`${peerPath(props.peer)}/unblock`))}>
              Unblock {props.name}
            </button>
          ) : (
            <button type="button" class="button danger" onClick={() => void act(() => post(`${peerPath(props.peer)}/block`))}>
              Block {props.name}
            </button>
          )}
        </>
      )}
    </aside>
  );
}
