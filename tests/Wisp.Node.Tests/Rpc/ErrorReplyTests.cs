using System.Text.Json.Nodes;
using Wisp.Crypto.Keys;
using Wisp.Node.Tests.Rpc.Support;
using Wisp.Protocol.Storage;
using static Wisp.Testing.SignedRequests;

namespace Wisp.Node.Tests.Rpc;

/// <summary>
/// The error replies a Session client gets, each with Session's status, text and <c>text/plain</c> content type, and the
/// forwarded (peer-to-peer) form of recursive requests.
/// </summary>
public sealed class ErrorReplyTests : IAsyncLifetime
{
    private const long Minute = 60_000;
    private const string Hash = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopq";
    private RpcTestNode _node = null!;
    private readonly Ed25519KeyPair _account = Ed25519KeyPair.Generate();
    private readonly Ed25519KeyPair _stranger = Ed25519KeyPair.Generate();

    public async ValueTask InitializeAsync() => _node = await RpcTestNode.StartAsync();

    public async ValueTask DisposeAsync()
    {
        _account.Dispose();
        _stranger.Dispose();
        await _node.DisposeAsync();
    }

    [Theory]
    [InlineData("{not json", "invalid json")]
    [InlineData("[]", "invalid json: no `method` field")]
    [InlineData("""{"params":{}}""", "invalid json: no `method` field")]
    [InlineData("""{"method":"info"}""", "invalid json: no `params` field")]
    [InlineData("""{"method":"steal","params":{}}""", "no method steal")]
    [InlineData("""{"method":"oxend_request","params":{"endpoint":"get_info"}}""", "invalid request: Invalid oxend endpoint 'get_info'")]
    [InlineData("""{"method":"retrieve","params":{}}""", "invalid request: Required field 'pubkey' missing")]
    [InlineData("""{"method":"store","params":{"pubkey":"05"}}""", "invalid request: Required field 'timestamp' missing")]
    [InlineData("""{"method":"get_swarm","params":{"pubkey":"05"}}""", "invalid request: Pubkey must be 66 hex digits/33 bytes long")]
    [InlineData("""{"method":"batch","params":{"requests":[]}}""", "invalid request: Invalid batch request: no valid \"requests\" field")]
    [InlineData("""{"method":"ifelse","params":{"if":{}}}""", "invalid request: Invalid ifelse request: must specify at least one \"if\" condition")]
    public async Task Malformed_requests_are_400_with_sessions_text(string body, string text) =>
        (await _node.PostAsync(body)).AssertText(400, text);

    [Fact]
    public async Task Every_method_answers_a_wrong_signature_with_its_own_401_text()
    {
        var now = _node.Now;
        var cases = new (string Method, JsonObject Params, string Text)[]
        {
            ("store", Store(_stranger, 3, [1], now, Minute, signed: true), "store signature verification failed"),
            ("retrieve", Retrieve(_stranger, 0, now), "retrieve signature verification failed"),
            ("delete", Delete(_stranger, Hash), "delete_msgs signature verification failed"),
            ("delete_all", DeleteAll(_stranger, NamespaceScope.All, now), "delete_all signature verification failed"),
            ("delete_before", DeleteBefore(_stranger, NamespaceScope.All, now), "delete_before signature verification failed"),
            ("expire", Expire(_stranger, ExpireConstraint.None, now + Minute, Hash), "expire: signature verification failed"),
            ("expire_all", ExpireAll(_stranger, NamespaceScope.All, now + Minute), "expire_all signature verification failed"),
            ("get_expiries", GetExpiries(_stranger, now, Hash), "get_expiries signature verification failed"),
            ("revoke_subaccount", Revoke(_stranger, "revoke", now), "revoke_subaccount signature verification failed"),
            ("unrevoke_subaccount", Revoke(_stranger, "unrevoke", now), "unrevoke_subaccount signature verification failed"),
        };
        foreach (var (method, parameters, text) in cases)
        {
            // The stranger signs for the account's address: its key does not convert to the account's.
            parameters["pubkey"] = _account.AccountId.Hex;
            (await _node.CallAsync(method, parameters)).AssertText(401, text);
        }
    }

    [Fact]
    public async Task Clock_errors_are_sessions_406_texts()
    {
        var stale = _node.Now - 61_000;
        (await _node.CallAsync("revoke_subaccount", Revoke(_account, "revoke", stale)))
            .AssertText(406, "revoke_subaccount timestamp too far from current time");
        (await _node.CallAsync("unrevoke_subaccount", Revoke(_account, "unrevoke", stale)))
            .AssertText(406, "unrevoke_subaccount timestamp too far from current time");
    }

    [Fact]
    public async Task Revoking_more_than_fifty_tokens_at_once_is_refused()
    {
        var parameters = Revoke(_account, "revoke", _node.Now, count: 51);
        (await _node.CallAsync("revoke_subaccount", parameters))
            .AssertText(400, "invalid request: invalid revoke: cannot revoke more than 50 subaccounts at once");
    }

    [Fact]
    public async Task A_forwarded_recursive_request_answers_the_nodes_own_entry_without_t_or_hf()
    {
        using var peer = Ed25519KeyPair.Generate();
        var reply = await _node.ForwardedAsync("store", Store(_account, 0, [5], _node.Now, Minute, signed: false), peer.PublicKey);

        Assert.Equal(200, reply.Status);
        Assert.Equal(["expiry", "hash", "signature"], reply.Body.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task A_forwarded_non_recursive_request_is_refused()
    {
        using var peer = Ed25519KeyPair.Generate();
        (await _node.ForwardedAsync("info", [], peer.PublicKey))
            .AssertText(400, "invalid request: received invalid forwarded non-forwardable request");
    }

    [Fact]
    public async Task Forwarded_delete_all_and_expire_all_allow_seventy_seconds_where_clients_get_sixty()
    {
        using var peer = Ed25519KeyPair.Generate();
        var old = _node.Now - 65_000;
        (await _node.CallAsync("delete_all", DeleteAll(_account, NamespaceScope.All, old)))
            .AssertText(406, "delete_all timestamp too far from current time");
        Assert.Equal(200, (await _node.ForwardedAsync("delete_all", DeleteAll(_account, NamespaceScope.All, old), peer.PublicKey)).Status);
        (await _node.CallAsync("expire_all", ExpireAll(_account, NamespaceScope.All, old)))
            .AssertText(406, "expire_all timestamp should be >= current time");
        Assert.Equal(200, (await _node.ForwardedAsync("expire_all", ExpireAll(_account, NamespaceScope.All, old), peer.PublicKey)).Status);
    }

    /// <summary>revoke_subaccount / unrevoke_subaccount params with <paramref name="count"/> tokens, signed by <paramref name="signer"/>.</summary>
    internal static JsonObject Revoke(Ed25519KeyPair signer, string field, long timestampMs, int count = 1)
    {
        var tokens = Enumerable.Range(0, count)
            .Select(i => SubaccountToken.Create(0x05, SubaccountAccess.Read, Enumerable.Repeat((byte)i, 32).ToArray())).ToList();
        var parameters = Auth(signer, SignatureStrings.RevokeSubaccount(field + "_subaccount", timestampMs, tokens));
        parameters[field] = new JsonArray([.. tokens.Select(t => JsonValue.Create(t.ToString()))]);
        parameters["timestamp"] = timestampMs;
        return parameters;
    }
}
