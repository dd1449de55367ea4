using System.Buffers.Binary;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Signing;

namespace Wisp.Protocol.Direct;

/// <summary>
/// Wisp's direct-mode agreement, carried end to end inside a 1:1 message (Content field <c>wispDirect</c>, 1000), never
/// shown as a chat message. 106 bytes: version <c>01</c> ‖ kind (1 byte: <c>01</c> on, <c>02</c> off) ‖ the sending
/// device's X25519 direct key (32; zeros for off) ‖ timestamp (u64 big-endian, Unix ms) ‖ the account's signature (64,
/// Session's positive Ed25519, verifiable from the Account ID) over <c>"wisp-direct-offer"</c> ‖ the 42 bytes before it.
/// "On" from a contact is an offer, or the answer to ours; "off" revokes it. The signature binds a direct key to the
/// account, so a new device of an account already in direct mode is taken on its own offer.
/// </summary>
/// <param name="Kind">On or off.</param>
/// <param name="DirectKey">The sending device's direct public key (32 bytes; zeros for off).</param>
/// <param name="TimestampMs">When the sender made it, Unix ms: a later one wins over an earlier one.</param>
/// <param name="Signature">The account's signature (64 bytes).</param>
public sealed record DirectOffer(DirectOfferKind Kind, byte[] DirectKey, long TimestampMs, byte[] Signature)
{
    /// <summary>The only version this build writes and reads.</summary>
    public const byte Version = 1;

    /// <summary>The encoded length in bytes.</summary>
    public const int Bytes = SignedBytes + PositiveEd25519.SignatureBytes;

    private const int SignedBytes = 1 + 1 + X25519PublicKey.Bytes + sizeof(long);
    private static readonly byte[] Domain = "wisp-direct-offer"u8.ToArray();

    /// <summary>Makes and signs an offer of <paramref name="kind"/> for <paramref name="directKey"/> with the account key.</summary>
    public static DirectOffer Create(DirectOfferKind kind, ReadOnlySpan<byte> directKey, long timestampMs, Ed25519KeyPair account)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (directKey.Length != X25519PublicKey.Bytes)
            throw new ArgumentException($"A direct key is {X25519PublicKey.Bytes} bytes; got {directKey.Length}.", nameof(directKey));
        var key = kind == DirectOfferKind.Off ? new byte[X25519PublicKey.Bytes] : directKey.ToArray();
        var unsigned = new DirectOffer(kind, key, timestampMs, new byte[PositiveEd25519.SignatureBytes]);
        return unsigned with { Signature = PositiveEd25519.Sign(account, unsigned.SignedMessage()) };
    }

    /// <summary>The 106 bytes.</summary>
    public byte[] Encode()
    {
        var bytes = new byte[Bytes];
        WriteSigned(bytes);
        Signature.CopyTo(bytes.AsSpan(SignedBytes));
        return bytes;
    }

    /// <summary>Reads an offer and checks that <paramref name="sender"/>'s account signed it; null with why otherwise.</summary>
    public static DirectOffer? TryDecode(ReadOnlySpan<byte> bytes, AccountId sender, out string? error)
    {
        ArgumentNullException.ThrowIfNull(sender);
        if (bytes.Length != Bytes)
            return Fail($"a direct offer is {Bytes} bytes; got {bytes.Length}", out error);
        if (bytes[0] != Version)
            return Fail($"direct offer version {bytes[0]} is not {Version}", out error);
        if (bytes[1] is not ((byte)DirectOfferKind.On or (byte)DirectOfferKind.Off))
            return Fail($"unknown direct offer kind {bytes[1]}", out error);
        var offer = new DirectOffer(
            (DirectOfferKind)bytes[1], bytes.Slice(2, X25519PublicKey.Bytes).ToArray(),
            BinaryPrimitives.ReadInt64BigEndian(bytes.Slice(2 + X25519PublicKey.Bytes)), bytes[SignedBytes..].ToArray());
        if (offer.Kind == DirectOfferKind.On && offer.DirectKey.AsSpan().IndexOfAnyExcept((byte)0) < 0)
            return Fail("an \"on\" offer with an all-zero direct key", out error);
        var signer = PositiveEd25519.PublicKeyOf(sender.X25519PublicKey);
        if (!Ed25519.Verify(signer, offer.SignedMessage(), offer.Signature))
            return Fail("the signature does not verify against the sender's Account ID", out error);
        error = null;
        return offer;
    }

    private byte[] SignedMessage()
    {
        var message = new byte[Domain.Length + SignedBytes];
        Domain.CopyTo(message, 0);
        WriteSigned(message.AsSpan(Domain.Length));
        return message;
    }

    private void WriteSigned(Span<byte> into)
    {
        into[0] = Version;
        into[1] = (byte)Kind;
        DirectKey.CopyTo(into[2..]);
        BinaryPrimitives.WriteInt64BigEndian(into[(2 + X25519PublicKey.Bytes)..], TimestampMs);
    }

    private static DirectOffer? Fail(string why, out string? error)
    {
        error = why;
        return null;
    }
}

/// <summary>What a <see cref="DirectOffer"/> says.</summary>
public enum DirectOfferKind : byte
{
    /// <summary>The sender turned direct mode on (an offer, or the answer to one).</summary>
    On = 1,

    /// <summary>The sender turned direct mode off: nothing goes direct from now on.</summary>
    Off = 2,
}
