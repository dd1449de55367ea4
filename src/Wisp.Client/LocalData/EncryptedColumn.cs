using System.Text;
using Wisp.Crypto;
using Wisp.Crypto.Aead;

namespace Wisp.Client.LocalData;

/// <summary>
/// How a secret value is stored in a column of the client database: <c>version (1) ‖ nonce (24) ‖ XChaCha20-Poly1305
/// ciphertext and tag</c>, under the account's <see cref="DataKey"/>, with a fresh random nonce per value. The
/// associated data is <c>"wisp/" + table + "/" + column + "/" + row key</c>, so a value authenticates only in the
/// cell it was written for: copying one message's body over another's, or the seed into a nickname, fails to decrypt.
/// </summary>
/// <param name="Table">The table's name, as in the schema.</param>
/// <param name="Column">The column's name, as in the schema.</param>
internal sealed record EncryptedColumn(string Table, string Column)
{
    /// <summary>The format version byte that starts every stored value.</summary>
    public const byte Version = 1;

    /// <summary>Bytes a stored value adds to its plaintext: version, nonce and tag.</summary>
    public const int Overhead = 1 + XChaCha20Poly1305.NonceBytes + XChaCha20Poly1305.TagBytes;

    /// <summary>Encrypts <paramref name="plaintext"/> for the cell of this column in the row named <paramref name="rowKey"/>.</summary>
    public byte[] Encrypt(DataKey key, string rowKey, ReadOnlySpan<byte> plaintext)
    {
        ArgumentNullException.ThrowIfNull(key);
        var stored = new byte[Overhead + plaintext.Length];
        stored[0] = Version;
        var nonce = stored.AsSpan(1, XChaCha20Poly1305.NonceBytes);
        RandomBytes.Fill(nonce);
        XChaCha20Poly1305.Encrypt(key.Span, nonce, plaintext, AssociatedData(rowKey), stored.AsSpan(1 + XChaCha20Poly1305.NonceBytes));
        return stored;
    }

    /// <summary>Encrypts a UTF-8 string.</summary>
    public byte[] EncryptText(DataKey key, string rowKey, string plaintext) => Encrypt(key, rowKey, Encoding.UTF8.GetBytes(plaintext));

    /// <summary>
    /// Decrypts a stored value of this column's cell in row <paramref name="rowKey"/>. False when it is too short, has an
    /// unknown version, or fails authentication (tampered, written for another cell, or under another key).
    /// </summary>
    public bool TryDecrypt(DataKey key, string rowKey, ReadOnlySpan<byte> stored, out byte[] plaintext)
    {
        ArgumentNullException.ThrowIfNull(key);
        plaintext = [];
        if (stored.Length < Overhead || stored[0] != Version)
            return false;
        var output = new byte[stored.Length - Overhead];
        var nonce = stored.Slice(1, XChaCha20Poly1305.NonceBytes);
        if (!XChaCha20Poly1305.Decrypt(key.Span, nonce, stored[(1 + XChaCha20Poly1305.NonceBytes)..], AssociatedData(rowKey), output))
            return false;
        plaintext = output;
        return true;
    }

    /// <summary>Decrypts a value written by <see cref="EncryptText"/>; false as <see cref="TryDecrypt"/> (or when it is not UTF-8).</summary>
    public bool TryDecryptText(DataKey key, string rowKey, ReadOnlySpan<byte> stored, out string plaintext)
    {
        plaintext = "";
        if (!TryDecrypt(key, rowKey, stored, out var bytes))
            return false;
        try
        {
            plaintext = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private byte[] AssociatedData(string rowKey)
    {
        ArgumentNullException.ThrowIfNull(rowKey);
        return Encoding.UTF8.GetBytes($"wisp/{Table}/{Column}/{rowKey}");
    }
}
