// Sending files: each file is one POST of its bytes to the chat's attachments route; the page shows the browser's
// part of the way (XHR upload progress) until the server answers with its transfer, then the SDK's progress events;
// the message arrives (message_added) when the upload is done.
import { chatPath, errorText, upload } from './api';
import type { Store } from './store';
import type { Transfer } from './types';

/** Largest file the app sends, bytes (1 GiB: the SDK's and the server's limit, said before sending anything). */
export const maxUploadBytes = 1024 * 1024 * 1024;

let counter = 0;

/** Sends `files` to `peer` (the caption goes with the first); returns the first error sentence, or null. */
export async function sendFiles(store: Store, peer: string, files: File[], caption: string): Promise<string | null> {
  let firstError: string | null = null;
  for (const [index, file] of files.entries()) {
    if (file.size > maxUploadBytes) {
      firstError ??= `${file.name} is larger than 1 GiB, the most Wisp sends.`;
      continue;
    }
    if (file.size === 0) {
      firstError ??= `${file.name} is empty.`;
      continue;
    }
    const key = `upload-${++counter}`;
    const startedMs = Date.now();
    store.setUpload({ key, peer, name: file.name, loaded: 0, total: file.size, startedMs, error: null });
    const query = new URLSearchParams({ name: file.name });
    if (index === 0 && caption.trim()) query.set('caption', caption.trim());
    try {
      // The answer (202) is the server's transfer: encrypting and uploading goes on there, its progress as events.
      const transfer = await upload<Transfer>(`${chatPath(peer)}/attachments?${query}`, file, file.type, (p) =>
        store.setUpload({ key, peer, name: file.name, loaded: p.loaded, total: p.total, startedMs, error: null }),
      );
      store.setUpload(null, key);
      store.setTransfer(transfer);
    } catch (error) {
      store.setUpload(null, key);
      firstError ??= `${file.name}: ${errorText(error)}`;
    }
  }
  void store.refreshConversations();
  return firstError;
}
