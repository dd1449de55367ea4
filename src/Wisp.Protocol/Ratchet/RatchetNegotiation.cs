using Wisp.Crypto.Kem;
using Wisp.Crypto.Keys;
using Wisp.Protocol.Bencode;

namespace Wisp.Protocol.Ratchet;

/// <summary>
/// The v2 inner key "w", a bt dict. A hello (a Wisp client's capability and the opener's seed values):
/// <c>k</c> ML-KEM-768 public key (1,184), <c>v</c> 1, <c>x</c> X25519 public key (32). An accept (the acceptor's
/// answer, sent beside its ratchet messages until the opener answers): <c>a</c> the hello's X25519 key it answers
/// (32), <c>c</c> ML-KEM-768 ciphertext to the hello's key (1,088), <c>d</c> (optional) the X25519 key of the
/// acceptor's own hello, dropped because the two hellos crossed (32), <c>v</c> 1, <c>x</c> the acceptor's X25519 key (32).
/// An off (<see cref="Off"/>): <c>o</c> 1, <c>v</c> 1, "this account does not take ratchet messages now, drop the session"
/// (an account with several devices, whose other devices could not open them).
/// </summary>
/// <param name="X25519">x: the sender's fresh X25519 public key.</param>
/// <param name="KemPublicKey">k: present in a hello.</param>
/// <param name="KemCiphertext">c: present in an accept.</param>
/// <param name="Answers">a: present in an accept.</param>
/// <param name="Dropped">d: in an accept, the acceptor's own hello that it dropped, if any.</param>
public sealed record RatchetNegotiation(
    X25519PublicKey X25519, byte[]? KemPublicKey, byte[]? KemCiphertext, X25519PublicKey? Answers, X25519PublicKey? Dropped = null)
{
    /// <summary>The negotiation version this code speaks; a dict with another is ignored (a later Wisp).</summary>
    public const long Version = 1;

    /// <summary>True for a hello.</summary>
    public bool IsHello => KemPublicKey is not null;

    /// <summary>A hello.</summary>
    public static RatchetNegotiation Hello(X25519PublicKey x25519, byte[] kemPublicKey) => new(x25519, kemPublicKey, null, null);

    /// <summary>An accept.</summary>
    public static RatchetNegotiation Accept(X25519PublicKey x25519, byte[] kemCiphertext, X25519PublicKey answers, X25519PublicKey? dropped = null) =>
        new(x25519, null, kemCiphertext, answers, dropped);

    /// <summary>The off dict: <c>d1:oi1e1:vi1ee</c>.</summary>
    public static BencodeDictionary Off() =>
        new(new KeyValuePair<string, BencodeValue>[] { new("o", new BencodeInteger(1)), new("v", new BencodeInteger(Version)) });

    /// <summary>True when the value of "w" is an off of this version.</summary>
    public static bool IsOff(BencodeValue? value) =>
        value is BencodeDictionary dict && dict.TryGetValue("o", out var o) && o is BencodeInteger { Value: 1 }
        && dict.TryGetValue("v", out var v) && v is BencodeInteger { Value: Version };

    /// <summary>The bt dict to put under <see cref="RatchetInnerKeys.Negotiation"/>.</summary>
    public BencodeDictionary ToBencode()
    {
        var entries = new List<KeyValuePair<string, BencodeValue>>
        {
            new("v", new BencodeInteger(Version)),
            new("x", new BencodeString(X25519.Span.ToArray())),
        };
        if (KemPublicKey is not null)
            entries.Add(new("k", new BencodeString(KemPublicKey)));
        if (KemCiphertext is not null)
            entries.Add(new("c", new BencodeString(KemCiphertext)));
        if (Answers is not null)
            entries.Add(new("a", new BencodeString(Answers.Span.ToArray())));
        if (Dropped is not null)
            entries.Add(new("d", new BencodeString(Dropped.Span.ToArray())));
        return new BencodeDictionary(entries);
    }

    /// <summary>Reads the value of "w"; null with a reason when it is not a negotiation this version understands.</summary>
    public static RatchetNegotiation? Read(BencodeValue? value, out string? error)
    {
        error = null;
        if (value is not BencodeDictionary dict)
            return Fail("ratchet negotiation is not a dict", out error);
        if (!dict.TryGetValue("v", out var v) || v is not BencodeInteger { Value: Version })
            return Fail("unknown ratchet negotiation version", out error);
        var x = Bytes(dict, "x", X25519PublicKey.Bytes);
        if (x is null)
            return Fail("ratchet negotiation lacks a 32-byte x", out error);
        var k = Bytes(dict, "k", MlKem768.PublicKeyBytes);
        var c = Bytes(dict, "c", MlKem768.CiphertextBytes);
        var a = Bytes(dict, "a", X25519PublicKey.Bytes);
        var d = Bytes(dict, "d", X25519PublicKey.Bytes);
        if (k is not null && c is null && a is null)
            return Hello(new X25519PublicKey(x), k);
        if (k is null && c is not null && a is not null)
            return Accept(new X25519PublicKey(x), c, new X25519PublicKey(a), d is null ? null : new X25519PublicKey(d));
        return Fail("ratchet negotiation is neither a hello (k) nor an accept (a, c) of the right lengths", out error);
    }

    private static byte[]? Bytes(BencodeDictionary dict, string key, int length) =>
        dict.TryGetValue(key, out var value) && value is BencodeString s && s.Bytes.Length == length ? s.Bytes.ToArray() : null;

    private static RatchetNegotiation? Fail(string reason, out string? error)
    {
        error = reason;
        return null;
    }
}
