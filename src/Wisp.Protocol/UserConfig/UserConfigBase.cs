using Wisp.Crypto.Keys;
using Wisp.Protocol.Groups;

namespace Wisp.Protocol.UserConfig;

/// <summary>
/// One of an account's own configs (libsession's user configs): unsigned, encrypted under the account's Ed25519 seed
/// with the config's domain, and stored in the account's own swarm in Session's protobuf wrapping. Every device holding
/// the seed reads, changes and pushes it; concurrent edits merge as libsession merges them. Not thread-safe.
/// </summary>
public abstract class UserConfigBase : ConfigBase
{
    private readonly Ed25519KeyPair _account;

    private protected UserConfigBase(UserConfigKind kind, Ed25519KeyPair account, byte[]? dump)
        : base((int)kind, UserConfigKinds.Domain(kind), verifier: null, signer: null, writable: true, dump)
    {
        ArgumentNullException.ThrowIfNull(account);
        UserKind = kind;
        _account = account;
    }

    /// <summary>Which user config this is.</summary>
    public UserConfigKind UserKind { get; }

    // libsession's user config key is the seed itself (the first half of the 64-byte secret key).
    private ReadOnlyMemory<byte> Key => _account.Seed.ToArray();

    /// <summary>Reads messages retrieved from the account's own swarm (wrapped or bare) and merges them.</summary>
    public ConfigMergeResult Merge(IReadOnlyList<ConfigIncoming> messages) => Merge(messages, [Key]);

    /// <summary>The message to store in the account's swarm (wrapped as Session stores it).</summary>
    /// <exception cref="ConfigTooLargeException">The message exceeds 76,800 bytes.</exception>
    public ConfigPush Push() => Push(Key.Span);

    private protected override byte[] WrapForStorage(byte[] encrypted, long seqno) =>
        UserConfigWrapping.Wrap(_account, encrypted, seqno, UserKind);

    private protected override ReadOnlyMemory<byte> UnwrapFromStorage(ReadOnlyMemory<byte> stored)
    {
        // As libsession: bare configs are accepted too, and one Session release wrapped twice.
        var once = UserConfigWrapping.TryUnwrap(_account, stored.Span, UserKind);
        if (once is null)
            return stored;
        return UserConfigWrapping.TryUnwrap(_account, once, UserKind) ?? once;
    }
}
