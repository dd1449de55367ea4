using Wisp.Client.Conversations;
using Wisp.Crypto.Keys;
using Wisp.Protocol.V2;

namespace Wisp.Client.Keys;

/// <summary>
/// Session protocol v2's keys for one account: its own key ring (rotated on Session's 12h ± 1h schedule, kept 16 days)
/// and the bundle it publishes, and contacts' bundles (fetched under the freshness rules). Whether a message is
/// forward-secret depends on these: a contact with v2 keys gets v2; one without gets v1, flagged as not forward-secret.
/// </summary>
public sealed class ClientKeys
{
    private readonly Func<long> _nowMs;
    private readonly Ed25519KeyPair _account;
    private readonly ReceiveKeyCache _receiving;

    internal ClientKeys(AccountData data, Ed25519KeyPair account, Func<IKeySwarm?> swarm, Func<long> nowMs)
    {
        _nowMs = nowMs;
        _account = account;
        Ring = new AccountKeyRing(data.Local, account.AccountId);
        Publisher = new KeyPublisher(data.Local, Ring, account, swarm);
        Contacts = new ContactKeys(new ContactKeyCache(data.Local), swarm, Now);
        Waits = new KeyWaits(data.Local, Contacts, SealWaiting);
        _receiving = new ReceiveKeyCache(Ring);
    }

    /// <summary>The account key ring (device groups read and merge it).</summary>
    internal AccountKeyRing Ring { get; }

    /// <summary>What Wisp layers inside v2 messages (the ratchet sets its own); plain v2 by default.</summary>
    internal IV2ContentLayer Layer { get; set; } = PlainV2Layer.Instance;

    internal KeyPublisher Publisher { get; }

    internal ContactKeys Contacts { get; }

    internal KeyWaits Waits { get; }

    /// <summary>Seals a message held for keys in v2 to the keys now cached (null when there are none, or it is too large).</summary>
    private byte[]? SealWaiting(AccountId peer, byte[] content) =>
        Contacts.Lookup(peer).Usable is { } bundle ? Messaging.MessageComposer.ComposeV2(_account, peer, bundle, content, Layer).Stored : null;

    /// <summary>The expanded keys incoming v2 messages open with: the current one and those retained.</summary>
    internal IReadOnlyList<AccountKey> ReceivingKeys() => _receiving.Get();

    /// <summary>Whether this account publishes its v2 keys (off: contacts send it v1, not forward-secret).</summary>
    public bool Publishing => Publisher.Enabled;

    /// <summary>
    /// Turns publishing on or off. Off stops new bundles; one already published stays in namespace −21 until it expires
    /// (30 days), so it is meant for an account before its first publication (Session: publish only once every device
    /// of the account speaks v2).
    /// </summary>
    public void SetPublishing(bool on) => Publisher.Enabled = on;

    /// <summary>This account's v2 keys now: when the current one was made, when it rotates, how many are kept, what is published.</summary>
    public AccountKeyStatus Status()
    {
        var all = Ring.All();
        var current = AccountKeyRotation.Current(all);
        var published = Publisher.Published();
        return new AccountKeyStatus(
            Publishing, current?.Created,
            current is null ? null : AccountKeyRotation.RotationTime(current, Ring.DeviceId(), Math.Max(1, Ring.DeviceCount())),
            all.Count, published.AtMs is { } at ? DateTimeOffset.FromUnixTimeMilliseconds(at) : null,
            current is not null && published.KeyId == AccountKeyRing.KeyId(current.Seed));
    }

    /// <summary>What is known of <paramref name="peer"/>'s v2 keys (from the cache; nothing is fetched).</summary>
    public ContactKeyStatus ForContact(AccountId peer)
    {
        var cached = Contacts.Lookup(peer);
        var state = cached.State switch
        {
            ContactKeyState.Fresh => "fresh",
            ContactKeyState.Stale => "stale",
            ContactKeyState.Expired => "expired",
            ContactKeyState.NegativeCached => "none published",
            _ => "not fetched",
        };
        return new ContactKeyStatus(peer, cached.Usable is not null, state, cached.FetchedAt, cached.NakAt);
    }

    /// <summary>Fetches <paramref name="peer"/>'s published keys now and says what is known after.</summary>
    public async Task<ContactKeyStatus> RefreshAsync(AccountId peer, CancellationToken cancellationToken)
    {
        await Contacts.FetchAsync(peer, cancellationToken).ConfigureAwait(false);
        return ForContact(peer);
    }

    /// <summary>
    /// The running client's key upkeep: a first key if there is none, a rotation when due, old keys dropped, and the
    /// bundle published when the current key is not. Null when it all worked; else why publishing did not.
    /// </summary>
    public Task<string?> UpkeepAsync(CancellationToken cancellationToken)
    {
        var now = Now();
        Ring.EnsureCurrent(now);
        Ring.RotateIfDue(now);
        Ring.Prune(now);
        return Publisher.PublishIfNeededAsync(now, cancellationToken);
    }

    /// <summary>The network's time.</summary>
    internal DateTimeOffset Now() => DateTimeOffset.FromUnixTimeMilliseconds(_nowMs());
}

/// <summary>This account's v2 keys.</summary>
/// <param name="Publishing">Whether the bundle is published (off: contacts send v1).</param>
/// <param name="CurrentCreated">When the current key was made (null before the first).</param>
/// <param name="RotatesAt">When this device rotates it (Session's 12h ± 1h).</param>
/// <param name="Retained">How many keys are held (current and rotated away in the last 16 days).</param>
/// <param name="PublishedAt">When a bundle was last published.</param>
/// <param name="CurrentPublished">True when the published bundle is the current key's.</param>
public sealed record AccountKeyStatus(
    bool Publishing, DateTimeOffset? CurrentCreated, DateTimeOffset? RotatesAt, int Retained, DateTimeOffset? PublishedAt, bool CurrentPublished);

/// <summary>What is known of a contact's v2 keys.</summary>
/// <param name="Peer">The contact.</param>
/// <param name="HasV2Keys">True when a usable bundle is cached: messages to them are forward-secret.</param>
/// <param name="State">"fresh", "stale", "expired", "none published" (the last fetch found none) or "not fetched".</param>
/// <param name="FetchedAt">The last fetch that found keys.</param>
/// <param name="NakAt">The last fetch that found none.</param>
public sealed record ContactKeyStatus(AccountId Peer, bool HasV2Keys, string State, DateTimeOffset? FetchedAt, DateTimeOffset? NakAt);
