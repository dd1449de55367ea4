using System.Diagnostics.CodeAnalysis;
using Wisp.Crypto.Kem;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Signing;
using Wisp.Protocol.Bencode;

namespace Wisp.Protocol.V2;

/// <summary>
/// An account's published v2 keys, the record of namespace −21: the bt dict <c>M</c> (ML-KEM-768 public key, 1184
/// bytes), <c>X</c> (X25519 public key, 32 bytes) and <c>~</c>, a positive-alternative Ed25519 signature
/// (<see cref="PositiveEd25519"/>) by the account over the encoded dict up to <c>~</c>, so anyone holding only the
/// Account ID can check it. Keys other than these are ignored on reading, as Session's spec says.
/// </summary>
public sealed class AccountKeyBundle
{
    private static readonly byte[] s_mlKemKey = "M"u8.ToArray();
    private static readonly byte[] s_x25519Key = "X"u8.ToArray();
    private static readonly byte[] s_signatureKey = "~"u8.ToArray();

    private readonly byte[] _mlKem;

    /// <summary>Wraps the two public keys.</summary>
    /// <exception cref="ArgumentException">The ML-KEM key is not 1184 bytes.</exception>
    public AccountKeyBundle(ReadOnlySpan<byte> mlKemPublicKey, X25519PublicKey x25519)
    {
        ArgumentNullException.ThrowIfNull(x25519);
        if (mlKemPublicKey.Length != MlKem768.PublicKeyBytes)
            throw new ArgumentException($"An ML-KEM-768 public key is {MlKem768.PublicKeyBytes} bytes; got {mlKemPublicKey.Length}.", nameof(mlKemPublicKey));
        _mlKem = mlKemPublicKey.ToArray();
        X25519 = x25519;
    }

    /// <summary>The namespace the bundle is stored in.</summary>
    public const int Namespace = V2Limits.BundleNamespace;

    /// <summary>The TTL the bundle is stored with.</summary>
    public static TimeSpan StoreTtl => V2Limits.BundleTtl;

    /// <summary>M: the ML-KEM-768 public key.</summary>
    public ReadOnlyMemory<byte> MlKemPublicKey => _mlKem;

    /// <summary>X: the X25519 public key.</summary>
    public X25519PublicKey X25519 { get; }

    /// <summary>True when both keys equal <paramref name="other"/>'s.</summary>
    public bool SameKeys(AccountKeyBundle? other) =>
        other is not null && other.X25519.Equals(X25519) && other._mlKem.AsSpan().SequenceEqual(_mlKem);

    /// <summary>Encodes the record, signed by <paramref name="account"/>.</summary>
    public byte[] EncodeSigned(Ed25519KeyPair account)
    {
        ArgumentNullException.ThrowIfNull(account);
        var body = SignedBody(_mlKem, X25519.Span);
        var signature = PositiveEd25519.Sign(account, body);
        var sigEntry = new byte[3 + 3 + PositiveEd25519.SignatureBytes];
        var at = BencodeWriter.WriteString(s_signatureKey, sigEntry);
        BencodeWriter.WriteString(signature, sigEntry.AsSpan(at));
        return [.. body, .. sigEntry, (byte)'e'];
    }

