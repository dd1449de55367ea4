using Wisp.Client.Conversations;
using Wisp.Client.Messaging;
using Wisp.Crypto.Keys;
using Wisp.Protocol.Content;
using Wisp.Protocol.Direct;
using Wisp.Protocol.Storage;

namespace Wisp.Client.Direct;

/// <summary>
/// Direct mode (<c>WispClient.Direct</c>): the agreement with each contact, the connection manager while the client
/// runs (<see cref="StartAsync"/>), sending messages direct with the swarm as fallback, and which way each message went.
/// </summary>
public sealed partial class ClientDirect : IAsyncDisposable
{
    private readonly AccountId _self;
    private readonly Func<long> _nowMs;
    private readonly TimeProvider _time;
    private readonly DirectAgreement _agreement;
    private readonly List<(ushort Channel, Func<LiveSession, ReadOnlyMemory<byte>, CancellationToken, Task> OnFrame)> _channels = [];
    private readonly string _profileDirectory;
    private DirectSessions? _sessions;
    private DirectFileInbox? _fileInbox;
    private DirectFileOutbox? _fileOutbox;
    private CancellationTokenSource? _statusLoop;
    private CancellationTokenSource? _ownLoop;
    private Func<IDirectTransport>? _transports;
    private int _pathUpgrades;

    internal ClientDirect(AccountData data, Sender sender, Ed25519KeyPair account, string profileDirectory, Func<long> nowMs, TimeProvider time)
    {
        _profileDirectory = profileDirectory;
        _self = account.AccountId;
        _nowMs = nowMs;
        _time = time;
        Store = new DirectStore(data.Local);
        _agreement = new DirectAgreement(Store, sender, account, nowMs);
        _agreement.Changed += (peer, state) =>
        {
            if (state != DirectState.On && _sessions is { } sessions)
                _ = sessions.DropAsync(peer); // off (or not yet on) with them: nothing stays open
            else
                _sessions?.ForgetFailure(peer);
            Changed?.Invoke(peer, state);
            if (state is DirectState.On or DirectState.Offered && _sessions is null && _transports is { } make)
                _ = StartQuietlyAsync(make); // the first contact this account agreed with: the endpoint starts now
        };
    }

    /// <summary>Raised when direct mode with a contact changed (here, or by their offer).</summary>
    public event Action<AccountId, DirectState>? Changed;

    /// <summary>Raised when a relayed session with a contact moved onto a direct path.</summary>
    public event Action<AccountId, MessagePath>? PathChanged;

    /// <summary>Relayed sessions moved onto a direct path since the connection manager started here.</summary>
    public int PathUpgrades => Volatile.Read(ref _pathUpgrades);

    /// <summary>This device's direct public key (random, not linkable to the Account ID).</summary>
    public X25519PublicKey DeviceKey => _agreement.DeviceKey();

    /// <summary>True while the connection manager runs in this process.</summary>
    public bool Running => _sessions is not null;

    /// <summary>Direct mode with <paramref name="peer"/>.</summary>
    public DirectContact Get(AccountId peer) => Store.Get(peer);

    /// <summary>Every contact whose direct mode is not off (offered, requested, on).</summary>
    public IReadOnlyList<DirectContact> List() => Store.All();

    /// <summary>
    /// Turns direct mode with <paramref name="peer"/> on or off and sends them the signed offer through their swarm. Null
    /// when done; else why not (nothing changed).
    /// </summary>
    public Task<string?> SetAsync(AccountId peer, bool on, CancellationToken cancellationToken) => _agreement.SetAsync(peer, on, cancellationToken);

    /// <summary>Which way a message went or came (null: recorded before direct mode, i.e. the swarm).</summary>
    public MessagePath? PathOf(string messageId) => Store.PathOf(messageId);

    /// <summary>The DHT, the NAT and the live sessions, or null when the connection manager does not run here.</summary>
    public DirectStatus? Status()
    {
        if (_sessions is not { } sessions)
            return null;
        var sessionViews = sessions.All().Select(s => new DirectSessionView(
            s.Peer, s.Link.Path, s.Link.RemoteAddress, s.Inbound, s.Link.BytesSent, s.Link.BytesReceived, s.UpgradedFromRelay)).ToList();
        var ownViews = sessions.AllOwn().Select(s => new OwnDeviceSessionView(
            Convert.ToHexStringLower(s.Link.RemoteKey.Span), s.Link.Path, s.Link.RemoteAddress, s.Inbound, s.Link.BytesSent, s.Link.BytesReceived)).ToList();
        return new DirectStatus(sessions.Transport.Status(), DeviceKey, sessionViews) { OwnDeviceSessions = ownViews };
    }

