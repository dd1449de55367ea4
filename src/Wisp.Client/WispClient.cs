using System.Diagnostics.CodeAnalysis;
using Wisp.Client.Account;
using Wisp.Client.Conversations;
using Wisp.Client.Front;
using Wisp.Client.Groups;
using Wisp.Client.Keys;
using Wisp.Client.Live;
using Wisp.Client.Messaging;
using Wisp.Client.Transport;
using Wisp.Client.Polling;
using Wisp.Crypto.Kdf;
using Wisp.Crypto.Keys;

namespace Wisp.Client;

/// <summary>
/// The client's front door: one unlocked account and everything a client does with it. Open it
/// (<see cref="Open"/>), connect it to a network (<see cref="ConnectLocalNetwork"/>), read and change contacts,
/// conversations, requests and the outbox, send, and follow one stream of <see cref="Events"/>. <see cref="Start"/>
/// keeps the account online in the background — the outbox, the poller, the change feed other processes of the profile
/// write to, and the disappearing-message timer — until the client is disposed. Times come from the network's clock.
/// </summary>
public sealed class WispClient : IAsyncDisposable
{
    /// <summary>
    /// The fewest nodes a network needs for this client to carry a message (5): an onion path is a guard and two relays
    /// besides the destination, and the client keeps two guards that it never uses as relays.
    /// </summary>
    public const int MinimumNetworkSize = ClientLimits.GuardCount + (ClientLimits.PathLength - 1) + 1;

    /// <summary>How many nodes a request's onion path has besides its destination (3).</summary>
    public const int OnionPathLength = ClientLimits.PathLength;

    private readonly OpenAccount _account;
    private readonly AccountData _data;
    private readonly SwarmSlot _swarm;
    private readonly NetworkHealth _health = new();
    private readonly EventHub _events = new();
    private readonly ChangeFollower _follower;
    private readonly ExpiryTimer _expiry;
    private readonly Outbox _outbox;
    private readonly Poller _poller;
    private readonly Sender _sender;
    private readonly KeyUpkeep _keyUpkeep;
    private readonly Sync.ConfigSync _configSync;
    private readonly CancellationTokenSource _stop = new();
    private readonly FileStream? _inUse;
    private LocalNetworkConnection? _connection;
    private Swarm.SwarmClient? _groupNetwork;
    private string? _networkFolder;
    private Task _running = Task.CompletedTask;
    private int _started;
    private int _disposed;

