using System.Text.Json;
using Wisp.Client.Conversations;
using Wisp.Client.Live;
using Wisp.Client.Transport;
using Wisp.Crypto;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Signing;
using Wisp.Protocol.Push;
using Wisp.Protocol.Storage;

namespace Wisp.Client.Push;

/// <summary>
/// Push notifications (Session's SPNS, issue 19): register an endpoint with a push server so that a message stored
/// for this account wakes whatever listens there, unregister it, renew registrations before their 14 days end, and
/// decrypt what arrives. Every request to the push server goes through an onion path and is signed with the account's
/// key (SPNS's <c>MONITOR…</c> and <c>UNSUBSCRIBE…</c> strings); the server never learns the client's address.
/// </summary>
public sealed class ClientPush
{
    /// <summary>The namespaces registered by default: 0, where one-to-one messages are stored.</summary>
    public static readonly IReadOnlyList<int> DefaultNamespaces = [0];

    private readonly PushRegistrationStore _store;
    private readonly Ed25519KeyPair _keys;
    private readonly Func<LocalNetworkConnection?> _connection;
    private readonly Func<string?> _networkFolder;
    private readonly Lazy<OnionTransport> _transport;
    private readonly TimeProvider _time;

    internal ClientPush(LocalStore db, Ed25519KeyPair keys, Func<LocalNetworkConnection?> connection, Func<string?> networkFolder, TimeProvider time)
    {
        _store = new PushRegistrationStore(db);
        _keys = keys;
        _connection = connection;
        _networkFolder = networkFolder;
        _time = time;
        _transport = new Lazy<OnionTransport>(() => new OnionTransport(time));
    }

    /// <summary>Every registration kept, soonest to expire first.</summary>
    public IReadOnlyList<PushRegistration> Registrations => _store.All();

    /// <summary>The push server of the connected local network (its run file); null with why when there is none.</summary>
    public PushServer? LocalServer(out string? error)
    {
        if (_networkFolder() is not { } folder)
        {
            error = "the client is not connected to a network.";
            return null;
        }
        return PushServer.OfLocalNetwork(folder, out error);
    }

    /// <summary>
    /// Subscribes <paramref name="endpoint"/> (for <c>unifiedpush</c>, the URL the push server POSTs notifications to)
    /// at <paramref name="server"/> (null: the local network's), signed now; a registration of the same service and
    /// endpoint is renewed (with its key kept). The registration is kept only when the server accepts it.
    /// </summary>
    public async Task<PushOutcome> RegisterAsync(
        string endpoint, PushServer? server, CancellationToken cancellationToken, string service = PushRoutes.UnifiedPush,
        IReadOnlyList<int>? namespaces = null, bool wantData = true)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (CheckEndpoint(service, endpoint) is { } problem)
            return PushOutcome.Failed(problem);
        string? noServer = null;
        server ??= LocalServer(out noServer);
        if (server is null)
            return PushOutcome.Failed(noServer ?? "no push server.");
        if (_connection() is not { } connection)
            return PushOutcome.Failed("the client is not connected to a network.");
        var ns = (namespaces ?? DefaultNamespaces).Distinct().Order().ToArray();
        if (ns.Length == 0 || ns.Any(n => n is < short.MinValue or > short.MaxValue))
            return PushOutcome.Failed("namespaces must be between -32768 and 32767, at least one.");
        var encKey = _store.EncKey(service, endpoint) ?? RandomBytes.Get(SubscribeRequest.EncKeyBytes);

