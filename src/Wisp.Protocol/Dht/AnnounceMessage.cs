using Wisp.Crypto.Hashing;

namespace Wisp.Protocol.Dht;

/// <summary>
/// The value of ANNOUNCE and UNANNOUNCE: <c>record (<see cref="PeerRecordWire"/>) | signature 64</c>. The signature
/// is the record key's positive Ed25519 signature (Session's, verifiable from the X25519 key) over
/// <see cref="Signable"/>: the command's namespace ‖ BLAKE2b-256(target ‖ storing node's id ‖ token ‖ record), so a
/// record stored at one node cannot be replayed to another, nor later than the token lives.
/// </summary>
public sealed record AnnounceMessage(PeerRecordWire Record, byte[] Signature)
{
    /// <summary>Bytes of a signature.</summary>
    public const int SignatureBytes = 64;

    /// <summary>Domain separator of announcements: BLAKE2b-256("wisp/dht/announce").</summary>
    public static readonly byte[] AnnounceNamespace = Blake2b.Hash("wisp/dht/announce"u8, 32);

    /// <summary>Domain separator of removals: BLAKE2b-256("wisp/dht/unannounce").</summary>
    public static readonly byte[] UnannounceNamespace = Blake2b.Hash("wisp/dht/unannounce"u8, 32);

    /// <summary>The message, or null when the bytes are not one.</summary>
    public static AnnounceMessage? Parse(ReadOnlySpan<byte> bytes)
    {
        var r = new DhtWireReader(bytes);
        if (!PeerRecordWire.TryRead(ref r, out var record) || !r.TryBytes(SignatureBytes, out var signature) || !r.AtEnd) return null;
        return new AnnounceMessage(record, signature);
    }

    /// <summary>The encoded value.</summary>
    public byte[] Encode()
    {
        Record.Check();
        if (Signature.Length != SignatureBytes)
            throw new ArgumentException($"A signature is {SignatureBytes} bytes; got {Signature.Length}.", nameof(Signature));
        var bytes = new byte[Record.Size + SignatureBytes];
        var w = new DhtWireWriter(bytes);
        Record.Write(ref w);
        w.Bytes(Signature);
        return bytes;
    }

    /// <summary>The 64 bytes signed: <paramref name="ns"/> ‖ BLAKE2b-256(target ‖ nodeId ‖ token ‖ record).</summary>
    public static byte[] Signable(ReadOnlySpan<byte> ns, ReadOnlySpan<byte> target, ReadOnlySpan<byte> nodeId, ReadOnlySpan<byte> token, PeerRecordWire record)
    {
        var input = new byte[DhtLimits.IdBytes * 3 + record.Size];
        target.CopyTo(input);
        nodeId.CopyTo(input.AsSpan(DhtLimits.IdBytes));
        token.CopyTo(input.AsSpan(DhtLimits.IdBytes * 2));
        record.Encode().CopyTo(input.AsSpan(DhtLimits.IdBytes * 3));
        var signable = new byte[64];
        ns.CopyTo(signable);
        Blake2b.Hash(input, signable.AsSpan(32));
        return signable;
    }
}
