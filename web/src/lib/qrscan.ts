// Reading a QR code from an image or a camera frame: the pixels are drawn on a canvas and read back with
// getImageData, then decoded by jsQR (plain JavaScript: no worker, no WebAssembly, no blob: URL, so the page's strict
// Content-Security-Policy stays as it is). jsQR is loaded only when the scanner is first used.

import { accountIdProblem } from './format';

/** A photo is scaled down to this many pixels on its longer side: enough for a QR code, bounded work and memory. */
export const maxScanSide = 1600;
/** Larger files are refused before decoding (a phone photo is a few MB). */
export const maxImageBytes = 25 * 1024 * 1024;

type Decoder = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
let decoder: Promise<Decoder> | null = null;
const loadDecoder = () => (decoder ??= import('jsqr').then((m) => m.default as unknown as Decoder));

/** The pixels of `source` (scaled to at most `maxScanSide`), through a canvas. */
function pixels(source: CanvasImageSource, width: number, height: number): ImageData {
  const scale = Math.min(1, maxScanSide / Math.max(width, height));
  const w = Math.max(1, Math.round(width * scale));
  const h = Math.max(1, Math.round(height * scale));
  const canvas = typeof OffscreenCanvas === 'function' ? new OffscreenCanvas(w, h) : Object.assign(document.createElement('canvas'), { width: w, height: h });
  const context = canvas.getContext('2d', { willReadFrequently: true }) as CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null;
  if (!context) throw new Error('This browser cannot read the picture (no 2D canvas).');
  // A transparent PNG (a screenshot of the code) is read as if on white paper.
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, w, h);
  context.drawImage(source, 0, 0, w, h);
  return context.getImageData(0, 0, w, h);
}

/** The text of the QR code in `source`, or null when none is found. */
export async function decodeQr(source: CanvasImageSource, width: number, height: number): Promise<string | null> {
  const decode = await loadDecoder();
  const image = pixels(source, width, height);
  return decode(image.data, image.width, image.height)?.data ?? null;
}

/** Reads an image file: its QR code's text, null for none, or an error sentence for a file that is not an image. */
export async function decodeQrFile(file: File): Promise<{ text: string | null } | { error: string }> {
  if (file.size > maxImageBytes) return { error: `That file is too large (over ${maxImageBytes / 1024 / 1024} MB) for a picture of a QR code.` };
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    return { error: `“${file.name}” is not an image the browser can read. Choose a PNG, JPEG, WebP or GIF picture.` };
  }
  try {
    return { text: await decodeQr(bitmap, bitmap.width, bitmap.height) };
  } finally {
    bitmap.close();
  }
}

/**
 * The Account ID a scanned QR code holds, or the reason it holds none. Wisp's own QR code (and Session's) holds the
 * bare Account ID, so exactly that is accepted (spaces around it and capitals are forgiven, as when it is typed).
 */
export function accountIdFromQr(text: string): { id: string } | { error: string } {
  const id = text.trim().toLowerCase();
  if (id === '') return { error: 'That QR code is empty: it holds no Account ID.' };
  const problem = accountIdProblem(id);
  if (problem === null) return { id };
  const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  return { error: `That QR code is not an Account ID: it holds “${shown}”. ${problem}` };
}

/**
 * Why `text` is not a community's join URL (null when it is). Session's form: http(s)://host[:port]/room?public_key=
 * and the server's key, 64 hex characters. The server checks it again; this only says early what is wrong.
 */
export function communityUrlProblem(text: string): string | null {
  const given = text.trim();
  if (given === '') return 'Paste the community’s join URL.';
  let url: URL;
  try {
    url = new URL(given);
  } catch {
    return 'That is not a URL. A join URL looks like http://host:port/room?public_key=…';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'A join URL starts with http:// or https://.';
  const room = url.pathname.replace(/^\/+|\/+$/g, '');
  if (room === '') return 'The join URL names no room: it needs /room after the server’s address.';
  if (!/^[\w-]{1,64}$/.test(room)) return `“${room}” is not a room name: a room is 1 to 64 letters, digits, _ or -.`;
  const key = url.searchParams.get('public_key');
  if (key === null) return 'The join URL has no public_key: ask for the whole URL, it ends with ?public_key=…';
  if (!/^[0-9a-fA-F]{64}$/.test(key)) return `The server key in the join URL has ${key.length} characters; it needs 64 hex characters.`;
  return null;
}

/** The join URL a scanned QR code holds, or the reason it holds none. */
export function communityUrlFromQr(text: string): { id: string } | { error: string } {
  const problem = communityUrlProblem(text);
  if (problem === null) return { id: text.trim() };
  const shown = text.length > 60 ? `${text.slice(0, 60)}…` : text;
  return { error: `That QR code is not a community’s join URL: it holds “${shown}”. ${problem}` };
}
