using System.Text.Json;
using Wisp.Client.Push;
using Wisp.Crypto;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Signing;
using Wisp.Protocol.Push;
using Wisp.Protocol.Storage;

namespace Wisp.IntegrationTests.Push;

public sealed partial class PushTests
{
    [Fact]
    public async Task Subscriptions_with_bad_signatures_or_old_times_are_refused_and_nothing_is_kept()
    {
        var (client, keys) = Account("frank");
        using var mallory = Ed25519KeyPair.Generate();
        var server = client.Push.LocalServer(out var noServer);
        Assert.True(server is not null, noServer);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        short[] namespaces = [0];

        // Signed by another key; signed over other namespaces than those asked for; signed right but 15 days ago.
        var cases = new (string What, long SigTs, byte[] Signature, string Message)[]
        {
            ("another key", now, Ed25519.Sign(mallory, PushSigning.Monitor(Pubkey(keys), now, true, namespaces)), "Signature verification failed"),
            ("other namespaces", now, Ed25519.Sign(keys, PushSigning.Monitor(Pubkey(keys), now, true, [0, 2])), "Signature verification failed"),
            ("15 days old", now - (15 * 86_400), Ed25519.Sign(keys, PushSigning.Monitor(Pubkey(keys), now - (15 * 86_400), true, namespaces)), "Subscription: sig_ts timestamp is too old"),
        };
        foreach (var (what, sigTs, signature, message) in cases)
        {
            var request = new SubscribeRequest(Auth(keys, sigTs, signature, "http://127.0.0.1:9/never"), namespaces, true, RandomBytes.Get(32));
            var reply = await client.Push.PostRawAsync(server!, PushRoutes.Subscribe, request.ToJson(), Token);
            Assert.True(reply.Unreached is null, reply.Unreached);
            var refused = Assert.Single(PushReply.TryParseBody(reply.Body.Span)!);
            Assert.False(refused.Success, what);
            Assert.Equal(PushErrorCode.Error, refused.Error);
            Assert.Equal(message, refused.Message);
        }

        // An unsubscribe signed by another key is refused as well.
        var unsubscribe = new UnsubscribeRequest(Auth(keys, now, Ed25519.Sign(mallory, PushSigning.Unsubscribe(Pubkey(keys), now)), "http://127.0.0.1:9/never"));
        var answer = await client.Push.PostRawAsync(server!, PushRoutes.Unsubscribe, unsubscribe.ToJson(), Token);
        var refusedUnsubscribe = Assert.Single(PushReply.TryParseBody(answer.Body.Span)!);
        Assert.Equal((false, PushErrorCode.Error, "Signature verification failed"), (refusedUnsubscribe.Success, refusedUnsubscribe.Error, refusedUnsubscribe.Message));

        // The client itself refuses what the server would: a UnifiedPush endpoint that is not a URL.
        var bad = await client.Push.RegisterAsync("not a url", server, Token);
        Assert.False(bad.Ok);
        Assert.Empty(client.Push.Registrations);
    }

    private static StoragePubkey Pubkey(Ed25519KeyPair keys) => StoragePubkey.FromBytes(keys.AccountId.Bytes);

    private static PushAuth Auth(Ed25519KeyPair keys, long sigTs, byte[] signature, string endpoint)
    {
        using var info = JsonDocument.Parse($$"""{"endpoint":"{{endpoint}}"}""");
        return new PushAuth(Pubkey(keys), keys.PublicKey.Span.ToArray(), null, null, sigTs, signature, PushRoutes.UnifiedPush, info.RootElement.Clone());
    }
}
