import { useEffect, useRef, useState } from 'preact/hooks';
import { accountIdFromQr, decodeQr, decodeQrFile } from '../lib/qrscan';
import { Dialog } from './Dialog';
import { useId } from './Field';

/** How often a camera frame is decoded: often enough to feel instant, rare enough to leave the page responsive. */
const frameEveryMs = 200;

type Result = { kind: 'info' | 'error'; text: string } | null;

/** The sentence for a camera that could not be opened. */
function cameraProblem(err: unknown): string {
  const name = err instanceof DOMException ? err.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError')
    return 'Camera access was refused. Allow the camera for this page in the browser’s site settings, or choose an image instead.';
  if (name === 'NotFoundError' || name === 'OverconstrainedError')
    return 'No camera was found. Choose an image of the QR code instead.';
  if (name === 'NotReadableError') return 'The camera is in use by another program. Close it there, or choose an image instead.';
  return `The camera could not be opened (${name || String(err)}). Choose an image instead.`;
}

/**
 * Reads a friend's Account ID from their QR code: with the camera (frames decoded until a code is found) or from an
 * image (chosen, or dropped onto the dialog). The camera stops on success, on close and on Esc.
 */
export function QrScanner(props: {
  onClose: () => void;
  onFound: (text: string) => void;
  /** What the code must hold: the Account ID check by default (the join URL check for communities). */
  read?: (text: string) => { id: string } | { error: string };
  /** The sentence above the buttons. */
  hint?: string;
}) {
  const read = props.read ?? accountIdFromQr;
  const [result, setResult] = useState<Result>(null);
  const [cameraOn, setCameraOn] = useState(false);
  const [dragging, setDragging] = useState(false);
  const video = useRef<HTMLVideoElement>(null);
  const stream = useRef<MediaStream | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const hintId = useId('scan-hint');

  const stopCamera = () => {
    stream.current?.getTracks().forEach((track) => track.stop());
    stream.current = null;
    setCameraOn(false);
  };
  const open = useRef(true);
  useEffect(
    () => () => {
      open.current = false;
      stopCamera();
    },
    [],
  );

  /** True when `text` was an Account ID (and was handed over); otherwise the reason is shown. */
  const accept = (text: string | null, where: string): boolean => {
    if (text === null) {
      setResult({ kind: 'error', text: `No QR code found ${where}.` });
      return false;
    }
    const found = read(text);
    if ('error' in found) {
      setResult({ kind: 'error', text: found.error });
      return false;
    }
    stopCamera();
    props.onFound(found.id);
    return true;
  };

  const starting = useRef(false);
  const startCamera = async () => {
    // One request at a time: a second click while the browser asks must not open a second stream.
    if (starting.current || stream.current) return;
    setResult(null);
    if (!navigator.mediaDevices?.getUserMedia) {
      setResult({ kind: 'error', text: 'This browser offers no camera to this page. Choose an image instead.' });
      return;
    }
    let camera: MediaStream;
    starting.current = true;
    try {
      camera = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
    } catch (err) {
      if (open.current) setResult({ kind: 'error', text: cameraProblem(err) });
      return;
    } finally {
      starting.current = false;
    }
    // Closed while the browser was asking for permission: give the camera back at once.
    if (!open.current) return camera.getTracks().forEach((track) => track.stop());
    stream.current = camera;
    setCameraOn(true);
    setResult({ kind: 'info', text: 'Hold the QR code in front of the camera.' });
  };

  // While the camera is on: show it and decode a frame every `frameEveryMs` until an Account ID is found.
  useEffect(() => {
    const element = video.current;
    if (!cameraOn || !element || !stream.current) return;
    element.srcObject = stream.current;
    void element.play().catch(() => undefined);
    let stopped = false;
    let timer = 0;
    const tick = async () => {
      if (stopped) return;
      if (element.readyState >= element.HAVE_CURRENT_DATA && element.videoWidth > 0) {
        const text = await decodeQr(element, element.videoWidth, element.videoHeight);
        // A code that is not an Account ID is explained, and scanning goes on; no code at all says nothing.
        if (!stopped && text !== null && accept(text, 'in the camera picture')) return;
      }
      if (!stopped) timer = window.setTimeout(tick, frameEveryMs);
    };
    timer = window.setTimeout(tick, frameEveryMs);
    return () => {
      stopped = true;
      window.clearTimeout(timer);
      element.srcObject = null;
    };
  }, [cameraOn]);

  const readFile = async (file: File | undefined) => {
    if (!file) return;
    stopCamera();
    setResult({ kind: 'info', text: `Reading “${file.name}”…` });
    const read = await decodeQrFile(file);
    if ('error' in read) setResult({ kind: 'error', text: read.error });
    else accept(read.text, `in “${file.name}”`);
  };

  return (
    <Dialog
      title="Scan a QR code"
      onClose={() => {
        stopCamera();
        props.onClose();
      }}
    >
      <div
        class={`scan-zone ${dragging ? 'dragging' : ''}`}
        data-testid="qr-scanner"
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          void readFile(e.dataTransfer?.files[0]);
        }}
      >
        <p class="dialog-text" id={hintId}>
          {props.hint ??
            'Scan your friend’s Account ID QR code with this computer’s camera, or choose (or drop here) a screenshot or photo of it.'}
        </p>
        {cameraOn && <video ref={video} class="scan-video" aria-label="Camera picture" muted playsInline />}
        <div class="row scan-actions">
          {cameraOn ? (
            <button type="button" class="button" onClick={stopCamera}>
              Stop camera
            </button>
          ) : (
            <button type="button" class="button primary" aria-describedby={hintId} onClick={() => void startCamera()}>
              Use camera
            </button>
          )}
          <button type="button" class="button" aria-describedby={hintId} onClick={() => fileInput.current?.click()}>
            Choose an image…
          </button>
          <input
            ref={fileInput}
            type="file"
            accept="image/*"
            class="visually-hidden"
            tabIndex={-1}
            aria-label="Image of a QR code"
            data-testid="qr-image-input"
            onChange={(e) => {
              const input = e.currentTarget as HTMLInputElement;
              void readFile(input.files?.[0]);
              input.value = '';
            }}
          />
        </div>
        <p
          class={`scan-result ${result?.kind === 'error' ? 'error' : 'hint'}`}
          role="status"
          aria-live="polite"
          data-testid="qr-scan-result"
        >
          {result?.text ?? ''}
        </p>
      </div>
    </Dialog>
  );
}