    /// <summary>
    /// The status a running client of this profile (this process or another: daemon, chat, web) last wrote; null when
    /// none wrote one. <see cref="DirectStatusFile.Fresh"/> says whether that client still runs.
    /// </summary>
    public DirectStatusFile? LastStatus() => DirectStatusFile.Read(_profileDirectory);

    /// <summary>Closes the sessions and the endpoint.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _statusLoop, null) is { } loop)
        {
            await loop.CancelAsync().ConfigureAwait(false);
            loop.Dispose();
        }
        if (Interlocked.Exchange(ref _ownLoop, null) is { } own)
        {
            await own.CancelAsync().ConfigureAwait(false);
            own.Dispose();
        }
        (_fileInbox, _fileOutbox) = (null, null);
        if (Interlocked.Exchange(ref _sessions, null) is { } sessions)
            await sessions.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>The local data.</summary>
    internal DirectStore Store { get; }

    /// <summary>The connection manager, while it runs.</summary>
    internal DirectSessions? Sessions => _sessions;

    /// <summary>How long a message sent direct waits for its ack (<see cref="DirectLimits.AckTimeout"/>; tests shorten it).</summary>
    internal TimeSpan AckTimeout { get; set; } = DirectLimits.AckTimeout;

    /// <summary>Stores a message that came direct as if it had been retrieved (set by the client to its poller).</summary>
    internal Func<string, byte[], long, bool>? Deliver { get; set; }

    /// <summary>Raised after a 1:1 message was composed and queued (whichever path it then takes), with its content.</summary>
    internal event Action<SentOneToOne>? MessageQueued;

