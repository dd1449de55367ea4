using System.Buffers.Binary;
using Wisp.Crypto.Kem;
using Wisp.Crypto.Keys;

namespace Wisp.Crypto.Ratchet;

/// <summary>
/// The session state's storage form (local only, never on the wire; the client encrypts it at rest): a version byte,
/// a presence bitmap, the fixed-length fields in order, the associated data and the skipped keys. Lengths are
/// checked against the bytes left before anything is allocated.
/// </summary>
internal static class RatchetStateCodec
{
    private const byte Version = 1;
    private const int Key = RatchetKdf.KeyBytes;
    private const int SkippedEntryBytes = 32 + 4 + Key;

    [Flags]
    private enum Present : ushort
    {
        DhSelf = 1, DhRemote = 2, SendChain = 4, ReceiveChain = 8, NeedsSendStep = 16, SendKemCiphertext = 32,
        KemOffer = 64, PeerKem = 128, AnsweredHash = 256,
    }

    public static byte[] Write(RatchetState s)
    {
        var present = Flag(s.DhSelfSecret, Present.DhSelf) | Flag(s.DhRemote, Present.DhRemote)
            | Flag(s.SendChainKey, Present.SendChain) | Flag(s.ReceiveChainKey, Present.ReceiveChain)
            | (s.NeedsSendStep ? Present.NeedsSendStep : 0) | Flag(s.SendKemCiphertext, Present.SendKemCiphertext)
            | Flag(s.KemOfferSeed, Present.KemOffer) | Flag(s.PeerKemPublicKey, Present.PeerKem)
            | Flag(s.AnsweredPeerKemHash, Present.AnsweredHash);
        var size = 1 + 2 + Key + 4 * 3 + 4 + (s.DhSelfSecret is null ? 0 : 32) + (s.DhRemote is null ? 0 : 32)
            + (s.SendChainKey is null ? 0 : Key) + (s.ReceiveChainKey is null ? 0 : Key)
            + (s.SendKemCiphertext is null ? 0 : MlKem768.CiphertextBytes)
            + (s.KemOfferSeed is null ? 0 : MlKem768.SeedBytes + MlKem768.PublicKeyBytes)
            + (s.PeerKemPublicKey is null ? 0 : MlKem768.PublicKeyBytes) + (s.AnsweredPeerKemHash is null ? 0 : 32)
            + 2 + s.AssociatedData.Length + 4 + s.Skipped.Count * SkippedEntryBytes;
        var output = new byte[size];
        var w = new Writer(output);
        w.Byte(Version);
        w.UInt16((ushort)present);
        w.Bytes(s.RootKey);
        w.UInt32(s.SendMessageNumber);
        w.UInt32(s.PreviousSendChainLength);
        w.UInt32(s.ReceiveMessageNumber);
        w.UInt32((uint)s.SentSinceKem);
        w.Maybe(s.DhSelfSecret);
        w.Maybe(s.DhRemote);
        w.Maybe(s.SendChainKey);
        w.Maybe(s.ReceiveChainKey);
        w.Maybe(s.SendKemCiphertext);
        w.Maybe(s.KemOfferSeed);
        w.Maybe(s.KemOfferPublicKey);
        w.Maybe(s.PeerKemPublicKey);
        w.Maybe(s.AnsweredPeerKemHash);
        w.UInt16((ushort)s.AssociatedData.Length);
        w.Bytes(s.AssociatedData);
        w.UInt32((uint)s.Skipped.Count);
        foreach (var entry in s.Skipped.Entries)
        {
            w.Bytes(entry.DhPublicKey);
            w.UInt32(entry.MessageNumber);
            w.Bytes(entry.MessageKey);
        }
        return output;
    }

