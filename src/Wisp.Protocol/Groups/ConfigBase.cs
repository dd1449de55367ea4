using Wisp.Crypto.Keys;

namespace Wisp.Protocol.Groups;

/// <summary>
/// One group config (info or members) as libsession's <c>ConfigBase</c> keeps it: the current config message, whether
/// it has unpushed changes, and the storage hashes it makes obsolete. Every message read must carry the group key's
/// signature; only a holder of the group's secret key (an admin) can change and push. Not thread-safe.
/// </summary>
public abstract class ConfigBase
{
    private protected ConfigBase(GroupConfigKind kind, Ed25519PublicKey groupPublicKey, Ed25519KeyPair? adminKey, byte[]? dump)
    {
        ArgumentNullException.ThrowIfNull(groupPublicKey);
        if (adminKey is not null && !adminKey.PublicKey.Equals(groupPublicKey))
            throw new ArgumentException("The admin key is not the group's key pair.", nameof(adminKey));
        Kind = kind;
        GroupPublicKey = groupPublicKey;
        AdminKey = adminKey;
        _ = dump;
        throw new NotImplementedException();
    }

    /// <summary>Info or members.</summary>
    public GroupConfigKind Kind { get; }

    /// <summary>The storage namespace (13 or 14).</summary>
    public int Namespace => (int)Kind;

    /// <summary>The encryption domain ("groups::Info" or "groups::Members").</summary>
    public string EncryptionDomain => ConfigEncryption.Domain(Kind);

    /// <summary>The group's Ed25519 key: every message read must be signed by it.</summary>
    public Ed25519PublicKey GroupPublicKey { get; }

    private protected Ed25519KeyPair? AdminKey { get; }

    /// <summary>True without the group's secret key: the config can be read and merged, not changed or pushed.</summary>
    public bool IsReadOnly => AdminKey is null;

    /// <summary>The current seqno.</summary>
    public long Seqno => throw new NotImplementedException();

    /// <summary>There are changes not yet pushed, or pushed but not confirmed.</summary>
    public bool NeedsPush => throw new NotImplementedException();

    /// <summary>Something changed since the last <see cref="Dump"/>.</summary>
    public bool NeedsDump => throw new NotImplementedException();

    /// <summary>The storage hash of the message the config currently is, if known.</summary>
    public IReadOnlyList<string> CurrentHashes => throw new NotImplementedException();

    /// <summary>
    /// Reads retrieved messages: decrypts each with the first of <paramref name="keys"/> that works (newest key first),
    /// strips the padding, decompresses, parses and verifies the group signature, then merges them with the current
    /// config as libsession does. Bad messages are reported, never thrown.
    /// </summary>
    public ConfigMergeResult Merge(IReadOnlyList<ConfigIncoming> messages, IReadOnlyList<ReadOnlyMemory<byte>> keys) =>
        throw new NotImplementedException();

    /// <summary>
    /// The message to store: serialised, signed by the group key, compressed when that is smaller, padded and encrypted
    /// under <paramref name="encryptionKey"/> (the group's newest key).
    /// </summary>
    /// <exception cref="InvalidOperationException">The config is read-only.</exception>
    /// <exception cref="ConfigTooLargeException">The message exceeds 76,800 bytes.</exception>
    public ConfigPush Push(ReadOnlySpan<byte> encryptionKey) => throw new NotImplementedException();

    /// <summary>Records that the message for <paramref name="seqno"/> was stored under <paramref name="hash"/>.</summary>
    public void ConfirmPushed(long seqno, string hash) => throw new NotImplementedException();

    /// <summary>Starts a new seqno without a change, so the config is pushed again (re-encrypted after a rekey).</summary>
    public void MarkDirty() => throw new NotImplementedException();

    /// <summary>The state for local storage, in libsession's dump layout; load it with the constructor.</summary>
    public byte[] Dump() => throw new NotImplementedException();
}
