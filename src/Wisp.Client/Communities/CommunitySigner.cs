using System.Collections.Concurrent;
using Wisp.Crypto;
using Wisp.Crypto.Blinding;
using Wisp.Crypto.Keys;
using Wisp.Protocol.Bencode;
using Wisp.Protocol.Community;

namespace Wisp.Client.Communities;

/// <summary>
/// Signs community requests as Session's clients do: with the account's 15-blinded key on that server
/// (<see cref="Blind15"/>), a fresh 16-byte nonce and the network's time, in the four <c>X-SOGS-*</c> headers over
/// <see cref="SogsHeaders.SignedMessage"/>. The blinded key pair of each server is made once and zeroed on dispose.
/// </summary>
internal sealed class CommunitySigner(Ed25519KeyPair account, Func<long> nowSeconds) : IDisposable
{
    private readonly ConcurrentDictionary<string, BlindedKeyPair> _keys = new(StringComparer.Ordinal);

    /// <summary>The account whose keys sign.</summary>
    public Ed25519KeyPair Account => account;

    /// <summary>This account's blinded key pair on <paramref name="server"/>.</summary>
    public BlindedKeyPair KeysFor(CommunityServer server) =>
        _keys.GetOrAdd(server.Key.ToHex(), _ => Blind15.CreateKeyPair(account, server.Key));

    /// <summary>A signed request: <paramref name="method"/> <paramref name="pathAndQuery"/> with an optional JSON body.</summary>
    public OnionV4Request Sign(CommunityServer server, string method, string pathAndQuery, byte[]? jsonBody)
    {
        var keys = KeysFor(server);
        Span<byte> nonce = stackalloc byte[SogsHeaders.NonceBytes];
        RandomBytes.Fill(nonce);
        var timestamp = nowSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var signed = SogsHeaders.SignedMessage(server.Key.Span, nonce, timestamp, method, SignedPath(pathAndQuery), jsonBody ?? []);
        var headers = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [SogsHeaders.Pubkey] = keys.Id.Hex,
            [SogsHeaders.Nonce] = Convert.ToBase64String(nonce),
            [SogsHeaders.Timestamp] = timestamp,
            [SogsHeaders.Signature] = Convert.ToBase64String(keys.Sign(signed)),
        };
        if (jsonBody is not null)
            headers["Content-Type"] = "application/json";
        // A null array would convert to an empty body, not to none: a GET must carry no body.
        return new OnionV4Request(method, pathAndQuery, headers, jsonBody is null ? (ReadOnlyMemory<byte>?)null : jsonBody);
    }

    /// <summary>The path as the server's router sees it (percent-escapes decoded), then the query as sent.</summary>
    internal static string SignedPath(string pathAndQuery)
    {
        var q = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        var path = q < 0 ? pathAndQuery : pathAndQuery[..q];
        var decoded = Uri.UnescapeDataString(path);
        return q < 0 || q == pathAndQuery.Length - 1 ? decoded : decoded + pathAndQuery[q..];
    }

    public void Dispose()
    {
        foreach (var key in _keys.Values)
            key.Dispose();
        _keys.Clear();
    }
}