    private WispClient(OpenAccount account, TimeProvider time)
    {
        _account = account;
        _inUse = ProfileLock.Shared(account.Directory); // while open, the profile cannot be deleted
        _data = AccountData.For(account);
        _swarm = new SwarmSlot(time);
        _follower = new ChangeFollower(_data, _events.Publish, time);
        _expiry = new ExpiryTimer(_data, _swarm.NowMs, _events.Publish, time);
        _outbox = new Outbox(_data, _swarm, _health, time);
        _poller = new Poller(_data, _swarm, account.Keys, _health, time);
        // Protocol v2: the account's key ring, contacts' keys, v2 sealing by default, the fallback flagged.
        Keys = new ClientKeys(_data, account.Keys, KeySwarm, _swarm.NowMs);
        Keys.Ring.EnsureCurrent(Keys.Now()); // a new account (or one from before v2) gets its first key at once
        _poller.V2 = new V2Receiving(Keys.ReceivingKeys, () => Keys.Layer);
        // Wisp's ratchet: per-message forward secrecy inside v2 between two Wisp clients, negotiated per peer.
        Keys.Layer = new Ratchet.RatchetLayer(new Ratchet.RatchetSessionStore(_data.Local, _swarm.NowMs), account.Keys.AccountId, () => Keys.Ring.DeviceCount() <= 1);
        _sender = new Sender(_data, _swarm, account.Keys, _health, Keys);
        _keyUpkeep = new KeyUpkeep(Keys, time);
        _sender.Queued += () =>
        {
            _outbox.Nudge();
            _follower.Nudge();
        };
        _outbox.Prepare = Keys.Waits.PrepareAsync;
        _outbox.StatusChanged += _ => _follower.Nudge();
        _follower.Added += _expiry.Schedule;
        _poller.Received += OnPolled;
        _health.Changed += reason => _events.Publish(reason is null
            ? new ClientEvent.NetworkReconnected()
            : new ClientEvent.NetworkUnreachable(reason));
        Contacts = new ClientContacts(_data);
        Conversations = new ClientConversations(_data, _sender, _swarm.NowMs);
        Archive = new ClientArchive(_data, account.AccountId, _swarm.NowMs);
        Outbox = new ClientOutbox(_data, _outbox, _swarm.NowMs, () => Volatile.Read(ref _started) == 1 && _swarm.Connected);
        Messages = new ClientMessages(_data, _sender, account.AccountId, () => DisplayName, _follower.Nudge, _events.Publish, time);
        Network = new ClientNetwork(() => _connection, () => _networkFolder, _health, account.AccountId);
        Attachments = new Attachments.ClientAttachments(
            _data, _sender, account.Directory, () => _connection, () => _networkFolder, () => DisplayName, time, () => Groups!);
        // Closed groups: their own stores and poller; invites and promotions arrive 1:1 through the main poller.
        Groups = new ClientGroups(new GroupContext(_data, account.Keys, () => _connection?.Parts.Client ?? _groupNetwork, _sender, () => DisplayName));
        _poller.GroupUpdates = Groups.TakeDirect;
        // Device groups: this device, its group, linking and removal; account keys travel in namespace 21.
        Devices = new Devices.ClientDevices(
            new Devices.DeviceGroupState(_data.Local, account.Keys, Keys.Ring, _swarm.NowMs, account.Profile.Value),
            () => _connection?.Parts.Client ?? _groupNetwork, Keys);
        // Communities (issue 14): requests through the connected network's onion paths.
        var communityTransport = new Lazy<OnionTransport>(() => new OnionTransport(time));
        Communities = new Communities.ClientCommunities(
            _data.Local, account.Keys,
            () => _connection is { } c ? new Communities.OnionCommunityTransport(c.Parts.Client.Paths, communityTransport.Value) : null,
            () => _connection?.Parts.Client.Clock.NowMs() ?? _swarm.NowMs(), () => DisplayName, e => _events.Publish(new ClientEvent.Community(e)));
        // User config sync: the account's user configs, synced between its devices through its own swarm.
        _configSync = new Sync.ConfigSync(_data, account.Keys, () => _connection?.Parts.Client ?? _groupNetwork);
        _configSync.Applied += _follower.Nudge;
        Contacts.Changed = _configSync.Nudge;
        Conversations.Changed = _configSync.Nudge;
        // Push notifications (issue 19): registrations with a push server, reached through the connected network's onion paths.
        Push = new Push.ClientPush(_data.Local, account.Keys, () => _connection, () => _networkFolder, time);
        // Direct mode (issue 20): the agreement travels 1:1; messages try a direct session first, the swarm otherwise.
        Direct = new Direct.ClientDirect(_data, _sender, account.Keys, account.Directory, _swarm.NowMs, time);
        _poller.DirectOffers = (from, offer) => Direct.TakeOffer(from, offer.Span);
        Direct.Deliver = (hash, stored, expiry) =>
        {
            var taken = _poller.ProcessDirect(hash, stored, expiry);
            _follower.Nudge();
            return taken;
        };
        _outbox.TryDirect = Direct.TrySendAsync;
        Attachments.Direct = Direct; // files try a direct session first, the file server otherwise
        _sender.Composed += Direct.Queued;
        Direct.Changed += (peer, state) => _events.Publish(new ClientEvent.DirectChanged(peer, state));
        // Signed history logs (issue 20): each sent 1:1 message appended to this device's log; replication on channel 2.
        History = new History.ClientHistory(_data, account.Keys, Direct, time);
    }