    /// <summary>
    /// Lets this process run the connection manager over transports from <paramref name="transports"/>: at once when a
    /// contact's direct mode is on or offered, else as soon as one is. Until then nothing is announced on the DHT. Null
    /// when done (or deferred); else why the endpoint could not start (messages then go through the swarm).
    /// </summary>
    internal async Task<string?> EnableAsync(Func<IDirectTransport> transports, CancellationToken cancellationToken, bool forOwnDevices = false)
    {
        _transports = transports;
        if (!Store.All().Any(c => c.State is DirectState.On or DirectState.Offered) && !(forOwnDevices && OwnDeviceKeys().Count > 0))
            return null;
        try
        {
            await StartAsync(transports(), cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or InvalidOperationException or ArgumentException)
        {
            return $"the direct path could not start ({e.Message}); messages go through the swarm.";
        }
    }

    /// <summary>Starts the connection manager over <paramref name="transport"/> (once; a second call is ignored).</summary>
    internal async Task StartAsync(IDirectTransport transport, CancellationToken cancellationToken)
    {
        var sessions = new DirectSessions(Store, transport, _nowMs, _time) { MessageReceived = Received, Self = _self, OwnDevices = OwnDeviceKeys };
        sessions.OwnSessionOpened += session => OwnDeviceSession?.Invoke(session);
        var inbox = new DirectFileInbox(FilesDirectory, Store, _nowMs, DirectLimits.MaxFileBytes);
        var outbox = new DirectFileOutbox(sessions, _time);
        sessions.FileFrame = (session, frame, token) =>
        {
            // An ack is about a file this device sends; a refusal may also be a sender giving up one it receives.
            if (frame.Type == DirectFrameType.FileAck)
            {
                outbox.Acked(session.Peer, frame);
                if (frame.AckState != FileAckState.Refused)
                    return Task.CompletedTask;
            }
            return inbox.TakeAsync(session, frame, token);
        };
        sessions.SessionChanged += (peer, opened) =>
        {
            if (!opened)
                _ = inbox.DropEndedAsync(peer);
        };
        sessions.PathChanged += (peer, path) =>
        {
            Interlocked.Increment(ref _pathUpgrades);
            PathChanged?.Invoke(peer, path);
        };
        lock (_channels)
        {
            foreach (var (channel, onFrame) in _channels)
                sessions.RegisterChannel(channel, onFrame);
        }
        if (Interlocked.CompareExchange(ref _sessions, sessions, null) is not null)
        {
            await transport.DisposeAsync().ConfigureAwait(false);
            return;
        }
        (_fileInbox, _fileOutbox) = (inbox, outbox);
        await sessions.StartAsync(cancellationToken).ConfigureAwait(false);
        _statusLoop = new CancellationTokenSource();
        _ = Task.Run(() => WriteStatusAsync(_statusLoop.Token), CancellationToken.None);
        _ownLoop = new CancellationTokenSource();
        _ = Task.Run(() => OwnDevicesAsync(sessions, _ownLoop.Token), CancellationToken.None);
    }

    /// <summary>
    /// Registers a feature's channel (1–1023) on every session of this client, now or once the connection manager starts:
    /// <paramref name="onFrame"/> takes each frame a contact sends on it.
    /// </summary>
    internal void RegisterChannel(ushort channel, Func<AccountId, ReadOnlyMemory<byte>, CancellationToken, Task> onFrame) =>
        RegisterChannel(channel, (session, frame, ct) => onFrame(session.Peer, frame, ct));

    /// <summary>Registers a channel whose handler needs the session a frame came on (own devices share one Account ID).</summary>
    internal void RegisterChannel(ushort channel, Func<LiveSession, ReadOnlyMemory<byte>, CancellationToken, Task> onFrame)
    {
        lock (_channels)
        {
            _sessions?.RegisterChannel(channel, onFrame);
            _channels.Add((channel, onFrame));
        }
    }

    /// <summary>Takes an offer that came in a 1:1 message: null when applied, else why it was dropped.</summary>
    internal string? TakeOffer(AccountId from, ReadOnlySpan<byte> offer) => _agreement.Take(from, offer);

    /// <summary>
    /// The outbox's first try: when direct mode with the message's peer is on and a session is (or can be) up, sends it
    /// there and waits for the ack. True when acked (the message is sent; its path recorded); false: the swarm takes it.
    /// </summary>
    internal async Task<bool> TrySendAsync(OutboxItem item, CancellationToken cancellationToken)
    {
        if (_sessions is not { } sessions || Store.Get(item.Peer).State != DirectState.On)
            return false;
        var session = await sessions.EnsureAsync(item.Peer, cancellationToken).ConfigureAwait(false);
        if (session is null)
            return false;
        if (!await session.SendMessageAsync(item.Payload, AckTimeout, _time, cancellationToken).ConfigureAwait(false))
        {
            // A session that lost a simultaneous-connect tie (or was replaced) names the one kept: the message is
            // resent there once (the receiver keeps one copy by its hash); anything else falls back to the swarm.
            if (session.KeptInstead is not { IsOpen: true } kept
                || !await kept.SendMessageAsync(item.Payload, AckTimeout, _time, cancellationToken).ConfigureAwait(false))
                return false;
            session = kept;
        }
        Store.RecordPath(item.Id, session.Link.Path, _nowMs());
        return true;
    }

    /// <summary>Called by the sender after it queued a 1:1 message.</summary>
    internal void Queued(MessageView message, Content content) => MessageQueued?.Invoke(new SentOneToOne(message, content));

    private async Task StartQuietlyAsync(Func<IDirectTransport> transports)
    {
        try
        {
            await StartAsync(transports(), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or InvalidOperationException or ArgumentException)
        {
            // Messages go through the swarm; `wisp p2p status` shows no endpoint.
        }
    }

    private async Task WriteStatusAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (Status() is { } status)
                    DirectStatusFile.Of(status, _nowMs()).Write(_profileDirectory);
                await Task.Delay(DirectLimits.StatusInterval, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException)
            {
                // A status file that cannot be written only leaves `wisp p2p status` without news; direct mode goes on.
            }
        }
    }

    private bool Received(LiveSession session, byte[] stored)
    {
        if (Deliver is not { } deliver)
            return false;
        var hash = MessageHash.Compute(StoragePubkey.FromBytes(_self.Bytes), Namespaces.Default, stored);
        // Remembered as long as a swarm copy could still come: the message's 14 days.
        var fresh = deliver(hash, stored, _nowMs() + (long)MessagingLimits.MessageTtl.TotalMilliseconds);
        if (Store.MessageWithHash(hash) is { } id && Store.PathOf(id) is null)
            Store.RecordPath(id, session.Link.Path, _nowMs());
        // The swarm never held it, so the account's other devices would never see it: pass it on (not what an own device
        // passed here, which its sender already passed to every device it could).
        if (fresh && !session.OwnDevice)
            _ = Task.Run(() => ForwardAsync(stored, CancellationToken.None));
        return true; // stored, a duplicate, or dropped as unreadable: a swarm copy would fare the same, so it is acked
    }

}

/// <summary>A 1:1 message this device queued, for features that keep what it sent (signed history logs).</summary>
/// <param name="Message">The message as stored.</param>
/// <param name="Content">Its content, as composed (before sealing).</param>
internal sealed record SentOneToOne(MessageView Message, Content Content);
