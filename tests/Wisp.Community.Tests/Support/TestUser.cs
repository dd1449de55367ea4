using Wisp.Crypto.Blinding;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Signing;
using Wisp.Protocol.Community;

namespace Wisp.Community.Tests.Support;

/// <summary>How a test user signs: a 15-blinded key (Session's default), a 25-blinded key, or the unblinded key.</summary>
public enum Signing
{
    Blind15,
    Blind25,
    Unblinded,
}

/// <summary>A member with a Session account key who signs requests as Session's clients do.</summary>
internal sealed class TestUser(Signing signing = Signing.Blind15) : IDisposable
{
    public Ed25519KeyPair Account { get; } = Ed25519KeyPair.Generate();

    public Signing Signing { get; } = signing;

    /// <summary>The ID the server knows this user by (<c>15…</c>, <c>25…</c>, or <c>05…</c>).</summary>
    public string SessionId(X25519PublicKey server) => Signing switch
    {
        Signing.Blind15 => Blind(server).Id.Hex,
        Signing.Blind25 => Blind(server).Id.Hex,
        _ => Account.AccountId.ToString(),
    };

    /// <summary>The X-SOGS-* headers for one request.</summary>
    public IEnumerable<(string Name, string Value)> Sign(X25519PublicKey server, string method, string pathAndQuery, byte[] body, long timestamp, byte[]? nonce = null)
    {
        nonce ??= Crypto.RandomBytes.Get(SogsHeaders.NonceBytes);
        var path = Uri.UnescapeDataString(pathAndQuery.Split('?', 2)[0]) + (pathAndQuery.Contains('?') ? "?" + pathAndQuery.Split('?', 2)[1] : "");
        var message = SogsHeaders.SignedMessage(server.Span, nonce, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture), method, path, body);
        string pubkey;
        byte[] signature;
        if (Signing == Signing.Unblinded)
        {
            pubkey = "00" + Account.PublicKey.ToHex();
            signature = Ed25519.Sign(Account, message);
        }
        else
        {
            using var blinded = Blind(server);
            pubkey = blinded.Id.Hex;
            signature = blinded.Sign(message);
        }
        yield return (SogsHeaders.Pubkey, pubkey);
        yield return (SogsHeaders.Nonce, Convert.ToBase64String(nonce));
        yield return (SogsHeaders.Timestamp, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        yield return (SogsHeaders.Signature, Convert.ToBase64String(signature));
    }

    /// <summary>Signs message data as Session does for a post: with the key the user signs requests with.</summary>
    public byte[] SignData(X25519PublicKey server, byte[] data)
    {
        if (Signing == Signing.Unblinded)
            return Ed25519.Sign(Account, data);
        using var blinded = Blind(server);
        return blinded.Sign(data);
    }

    private BlindedKeyPair Blind(X25519PublicKey server) =>
        Signing == Signing.Blind25 ? Blind25.CreateKeyPair(Account, server) : Blind15.CreateKeyPair(Account, server);

    public void Dispose() => Account.Dispose();
}
