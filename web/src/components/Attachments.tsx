import { useEffect, useRef, useState } from 'preact/hooks';
import { errorText, post } from '../lib/api';
import { saveFile, useBlobUrl } from '../lib/blobs';
import { rate, size, timeLeft } from '../lib/format';
import { useStore } from '../lib/store';
import type { Attachment, Transfer } from '../lib/types';
import { Dialog } from './Dialog';
import { PathMark } from './DirectSwitch';

/** Images up to this size are fetched as soon as they are shown (bytes, 10 MB: Session's whole attachment limit). */
const autoFetchBytes = 10_000_000;

const filePath = (a: Attachment, inline = false) => `/api/attachments/${encodeURIComponent(a.id)}${inline ? '?inline=1' : ''}`;

/** A progress bar with what it measures in words: bytes, rate and time left. */
export function ProgressBar(props: { label: string; done: number; total: number; rateBps?: number | null; etaSeconds?: number | null }) {
  const parts = [`${size(props.done)} of ${size(props.total)}`];
  if (props.rateBps) parts.push(rate(props.rateBps));
  if (props.etaSeconds !== null && props.etaSeconds !== undefined) parts.push(timeLeft(props.etaSeconds));
  return (
    <div class="progress" data-testid="progress">
      <progress aria-label={props.label} max={Math.max(props.total, 1)} value={props.done} />
      <span class="progress-text">{parts.join(' · ')}</span>
    </div>
  );
}

function TransferBar(props: { attachment: Attachment; transfer: Transfer | undefined }) {
  const a = props.attachment;
  const t = props.transfer;
  const verb = a.state === 'uploading' || t?.direction === 'up' ? 'Uploading' : 'Downloading';
  return (
    <ProgressBar
      label={`${verb} ${a.name}`}
      done={t?.bytes ?? a.transferred}
      total={t?.total ?? a.size}
      rateBps={t?.rate_bps}
      etaSeconds={t?.eta_seconds}
    />
  );
}

/** The files of one message: images as thumbnails (opened in a viewer), other files as a card to download. */
export function Attachments(props: { attachments: Attachment[]; outgoing: boolean }) {
  const store = useStore();
  return (
    <ul class="attachments" aria-label="Attachments">
      {props.attachments.map((a) => (
        <li key={a.id} class="attachment" data-testid="attachment" data-state={a.state}>
          {a.image ? <ImageAttachment attachment={a} /> : <FileAttachment attachment={a} />}
          {(a.state === 'uploading' || a.state === 'downloading' || store.transfers[a.id]?.state === 'running') && (
            <TransferBar attachment={a} transfer={store.transfers[a.id]} />
          )}
          {a.state === 'failed' && (
            <p class="failure" role="status">
              {a.failure_reason ?? 'The transfer failed.'}
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}

function useDownload(a: Attachment) {
  const [error, setError] = useState<string | null>(null);
  const start = () => {
    setError(null);
    void post(`/api/attachments/${encodeURIComponent(a.id)}/download`).catch((e) => setError(errorText(e)));
  };
  return { error, start };
}

/** Whether the file's bytes can be read from the server now (downloaded and verified, or our own upload). */
const available = (a: Attachment) => a.state === 'ready' || a.state === 'sent' || a.state === 'uploading';

function ImageAttachment(props: { attachment: Attachment }) {
  const a = props.attachment;
  const { error, start } = useDownload(a);
  const asked = useRef(false);
  useEffect(() => {
    if (a.state === 'remote' && a.size <= autoFetchBytes && !asked.current) {
      asked.current = true;
      start();
    }
  }, [a.state]);
  const { url, error: loadError } = useBlobUrl(available(a) ? filePath(a, true) : null, a.state === 'ready' ? 1 : 0);
  const [viewing, setViewing] = useState(false);
  if (url)
    return (
      <>
        <button type="button" class="thumbnail" aria-label={`Open image ${a.name}`} onClick={() => setViewing(true)}>
          <img src={url} alt={a.name} data-testid="thumbnail" />
        </button>
        {viewing && (
          <Dialog title={a.name} onClose={() => setViewing(false)} wide>
            <div class="viewer">
              <img src={url} alt={a.name} data-testid="viewer-image" />
            </div>
            <div class="row">
              <span class="hint">
                {size(a.size)} <PathMark path={a.path} what="file" />
              </span>
              <button type="button" class="button" onClick={() => void saveFile(filePath(a), a.name)}>
                Save
              </button>
            </div>
          </Dialog>
        )}
      </>
    );
  return <FileAttachment attachment={a} problem={error ?? (available(a) ? loadError : null)} onDownload={start} />;
}

function FileAttachment(props: { attachment: Attachment; problem?: string | null; onDownload?: () => void }) {
  const store = useStore();
  const a = props.attachment;
  const own = useDownload(a);
  const [saveError, setSaveError] = useState<string | null>(null);
  const problem = props.problem ?? own.error ?? saveError;
  return (
    <div class="file-card">
      <span class="file-icon" aria-hidden="true">
        {(a.name.split('.').pop() ?? '').slice(0, 4).toUpperCase() || 'FILE'}
      </span>
      <span class="file-text">
        <span class="file-name" data-testid="file-name">
          {a.name}
        </span>
        <span class="hint">
          {size(a.size)} <PathMark path={a.path} what="file" />
        </span>
      </span>
      {a.state === 'remote' && store.transfers[a.id]?.state !== 'running' && (
        <button type="button" class="button small-button" aria-label={`Download ${a.name}`} onClick={props.onDownload ?? own.start}>
          Download
        </button>
      )}
      {available(a) && (
        <button
          type="button"
          class="button small-button"
          aria-label={`Save ${a.name}`}
          onClick={() => void saveFile(filePath(a), a.name).catch((e) => setSaveError(errorText(e)))}
        >
          Save
        </button>
      )}
      {problem && (
        <span class="failure" role="status">
          {problem}
        </span>
      )}
    </div>
  );
}