        var sigTs = connection.Parts.Client.Clock.NowMs() / 1000;
        var shorts = ns.Select(n => (short)n).ToArray();
        var signature = Ed25519.Sign(_keys, PushSigning.Monitor(Pubkey, sigTs, wantData, shorts));
        var request = new SubscribeRequest(Auth(sigTs, signature, service, endpoint), shorts, wantData, encKey);
        var (reply, error) = await SendAsync(connection, server, PushRoutes.Subscribe, request.ToJson(), cancellationToken).ConfigureAwait(false);
        if (reply is null)
            return PushOutcome.Failed(error!);
        var registration = new PushRegistration(
            service, endpoint, server.Url.GetLeftPart(UriPartial.Authority), server.Key.ToHex(), ns, wantData,
            sigTs * 1000, (sigTs * 1000) + (long)PushLimits.Life.TotalMilliseconds, null);
        _store.Save(registration, encKey);
        return new PushOutcome(true, null, reply.Added == true, registration);
    }

    /// <summary>
    /// Unsubscribes <paramref name="endpoint"/> at the server it was registered with, signed now, and forgets it. A
    /// registration the server no longer had is forgotten too; one the server could not be asked about is kept.
    /// </summary>
    public async Task<PushOutcome> UnregisterAsync(string endpoint, CancellationToken cancellationToken, string service = PushRoutes.UnifiedPush)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var kept = _store.All().FirstOrDefault(r => r.Service == service && r.Endpoint == endpoint);
        if (kept is null)
            return PushOutcome.Failed($"no {service} registration for {endpoint} (`wisp push status` lists them).");
        if (!PushServer.TryCreate(kept.ServerUrl, kept.ServerKey, out var server, out var bad))
            return PushOutcome.Failed(bad);
        if (_connection() is not { } connection)
            return PushOutcome.Failed("the client is not connected to a network.");
        var sigTs = connection.Parts.Client.Clock.NowMs() / 1000;
        var signature = Ed25519.Sign(_keys, PushSigning.Unsubscribe(Pubkey, sigTs));
        var request = new UnsubscribeRequest(Auth(sigTs, signature, service, endpoint));
        var (reply, error) = await SendAsync(connection, server, PushRoutes.Unsubscribe, request.ToJson(), cancellationToken).ConfigureAwait(false);
        if (reply is null)
            return PushOutcome.Failed(error!);
        _store.Remove(service, endpoint);
        return new PushOutcome(true, null, reply.Removed == true, kept);
    }

    /// <summary>
    /// Renews every registration older than <see cref="PushLimits.RenewAfter"/> (a fresh signature, same key and
    /// endpoint); returns how many were renewed. A failed renewal is recorded on its registration and tried next time.
    /// </summary>
    public async Task<int> RenewDueAsync(CancellationToken cancellationToken)
    {
        var renewed = 0;
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var registration in _store.All().Where(r => now - r.SubscribedAtMs >= PushLimits.RenewAfter.TotalMilliseconds))
        {
            if (!PushServer.TryCreate(registration.ServerUrl, registration.ServerKey, out var server, out var bad))
            {
                _store.Failed(registration.Service, registration.Endpoint, bad);
                continue;
            }
            var outcome = await RegisterAsync(registration.Endpoint, server, cancellationToken, registration.Service, registration.Namespaces, registration.WantData).ConfigureAwait(false);
            if (outcome.Ok)
                renewed++;
            else
                _store.Failed(registration.Service, registration.Endpoint, outcome.Error!);
        }
        return renewed;
    }

    /// <summary>Renews due registrations every <see cref="PushLimits.RenewCheckInterval"/> until cancelled (part of <see cref="WispClient.Start"/>).</summary>
    internal async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await RenewDueAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A renewal that threw is tried again at the next check; its registration keeps its days until then.
            }
            await Task.Delay(PushLimits.RenewCheckInterval, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Decrypts a notification's payload (nonce ‖ XChaCha20-Poly1305 under a registration's key, bencoded and padded as
    /// SPNS makes it); false when no kept key opens it or it is not one (forged, damaged, or for a registration since removed).
    /// </summary>
    public bool TryOpen(ReadOnlySpan<byte> payload, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out PushNotice? notice)
    {
        notice = null;
        foreach (var key in _store.EncKeys())
        {
            if (!NotificationPayload.TryOpen(key, payload, out var content))
                continue;
            if (!AccountId.TryParse(content.Account, out var account, out _))
                return false;
            notice = new PushNotice(account, content.Namespace, content.Hash, content.Timestamp, content.Expiry, content.Data, content.TooBig);
            return true;
        }
        return false;
    }

    /// <summary>The notification key of a registration (tests decrypt what a receiver got with it, independently of <see cref="TryOpen"/>).</summary>
    internal byte[]? EncKeyOf(string endpoint, string service = PushRoutes.UnifiedPush) => _store.EncKey(service, endpoint);

    private StoragePubkey Pubkey => StoragePubkey.FromBytes(_keys.AccountId.Bytes);

    private PushAuth Auth(long sigTs, byte[] signature, string service, string endpoint)
    {
        using var info = JsonDocument.Parse(JsonSerializer.SerializeToUtf8Bytes(
            new Dictionary<string, string> { [service == PushRoutes.UnifiedPush ? "endpoint" : "token"] = endpoint }));
        return new PushAuth(Pubkey, _keys.PublicKey.Span.ToArray(), null, null, sigTs, signature, service, info.RootElement.Clone());
    }

    /// <summary>POSTs a request body as it is through an onion path (tests send what a client would not: bad signatures, old times).</summary>
    internal async Task<PushReplyBytes> PostRawAsync(PushServer server, string route, byte[] json, CancellationToken cancellationToken)
    {
        if (_connection() is not { } connection)
            return new PushReplyBytes(0, default, "the client is not connected to a network.");
        var transport = new PushTransport(connection.Parts.Client.Paths, _transport.Value);
        return await transport.PostAsync(server, route, json, cancellationToken).ConfigureAwait(false);
    }

    private async Task<(PushReply? Reply, string? Error)> SendAsync(
        LocalNetworkConnection connection, PushServer server, string route, byte[] json, CancellationToken cancellationToken)
    {
        var transport = new PushTransport(connection.Parts.Client.Paths, _transport.Value);
        var answer = await transport.PostAsync(server, route, json, cancellationToken).ConfigureAwait(false);
        if (answer.Unreached is { } unreached)
            return (null, unreached);
        if (answer.Status is < 200 or >= 300)
            return (null, $"the push server answered {answer.Status}: {Text(answer.Body)}");
        var replies = PushReply.TryParseBody(answer.Body.Span);
        if (replies is not [var reply])
            return (null, $"the push server's answer is not a push reply: {Text(answer.Body)}");
        return reply.Success ? (reply, null) : (null, $"the push server refused it (error {(int)reply.Error}): {reply.Message}");
    }

    private static string? CheckEndpoint(string service, string endpoint)
    {
        if (endpoint.Length is 0 or > PushLimits.MaxEndpointLength)
            return $"an endpoint is 1 to {PushLimits.MaxEndpointLength} characters.";
        if (service == PushRoutes.UnifiedPush && !(Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            return $"a UnifiedPush endpoint is an absolute http or https URL, not \"{endpoint}\".";
        return null;
    }

    private static string Text(ReadOnlyMemory<byte> body) =>
        body.Length == 0 ? "(no body)" : System.Text.Encoding.UTF8.GetString(body.Span[..Math.Min(body.Length, 300)]);
}
