using System.Text.Json;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Signing;
using Wisp.Protocol.Push;
using Wisp.Protocol.Storage;

namespace Wisp.Push.Tests.Support;

/// <summary>An account that subscribes: its keys, an enc_key, and signed SPNS requests built as a Session client builds them.</summary>
internal sealed class Subscriber : IDisposable
{
    public Subscriber()
    {
        Keys = Ed25519KeyPair.Generate();
        Pubkey = StoragePubkey.FromBytes([StoragePubkey.AccountPrefix, .. Keys.X25519PublicKey.Span]);
        EncKey = Wisp.Crypto.RandomBytes.Get(32);
    }

    public Ed25519KeyPair Keys { get; }

    public StoragePubkey Pubkey { get; }

    public byte[] EncKey { get; }

    /// <summary>A signed subscription to <paramref name="endpoint"/>.</summary>
    public SubscribeRequest Subscription(
        string endpoint, long sigTs, short[]? namespaces = null, bool data = true, string service = PushRoutes.UnifiedPush, JsonElement? serviceInfo = null)
    {
        namespaces ??= [0];
        var signature = Ed25519.Sign(Keys, PushSigning.Monitor(Pubkey, sigTs, data, namespaces));
        var info = serviceInfo ?? JsonSerializer.SerializeToElement(new UnifiedPushServiceInfo(endpoint), PushJsonContext.Default.UnifiedPushServiceInfo);
        return new SubscribeRequest(new PushAuth(Pubkey, Keys.PublicKey.Span.ToArray(), null, null, sigTs, signature, service, info), namespaces, data, EncKey);
    }

    /// <summary>A signed unsubscription of <paramref name="endpoint"/>.</summary>
    public UnsubscribeRequest Unsubscription(string endpoint, long sigTs)
    {
        var signature = Ed25519.Sign(Keys, PushSigning.Unsubscribe(Pubkey, sigTs));
        var info = JsonSerializer.SerializeToElement(new UnifiedPushServiceInfo(endpoint), PushJsonContext.Default.UnifiedPushServiceInfo);
        return new UnsubscribeRequest(new PushAuth(Pubkey, Keys.PublicKey.Span.ToArray(), null, null, sigTs, signature, PushRoutes.UnifiedPush, info));
    }

    public void Dispose() => Keys.Dispose();
}