    /// <summary>Reads a stored state; throws <see cref="FormatException"/> on bytes this codec did not write.</summary>
    public static RatchetState Read(ReadOnlySpan<byte> input)
    {
        var r = new Reader(input);
        if (r.Byte() != Version)
            throw new FormatException("Unknown ratchet state version.");
        var present = (Present)r.UInt16();
        var s = new RatchetState
        {
            RootKey = r.Bytes(Key),
            SendMessageNumber = r.UInt32(),
            PreviousSendChainLength = r.UInt32(),
            ReceiveMessageNumber = r.UInt32(),
            SentSinceKem = checked((int)r.UInt32()),
        };
        s.DhSelfSecret = r.Maybe(present.HasFlag(Present.DhSelf), 32);
        if (s.DhSelfSecret is not null)
        {
            using var pair = X25519KeyPair.FromSecret(s.DhSelfSecret);
            s.DhSelfPublic = pair.PublicKey.Span.ToArray();
        }
        s.DhRemote = r.Maybe(present.HasFlag(Present.DhRemote), 32);
        s.SendChainKey = r.Maybe(present.HasFlag(Present.SendChain), Key);
        s.ReceiveChainKey = r.Maybe(present.HasFlag(Present.ReceiveChain), Key);
        s.NeedsSendStep = present.HasFlag(Present.NeedsSendStep);
        s.SendKemCiphertext = r.Maybe(present.HasFlag(Present.SendKemCiphertext), MlKem768.CiphertextBytes);
        s.KemOfferSeed = r.Maybe(present.HasFlag(Present.KemOffer), MlKem768.SeedBytes);
        s.KemOfferPublicKey = r.Maybe(present.HasFlag(Present.KemOffer), MlKem768.PublicKeyBytes);
        s.PeerKemPublicKey = r.Maybe(present.HasFlag(Present.PeerKem), MlKem768.PublicKeyBytes);
        s.AnsweredPeerKemHash = r.Maybe(present.HasFlag(Present.AnsweredHash), 32);
        s.AssociatedData = r.Bytes(r.UInt16());
        var skipped = r.UInt32();
        if (skipped > RatchetLimits.MaxStoredSkippedKeys || skipped * (long)SkippedEntryBytes != r.Remaining)
            throw new FormatException("Ratchet state has a bad skipped-key count.");
        for (var i = 0; i < skipped; i++)
        {
            var dh = r.Bytes(32);
            var n = r.UInt32();
            s.Skipped.Add(dh, n, r.Bytes(Key));
        }
        return s;
    }

    private static Present Flag(byte[]? value, Present flag) => value is null ? 0 : flag;

    private ref struct Writer(Span<byte> output)
    {
        private readonly Span<byte> _output = output;
        private int _at;

        public void Byte(byte value) => _output[_at++] = value;
        public void UInt16(ushort value) { BinaryPrimitives.WriteUInt16BigEndian(_output[_at..], value); _at += 2; }
        public void UInt32(uint value) { BinaryPrimitives.WriteUInt32BigEndian(_output[_at..], value); _at += 4; }
        public void Bytes(ReadOnlySpan<byte> value) { value.CopyTo(_output[_at..]); _at += value.Length; }
        public void Maybe(byte[]? value) { if (value is not null) Bytes(value); }
    }

    private ref struct Reader(ReadOnlySpan<byte> input)
    {
        private readonly ReadOnlySpan<byte> _input = input;
        private int _at;

        public readonly int Remaining => _input.Length - _at;
        public byte Byte() => Take(1)[0];
        public ushort UInt16() => BinaryPrimitives.ReadUInt16BigEndian(Take(2));
        public uint UInt32() => BinaryPrimitives.ReadUInt32BigEndian(Take(4));
        public byte[] Bytes(int length) => Take(length).ToArray();
        public byte[]? Maybe(bool present, int length) => present ? Bytes(length) : null;

        private ReadOnlySpan<byte> Take(int length)
        {
            if (length > Remaining)
                throw new FormatException("Ratchet state is truncated.");
            var span = _input.Slice(_at, length);
            _at += length;
            return span;
        }
    }
}