    /// <summary>
    /// Unlocks <paramref name="profile"/> under <paramref name="home"/> (with <paramref name="passphrase"/>, null for a
    /// profile saved without one). The client is offline until connected: sending queues, nothing goes out.
    /// </summary>
    public static VaultResult<WispClient> Open(WispHome home, ProfileName profile, Passphrase? passphrase, TimeProvider? time = null)
    {
        if (!AccountVault.Open(home, profile, passphrase).TryGet(out var account, out var error))
            return error;
        return new WispClient(account, time ?? TimeProvider.System);
    }

    /// <summary>
    /// Changes the passphrase of <paramref name="profile"/> (its data key is wrapped anew; nothing else changes). A wrong
    /// <paramref name="oldPassphrase"/> (null for a profile saved without one) changes nothing.
    /// </summary>
    public static VaultResult<ProfileSummary> ChangePassphrase(
        WispHome home, ProfileName profile, Passphrase? oldPassphrase, Passphrase newPassphrase, PasswordKdfLimits? limits = null) =>
        ProfileMaintenance.ChangePassphrase(home, profile, oldPassphrase, newPassphrase, limits);

    /// <summary>
    /// Deletes <paramref name="profile"/> and everything in it (account, contacts, messages), unless a process has it
    /// open (<see cref="VaultErrorKind.InUse"/>). There is no undo: its recovery phrase is the only way back to the account.
    /// </summary>
    public static VaultResult<ProfileName> DeleteProfile(WispHome home, ProfileName profile) => ProfileMaintenance.Delete(home, profile);

    /// <summary>A client over an account the caller opened (the client owns it from now on).</summary>
    internal static WispClient Over(OpenAccount account, TimeProvider time) => new(account, time);

    /// <summary>The Account ID.</summary>
    public AccountId AccountId => _account.AccountId;

    /// <summary>The profile's name.</summary>
    public ProfileName Profile => _account.Profile;

    /// <summary>True once connected to a network.</summary>
    public bool Connected => _swarm.Connected;

    /// <summary>Contacts and their nicknames.</summary>
    public ClientContacts Contacts { get; }

    /// <summary>Conversations, their messages and settings, sending, and message requests.</summary>
    public ClientConversations Conversations { get; }

    /// <summary>The local history as a whole: search and export.</summary>
    public ClientArchive Archive { get; }

    /// <summary>One message: reply with a quote, react, delete for me or for everyone.</summary>
    public ClientMessages Messages { get; }

    /// <summary>Closed groups: create, invite, remove, promote, leave, rename, describe, send, read, answer invites.</summary>
    public ClientGroups Groups { get; }

    /// <summary>The account's device group: this device's id, the group's devices, linking and removing devices.</summary>
    public Devices.ClientDevices Devices { get; }

    /// <summary>The network connected to, as a person may look at it: nodes, swarms, this account's swarm, the onion path.</summary>
    public ClientNetwork Network { get; }

    /// <summary>
    /// This account's display name (Session's profile name), sent with every text message so peers see it where they
    /// set no nickname; null when none is set.
    /// </summary>
    public string? DisplayName => _data.Names.Get(AccountId);

    /// <summary>Sets (or, with null or blank, clears) the display name; false with why when it is unusable (over 100 bytes, control characters).</summary>
    public bool TrySetDisplayName(string? name, [NotNullWhen(false)] out string? error)
    {
        var set = _data.Names.TrySet(AccountId, name, _swarm.NowMs(), out error);
        if (set)
            _configSync.Nudge();
        return set;
    }

    /// <summary>Messages on their way (pending) or given up on (failed), and retrying them.</summary>
    public ClientOutbox Outbox { get; }

    /// <summary>Community rooms (Session's community servers): join, read, post, react, reply, delete, DM members, moderate.</summary>
    public Communities.ClientCommunities Communities { get; }

    /// <summary>Protocol v2 keys: this account's (rotation, publishing) and what is known of contacts' (v2 or v1 only).</summary>
    public ClientKeys Keys { get; }

