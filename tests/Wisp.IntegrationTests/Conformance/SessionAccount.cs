using System.Text.Json.Nodes;
using Wisp.Crypto.Keys;
using Wisp.Testing;

namespace Wisp.IntegrationTests.Conformance;

/// <summary>
/// An account as a Session client holds it. A Session ID is <c>05</c> + the X25519 form of the Ed25519 key, and its
/// requests carry <c>pubkey_ed25519</c> so the node can check the signature (request_handler.cpp
/// <c>verify_signature</c>); a group is <c>03</c> + the Ed25519 key itself, which signs directly.
/// </summary>
internal sealed class SessionAccount : IDisposable
{
    private SessionAccount(Ed25519KeyPair keys, bool isGroup)
    {
        Keys = keys;
        IsGroup = isGroup;
    }

    /// <summary>A new Session ID (05…).</summary>
    public static SessionAccount NewSessionId() => new(Ed25519KeyPair.Generate(), isGroup: false);

    /// <summary>A new group (03…).</summary>
    public static SessionAccount NewGroup() => new(Ed25519KeyPair.Generate(), isGroup: true);

    public Ed25519KeyPair Keys { get; }

    public bool IsGroup { get; }

    /// <summary>The storage address in hex: 66 characters with the network prefix.</summary>
    public string Pubkey => IsGroup ? "03" + Keys.PublicKey.ToHex() : Keys.AccountId.Hex;

    /// <summary>The storage address as 33 bytes.</summary>
    public byte[] PubkeyBytes => Convert.FromHexString(Pubkey);

    /// <summary>
    /// <paramref name="fields"/> plus <c>pubkey</c>, <c>pubkey_ed25519</c> (Session IDs only) and the account's
    /// <c>signature</c> of <paramref name="signed"/>.
    /// </summary>
    public JsonObject Signed(byte[] signed, JsonObject? fields = null)
    {
        var parameters = Unsigned(fields);
        parameters["signature"] = SignedRequests.Sign(Keys, signed);
        return parameters;
    }

    /// <summary>
    /// <paramref name="fields"/> plus the account's address, signed by a subaccount: <c>subaccount</c> (the token,
    /// base64), <c>subaccount_sig</c> (the account's signature of the token) and the subaccount's <c>signature</c>
    /// of <paramref name="signed"/> (common/subaccount_token.h).
    /// </summary>
    public JsonObject SignedBySubaccount(Ed25519KeyPair subaccount, byte[] token, byte[] signed, JsonObject? fields = null)
    {
        var parameters = Unsigned(fields);
        parameters["subaccount"] = Convert.ToBase64String(token);
        parameters["subaccount_sig"] = SignedRequests.Sign(Keys, token);
        parameters["signature"] = SignedRequests.Sign(subaccount, signed);
        return parameters;
    }

    /// <summary><paramref name="fields"/> plus <c>pubkey</c> (and <c>pubkey_ed25519</c> for a Session ID), unsigned.</summary>
    public JsonObject Unsigned(JsonObject? fields = null)
    {
        var parameters = fields ?? [];
        parameters["pubkey"] = Pubkey;
        if (!IsGroup)
            parameters["pubkey_ed25519"] = Keys.PublicKey.ToHex();
        return parameters;
    }

    /// <summary>
    /// A subaccount token (common/subaccount_token.h): the network prefix byte, the permission flags, two reserved
    /// zero bytes and the subaccount's Ed25519 key — 36 bytes.
    /// </summary>
    public byte[] TokenFor(Ed25519KeyPair subaccount, SubaccountFlags flags, byte? prefix = null)
    {
        var token = new byte[36];
        token[0] = prefix ?? PubkeyBytes[0];
        token[1] = (byte)flags;
        subaccount.PublicKey.Span.CopyTo(token.AsSpan(4));
        return token;
    }

    public void Dispose() => Keys.Dispose();
}

/// <summary>Subaccount permission bits (common/subaccount_token.h <c>subaccount_access</c>).</summary>
[Flags]
internal enum SubaccountFlags : byte
{
    None = 0,
    Read = 0b0001,
    Write = 0b0010,
    Delete = 0b0100,
    AnyPrefix = 0b1000,
}

/// <summary>The <c>{"method","params"}</c> body of a storage RPC request.</summary>
internal static class Rpc
{
    public static string Body(string method, JsonNode parameters) =>
        new JsonObject { ["method"] = method, ["params"] = parameters.DeepClone() }.ToJsonString();
}