    /// <summary>Reads a record fetched from <paramref name="owner"/>'s namespace −21 and checks its signature.</summary>
    public static AccountKeyBundleResult Decode(ReadOnlyMemory<byte> bytes, AccountId owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        var decoded = BencodeReader.Decode(bytes);
        if (!decoded.Ok || decoded.Value is not BencodeDictionary dict)
            return AccountKeyBundleResult.Failed(AccountKeyBundleError.Malformed, decoded.Ok ? "not a dictionary" : decoded.Describe());
        if (!TryString(dict, s_mlKemKey, out var m) || !TryString(dict, s_x25519Key, out var x) || !TryString(dict, s_signatureKey, out var sig))
            return AccountKeyBundleResult.Failed(AccountKeyBundleError.MissingField, "M, X and ~ must be byte strings");
        if (m.Length != MlKem768.PublicKeyBytes || x.Length != X25519PublicKey.Bytes || sig.Length != PositiveEd25519.SignatureBytes)
            return AccountKeyBundleResult.Failed(AccountKeyBundleError.BadLength, $"M is {m.Length} bytes, X {x.Length}, ~ {sig.Length}");

        // The signature covers the encoding up to "~"; the reader is strict and canonical, so re-encoding the
        // entries before "~" gives back exactly those bytes, unknown keys included.
        var before = dict.Entries.Where(e => e.Key.Span.SequenceCompareTo(s_signatureKey) < 0);
        var encoded = BencodeWriter.Encode(new BencodeDictionary(before));
        if (!PositiveEd25519.Verify(owner, encoded.AsSpan(0, encoded.Length - 1), sig.Span))
            return AccountKeyBundleResult.Failed(AccountKeyBundleError.BadSignature, "the signature does not verify for this account");
        return AccountKeyBundleResult.Decoded(new AccountKeyBundle(m.Span, new X25519PublicKey(x.Span)));
    }

    private static byte[] SignedBody(ReadOnlySpan<byte> mlKem, ReadOnlySpan<byte> x25519)
    {
        var dict = new BencodeDictionary(
        [
            KeyValuePair.Create<ReadOnlyMemory<byte>, BencodeValue>(s_mlKemKey, new BencodeString(mlKem.ToArray())),
            KeyValuePair.Create<ReadOnlyMemory<byte>, BencodeValue>(s_x25519Key, new BencodeString(x25519.ToArray())),
        ]);
        var encoded = BencodeWriter.Encode(dict);
        return encoded[..^1];
    }

    private static bool TryString(BencodeDictionary dict, byte[] key, out ReadOnlyMemory<byte> value)
    {
        value = default;
        if (!dict.TryGetValue(key, out var v) || v is not BencodeString s)
            return false;
        value = s.Bytes;
        return true;
    }

    /// <summary>Shows the X25519 key.</summary>
    public override string ToString() => $"AccountKeyBundle(X {X25519})";
}

/// <summary>Why a namespace −21 record was refused.</summary>
public enum AccountKeyBundleError
{
    /// <summary>Not a bencoded dictionary.</summary>
    Malformed = 1,

    /// <summary>M, X or ~ is missing or not a byte string.</summary>
    MissingField,

    /// <summary>M, X or ~ has the wrong length.</summary>
    BadLength,

    /// <summary>The positive-alternative signature does not verify for the owning account.</summary>
    BadSignature,
}

/// <summary>The outcome of <see cref="AccountKeyBundle.Decode"/>.</summary>
public sealed class AccountKeyBundleResult
{
    private AccountKeyBundleResult(AccountKeyBundle? bundle, AccountKeyBundleError? error, string? detail)
    {
        Bundle = bundle;
        Error = error;
        Detail = detail;
    }

    internal static AccountKeyBundleResult Decoded(AccountKeyBundle bundle) => new(bundle, null, null);

    internal static AccountKeyBundleResult Failed(AccountKeyBundleError error, string detail) => new(null, error, detail);

    /// <summary>True when the record decoded and its signature verified.</summary>
    [MemberNotNullWhen(true, nameof(Bundle))]
    public bool Ok => Error is null;

    /// <summary>The keys, when <see cref="Ok"/>.</summary>
    public AccountKeyBundle? Bundle { get; }

    /// <summary>Why it failed, otherwise.</summary>
    public AccountKeyBundleError? Error { get; }

    /// <summary>A short explanation of the failure.</summary>
    public string? Detail { get; }

    /// <summary>One line for logs and errors.</summary>
    public string Describe() => Ok ? "account key bundle verified" : $"invalid account key bundle ({Error}): {Detail}";
}