    /// <summary>Files: send them in a message, list a message's, download one (attachments, issue 15).</summary>
    public Attachments.ClientAttachments Attachments { get; }

    /// <summary>Push notifications: register an endpoint with a push server, unregister, renew, decrypt what arrives (issue 19).</summary>
    public Push.ClientPush Push { get; }

    /// <summary>Direct mode (issue 20): per-contact agreement, the connection manager, the path each message took.</summary>
    public Direct.ClientDirect Direct { get; }

    /// <summary>Signed history logs (issue 20): this device's logs, replicas of others', restore.</summary>
    public History.ClientHistory History { get; }

    /// <summary>
    /// Everything that happens from now on: messages added, delivery states, read receipts, typing, disappearing
    /// messages, network health. Each enumeration is its own subscription, from the moment it begins.
    /// </summary>
    public IAsyncEnumerable<ClientEvent> Events => _events;

    /// <summary>The network's time, Unix ms.</summary>
    public long NowMs() => _swarm.NowMs();

    /// <summary>
    /// Connects to the network on this machine in <paramref name="folder"/> (the one <c>wisp up</c> runs). False with
    /// a sentence that says what to do when there is none.
    /// </summary>
    public bool ConnectLocalNetwork(string folder, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (!LocalNetworkConnection.TryOpen(folder, _account.Directory, TimeProvider.System, out var connection, out error))
            return false;
        _connection = connection;
        _networkFolder = folder;
        _swarm.Connect(connection.Swarm);
        return true;
    }

    /// <summary>Connects to a network given as its messaging calls (tests use a swarm in memory).</summary>
    internal void Connect(IMessageSwarm swarm)
    {
        _swarm.Connect(swarm);
        _groupNetwork = (swarm as SwarmClientMessageSwarm)?.Client; // groups call a swarm client directly
    }

    /// <summary>Raised when a background poll fails (the swarm unreachable), with the reason; the poller retries on its own.</summary>
    internal event Action<string>? PollFailed;

    /// <summary>The poller, for tests and benchmarks that drive it themselves.</summary>
    internal Poller Poller => _poller;

    /// <summary>The user config sync.</summary>
    internal Sync.ConfigSync ConfigSync => _configSync;

    /// <summary>The outbox's sending loop, for tests and benchmarks that drive it themselves.</summary>
    internal Outbox OutboxRunner => _outbox;

    /// <summary>The account's stores.</summary>
    internal AccountData Data => _data;

    /// <summary>A subscription to <see cref="Events"/> read without waiting (tests).</summary>
    internal System.Threading.Channels.ChannelReader<ClientEvent> Subscribe() => _events.Subscribe().Reader;

    /// <summary>Reads the change feed now (what <see cref="Start"/> does every 250 ms); returns how many messages changed.</summary>
    internal int FollowChanges() => _follower.ReadOnce();

    /// <summary>Deletes and reports the disappearing messages due at <paramref name="nowMs"/> (what the timer does on time).</summary>
    internal long? ExpireDue(long nowMs) => _expiry.Tick(nowMs);

    /// <summary>
    /// Keeps the account online in the background until disposed: follows the database (events), deletes disappearing
    /// messages on time, and, when connected, retries the outbox (everything pending, at once) and polls the swarm.
    /// </summary>
    public void Start()
    {
        if (Interlocked.Exchange(ref _started, 1) == 1)
            return;
        var token = _stop.Token;
        var work = new List<Task>
        {
            Task.Run(() => _follower.RunAsync(token), token),
            Task.Run(() => _expiry.RunAsync(token), token),
        };
        if (_swarm.Connected)
        {
            _data.Outbox.MakeAllDue(_swarm.NowMs());
            work.Add(Task.Run(() => _outbox.RunAsync(token), token));
            work.Add(Task.Run(() => _poller.RunAsync(error => PollFailed?.Invoke(error), token), token));
            work.Add(Task.Run(() => Groups.RunAsync(token), token));
            work.Add(Task.Run(() => Devices.RunAsync(token), token));
            work.Add(Task.Run(() => Communities.Poller.RunAsync(token), token));
            work.Add(Task.Run(() => _keyUpkeep.RunAsync(token), token));
            work.Add(Task.Run(() => _configSync.RunAsync(error => PollFailed?.Invoke(error), token), token));
            work.Add(Task.Run(() => Push.RunAsync(token), token)); // renews push registrations before their 14 days end
        }
        _running = Task.WhenAll(work);
    }

