// Files of the API shown in the page: fetched with the token, shown through blob: URLs (the CSP allows images from
// this origin and blob: only), and released when no longer shown.
import { useEffect, useState } from 'preact/hooks';
import { getBlob } from './api';

/** A blob: URL for `path` (null while loading, when path is null, or when it failed: then `error` says why). */
export function useBlobUrl(path: string | null, version = 0): { url: string | null; error: string | null } {
  const [state, setState] = useState<{ url: string | null; error: string | null }>({ url: null, error: null });
  useEffect(() => {
    if (!path) return setState({ url: null, error: null });
    const abort = new AbortController();
    let url: string | null = null;
    getBlob(path, abort.signal)
      .then((blob) => {
        url = URL.createObjectURL(blob);
        setState({ url, error: null });
      })
      .catch((error: Error) => {
        if (error.name !== 'AbortError') setState({ url: null, error: error.message });
      });
    return () => {
      abort.abort();
      if (url) URL.revokeObjectURL(url);
    };
  }, [path, version]);
  return state;
}

/** Saves a file of the API to the computer: fetched, then handed to the browser's download through a blob: link. */
export async function saveFile(path: string, name: string): Promise<void> {
  const blob = await getBlob(path);
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
