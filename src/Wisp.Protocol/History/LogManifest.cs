using Wisp.Crypto.Hashing;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Signing;

namespace Wisp.Protocol.History;

/// <summary>
/// What a log is: the account that owns it, the log's own Ed25519 key (random per device and conversation, so a
/// restored device starts new logs and can never fork an old one), and the conversation it records (the peer's
/// Account ID), certified by the account's Ed25519 key. The log id is <c>BLAKE2b-256(ManifestNamespace ‖ body)</c>,
/// as Hypercore names a core by its manifest's hash.
/// </summary>
/// <remarks>
/// Bytes (131 + 64): <c>u8 version (1) ‖ account Ed25519 public key (32) ‖ log Ed25519 public key (32) ‖
/// conversation Account ID (33) ‖ signature (64)</c>; the signature is the account key's over
/// <c>ManifestNamespace ‖ body</c>, body being everything before it.
/// </remarks>
public sealed record LogManifest(Ed25519PublicKey AccountKey, Ed25519PublicKey LogKey, AccountId Conversation, byte[] Signature)
{
    /// <summary>The only version.</summary>
    public const byte Version = 1;

    /// <summary>Bytes before the signature.</summary>
    public const int BodyBytes = 1 + 32 + 32 + AccountId.ByteLength;

    /// <summary>Bytes of the whole manifest.</summary>
    public const int Bytes = BodyBytes + 64;

    /// <summary>The owning account's Account ID (its key's X25519 form).</summary>
    public AccountId Owner => AccountId.FromX25519(AccountKey.ToX25519() ?? throw new HistoryFormatException("the account key has no X25519 form."));

    /// <summary>The log id: what heads sign and what replication names the log by.</summary>
    public byte[] LogId => Blake2b.Hash([.. TreeHashes.ManifestNamespace, .. Body()], TreeHashes.HashBytes);

    /// <summary>Makes and signs the manifest of a new log.</summary>
    public static LogManifest Create(Ed25519KeyPair account, Ed25519PublicKey logKey, AccountId conversation)
    {
        var unsigned = new LogManifest(account.PublicKey, logKey, conversation, new byte[64]);
        return unsigned with { Signature = Ed25519.Sign(account, [.. TreeHashes.ManifestNamespace, .. unsigned.Body()]) };
    }

    /// <summary>Whether the account key signed it and is the key of <see cref="Owner"/>.</summary>
    public bool Verify() =>
        AccountKey.ToX25519() is not null && Ed25519.Verify(AccountKey, [.. TreeHashes.ManifestNamespace, .. Body()], Signature);

    /// <summary>The manifest's bytes.</summary>
    public byte[] Encode() => [.. Body(), .. Signature];

    /// <summary>Reads a manifest (its signature is not checked here: <see cref="Verify"/>).</summary>
    public static LogManifest Decode(ReadOnlySpan<byte> data)
    {
        var reader = new HistoryReader(data);
        var manifest = Read(ref reader);
        reader.End("a log manifest");
        return manifest;
    }

    internal static LogManifest Read(ref HistoryReader reader)
    {
        var version = reader.U8();
        if (version != Version)
            throw new HistoryFormatException($"a log manifest of version {version}; this Wisp reads version {Version}.");
        var account = new Ed25519PublicKey(reader.Fixed(32));
        var log = new Ed25519PublicKey(reader.Fixed(32));
        var conversation = reader.Fixed(AccountId.ByteLength);
        if (conversation[0] != AccountId.Prefix)
            throw new HistoryFormatException("a log manifest's conversation is not an Account ID.");
        return new LogManifest(account, log, AccountId.Parse(Convert.ToHexStringLower(conversation)), reader.Fixed(64));
    }

    private byte[] Body() => [Version, .. AccountKey.Span, .. LogKey.Span, .. Conversation.Bytes];
}