    /// <summary>
    /// Lets this process run direct mode's endpoint (daemon, chat, web): one UDP socket on the DHT, bootstrapped from
    /// <paramref name="bootstrap"/> (<c>ip:port</c>) or, when none is given, from the connected network's service nodes
    /// (UDP, same port number as their HTTPS), which are also its blind relays. It starts when a contact's direct mode is
    /// on or offered (at once, or when that happens). Null when done; else why not (messages go through the swarm).
    /// </summary>
    public Task<string?> EnableDirectAsync(IReadOnlyList<string>? bootstrap, CancellationToken cancellationToken)
    {
        var nodes = new List<System.Net.IPEndPoint>();
        foreach (var entry in bootstrap ?? [])
        {
            if (!Wisp.Client.Direct.DhtBootstrap.TryParse(entry, out var endpoint, out var error))
                return Task.FromResult<string?>(error);
            nodes.Add(endpoint);
        }
        var relays = Wisp.Client.Direct.DhtBootstrap.FromNodeUrls(Network.View()?.Nodes.Where(n => n.Active).Select(n => n.Url) ?? []);
        if (nodes.Count == 0)
            nodes.AddRange(relays);
        if (nodes.Count == 0)
            return Task.FromResult<string?>("no DHT node to start from: connect to a network or pass --dht-bootstrap ip:port.");
        return Direct.EnableAsync(() => new Wisp.Client.Direct.EndpointTransport(nodes, relays, TimeProvider.System), cancellationToken);
    }

    /// <summary>
    /// Fetches what is new in the account's swarm once (without waiting on the node). Null when it worked; else why not.
    /// </summary>
    public async Task<string?> FetchAsync(CancellationToken cancellationToken)
    {
        var (taken, error) = await _poller.PollOnceAsync(TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        var syncError = await _configSync.SyncAsync(cancellationToken).ConfigureAwait(false);
        _follower.Nudge();
        if (taken is not null)
            await Keys.UpkeepAsync(cancellationToken).ConfigureAwait(false); // a rotation due, or a bundle not yet published
        return taken is null ? error : syncError;
    }

    /// <summary>Stops the background work; the account stays open (pending messages stay in the outbox for the next run).</summary>
    public async Task StopAsync()
    {
        if (_stop.IsCancellationRequested)
            return;
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _running.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping is what was asked for.
        }
    }

    /// <summary>Stops the background work and closes the account (its keys are zeroed). Safe to call twice.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
            return;
        await StopAsync().ConfigureAwait(false);
        _follower.ReadOnce(); // what this process did last still reaches its readers
        _events.Complete();
        _stop.Dispose();
        _connection?.Dispose();
        Attachments.Dispose();
        Communities.Dispose();
        await Direct.DisposeAsync().ConfigureAwait(false);
        _account.Dispose();
        _inUse?.Dispose();
    }

    private Keys.IKeySwarm? KeySwarm() =>
        (_connection?.Parts.Client ?? _groupNetwork) is { } network ? new Keys.SwarmClientKeySwarm(network) : null;

    private void OnPolled(PollEvent polled)
    {
        switch (polled)
        {
            case PollEvent.MessageArrived or PollEvent.ReadReceipt or PollEvent.Edited:
                _follower.Nudge();
                break;
            case PollEvent.Typing typing:
                _events.Publish(new ClientEvent.Typing(typing.Peer, typing.Started));
                break;
            case PollEvent.Dropped dropped:
                _events.Publish(new ClientEvent.MessageDropped(dropped.Reason));
                break;
        }
    }
}
