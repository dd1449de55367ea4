import { useRef, useState } from 'preact/hooks';
import { del, errorText, upload } from '../lib/api';
import { size } from '../lib/format';
import type { Account } from '../lib/types';
import { Avatar } from './Avatar';

/** Largest profile picture, bytes (5 MiB, the server's WebLimits.MaxPictureBytes; said before sending). */
const maxPictureBytes = 5 * 1024 * 1024;
const pictureTypes = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'];

/** Settings' profile picture: choose an image (sent through the file server, its URL and key in the profile) or remove it. */
export function ProfilePicture(props: { account: Account; onChanged: (account: Account) => void; onStatus: (text: string) => void }) {
  const picker = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [version, setVersion] = useState(0);
  const a = props.account;
  const name = a.display_name ?? a.profile;

  const choose = async (file: File) => {
    setError(null);
    if (!pictureTypes.includes(file.type)) return setError('Choose a PNG, JPEG, WebP or GIF image.');
    if (file.size > maxPictureBytes) return setError(`The picture is ${size(file.size)}; at most ${size(maxPictureBytes)}.`);
    setBusy(true);
    try {
      const account = await upload<Account>('/api/account/picture', file, file.type, () => undefined);
      setVersion((v) => v + 1);
      props.onChanged(account);
      props.onStatus('Picture saved.');
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="picture-setting">
      <Avatar name={name} id={a.account_id} size="large" picture={a.has_picture} own version={version} />
      <div class="stack">
        <input
          ref={picker}
          type="file"
          accept={pictureTypes.join(',')}
          hidden
          data-testid="picture-input"
          onChange={(e) => {
            const file = (e.currentTarget as HTMLInputElement).files?.[0];
            (e.currentTarget as HTMLInputElement).value = '';
            if (file) void choose(file);
          }}
        />
        <div class="row">
          <button type="button" class="button" disabled={busy} onClick={() => picker.current?.click()}>
            {busy ? 'Sending…' : a.has_picture ? 'Change picture' : 'Choose picture'}
          </button>
          {a.has_picture && (
            <button
              type="button"
              class="button"
              onClick={() =>
                void del('/api/account/picture')
                  .then(() => {
                    props.onChanged({ ...a, has_picture: false });
                    props.onStatus('Picture removed.');
                  })
                  .catch((e) => setError(errorText(e)))
              }
            >
              Remove picture
            </button>
          )}
        </div>
        <p class="hint">Everyone you message sees it. PNG, JPEG, WebP or GIF, at most {size(maxPictureBytes)}.</p>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
      </div>
    </div>
  );
}
