using System.Text;
using Wisp.Crypto.Keys;
using Wisp.Node.Tests.Rpc.Support;
using Wisp.Protocol.Storage;
using Wisp.Testing;
using static Wisp.Testing.SignedRequests;

namespace Wisp.Node.Tests.Rpc;

/// <summary>
/// Bounded work per request and bad input as 400s: the hash-list cap of <c>delete</c> and <c>expire</c> (a Wisp limit),
/// and a body that is not valid UTF-8 answered as Session's JSON parser answers it ("invalid json"), never a 500.
/// </summary>
public sealed class RequestBoundsTests : IAsyncLifetime
{
    private const long Minute = 60_000;
    private RpcTestNode _node = null!;
    private readonly Ed25519KeyPair _account = Ed25519KeyPair.Generate();
    private string _stored = "";

    public async ValueTask InitializeAsync()
    {
        _node = await RpcTestNode.StartAsync();
        _stored = (await _node.CallAsync("store", Store(_account, 0, [1], _node.Now, Minute, signed: false))).Body.GetProperty("hash").GetString()!;
    }

    public async ValueTask DisposeAsync()
    {
        _account.Dispose();
        await _node.DisposeAsync();
    }

    [Fact]
    public async Task A_delete_naming_more_than_1000_hashes_is_400_and_deletes_nothing()
    {
        var reply = await _node.CallAsync("delete", Delete(_account, [.. RandomHashes(1_000), _stored]));

        reply.AssertText(400, "invalid request: invalid messages: cannot delete more than 1000 messages at once");
        Assert.Equal(1, await CountAsync());
    }

    [Fact]
    public async Task A_delete_naming_exactly_1000_hashes_is_served()
    {
        var reply = await _node.CallAsync("delete", Delete(_account, [.. RandomHashes(999), _stored]));

        Assert.Equal(200, reply.Status);
        Assert.Equal([_stored], reply.Mine(_node.NodeKeyHex).GetProperty("deleted").EnumerateArray().Select(h => h.GetString()));
        Assert.Equal(0, await CountAsync());
    }

    [Fact]
    public async Task An_expire_naming_more_than_1000_hashes_is_400()
    {
        var reply = await _node.CallAsync("expire", Expire(_account, ExpireConstraint.None, _node.Now + Minute / 2, [.. RandomHashes(1_000), _stored]));

        reply.AssertText(400, "invalid request: invalid messages: cannot expire more than 1000 messages at once");
    }

    // Each string is the body's bytes as Latin-1 (U+0080 is the byte 0x80): bytes that are not valid UTF-8.
    public static TheoryData<string> InvalidUtf8Bodies => new()
    {
        // A stray continuation byte in a string field the handler reads.
        "{\"method\":\"retrieve\",\"params\":{\"pubkey\":\"05\u0080\",\"namespace\":0}}",
        // A truncated two-byte sequence in the method name.
        "{\"method\":\"info\u00C3\",\"params\":{}}",
        // An overlong encoding of '/' (never valid UTF-8) inside a batch subrequest.
        "{\"method\":\"batch\",\"params\":{\"requests\":[{\"method\":\"get_swarm\",\"params\":{\"pubkey\":\"\u00C0\u00AF\"}}]}}",
        // Valid bytes, but an escaped lone surrogate: no Unicode text has it.
        "{\"method\":\"get_swarm\",\"params\":{\"pubkey\":\"05\\ud800\"}}",
    };

    [Theory]
    [MemberData(nameof(InvalidUtf8Bodies))]
    public async Task A_body_that_is_not_valid_utf8_is_400_invalid_json(string latin1Body)
    {
        var reply = await _node.PostBytesAsync(Encoding.Latin1.GetBytes(latin1Body));

        reply.AssertText(400, "invalid json");
    }

    private async Task<int> CountAsync() =>
        (await _node.CallAsync("retrieve", Retrieve(_account, 0, _node.Now))).Body.GetProperty("messages").GetArrayLength();

    private static string[] RandomHashes(int count) => [.. Enumerable.Range(0, count).Select(_ => Messages.RandomHash())];
}
