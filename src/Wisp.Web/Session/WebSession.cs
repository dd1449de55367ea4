using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Wisp.Client;
using Wisp.Client.Account;

namespace Wisp.Web.Session;

/// <summary>
/// The one account the web app serves at a time: which profile it is, and its <see cref="WispClient"/> once unlocked.
/// Unlocking opens the client through the SDK's front door, connects it to the local network (trying again until
/// <c>wisp up</c> runs) and starts it; locking disposes it. Changes are serialised; readers take the client as it is.
/// </summary>
internal sealed partial class WebSession(WebOptions options, ILogger<WebSession> logger) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private WispClient? _client;
    private ProfileName _profile = ChooseProfile(options);
    private Task _background = Task.CompletedTask;
    private int _disposed;

    /// <summary>The unlocked client, or null while locked (or no profile exists).</summary>
    public WispClient? Client => Volatile.Read(ref _client);

    /// <summary>The profile the app is on.</summary>
    public ProfileName Profile => Volatile.Read(ref _profile);

    public WispHome Home => options.Home;

    /// <summary>Why the network cannot be reached now, when the client is unlocked but not connected.</summary>
    public string? NetworkProblem { get; private set; }

    /// <summary>Where the app stands: no profile yet, locked, or ready.</summary>
    public string State => Client is not null ? "ready" : Exists(Profile) ? "locked" : "no_profile";

    /// <summary>Every profile in the home, by name.</summary>
    public IReadOnlyList<string> Profiles() =>
        [.. AccountVault.List(options.Home).Where(p => p.IsSuccess).Select(p => p.Value!.Profile.Value)];

    /// <summary>At start: a profile saved without a passphrase opens at once (there is nothing to ask).</summary>
    public async Task OpenIfUnprotectedAsync()
    {
        if (AccountVault.Describe(options.Home, Profile).Value is { UsesPassphrase: false })
            await UnlockAsync(Profile, null);
    }

    /// <summary>Unlocks <paramref name="profile"/> (locking any other first).</summary>
    public async Task<WebOutcome> UnlockAsync(ProfileName profile, Passphrase? passphrase)
    {
        await _gate.WaitAsync(_stopping.Token);
        try
        {
            if (Client is not null && Client.Profile == profile)
                return WebOutcome.Ok;
            // Argon2id takes a moment of CPU; off the request thread. A failed unlock leaves the open account open.
            var opened = await Task.Run(() => WispClient.Open(options.Home, profile, passphrase));
            if (!opened.TryGet(out var client, out var error))
                return Outcome(error);
            await CloseAsync();
            Volatile.Write(ref _profile, profile);
            Begin(client);
            return WebOutcome.Ok;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Makes a new account in <paramref name="profile"/> and unlocks it; the recovery phrase comes back once.</summary>
    public async Task<(WebOutcome Outcome, string? Phrase)> CreateAsync(ProfileName profile, Passphrase? passphrase)
    {
        string phrase;
        await _gate.WaitAsync(_stopping.Token);
        try
        {
            var created = await Task.Run(() => AccountVault.Create(options.Home, profile, passphrase, options.KdfLimits));
            if (!created.TryGet(out var account, out var error))
                return (Outcome(error), null);
            phrase = account.RecoveryPhrase;
            account.Dispose();
        }
        finally
        {
            _gate.Release();
        }
        return (await UnlockAsync(profile, passphrase), phrase);
    }

    /// <summary>Restores an account from its recovery phrase into <paramref name="profile"/> and unlocks it.</summary>
    public async Task<WebOutcome> RestoreAsync(ProfileName profile, string words, Passphrase? passphrase)
    {
        await _gate.WaitAsync(_stopping.Token);
        try
        {
            var restored = await Task.Run(() => AccountVault.Restore(options.Home, profile, words, passphrase, options.KdfLimits));
            if (!restored.TryGet(out var account, out var error))
                return Outcome(error);
            account.Dispose();
        }
        finally
        {
            _gate.Release();
        }
        return await UnlockAsync(profile, passphrase);
    }

    /// <summary>Changes the passphrase of the profile the app is on (the open client is not disturbed).</summary>
    public async Task<WebOutcome> ChangePassphraseAsync(Passphrase? old, Passphrase replacement)
    {
        var changed = await Task.Run(() => WispClient.ChangePassphrase(options.Home, Profile, old, replacement, options.KdfLimits));
        return changed.TryGet(out _, out var error) ? WebOutcome.Ok : Outcome(error);
    }

    /// <summary>Locks: the client stops and its keys are zeroed; pending messages stay in the outbox.</summary>
    public async Task LockAsync()
    {
        await _gate.WaitAsync(_stopping.Token);
        try
        {
            await CloseAsync();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Locks and stops the background work. Safe to call twice (the host and its container both do).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
            return;
        await _stopping.CancelAsync();
        await CloseAsync();
    }

    private void Begin(WispClient client)
    {
        Volatile.Write(ref _client, client);
        NetworkProblem = null;
        _background = Task.WhenAll(
            Task.Run(() => ConnectAsync(client, _stopping.Token)),
            Task.Run(() => NewConversationDefaults.RunAsync(client, () => WebSettings.Load(options.Home, client.Profile), _stopping.Token)));
    }

    /// <summary>Connects to the local network, trying again while it is not there; the client starts once connected.</summary>
    private async Task ConnectAsync(WispClient client, CancellationToken cancellationToken)
    {
        try
        {
            while (!client.ConnectLocalNetwork(options.NetworkFolder, out var problem))
            {
                if (NetworkProblem is null)
                    Log.NotConnected(logger, problem);
                NetworkProblem = problem;
                await Task.Delay(WebLimits.NetworkRetryInterval, cancellationToken);
                if (Client != client)
                    return;
            }
            NetworkProblem = null;
            client.Start();
            // Direct mode's endpoint, from the network's service nodes; it starts once a contact's direct mode is on or offered.
            if (await client.EnableDirectAsync(null, cancellationToken) is { } direct)
                Log.NoDirectPath(logger, direct);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
        catch (ObjectDisposedException)
        {
            // Locked while connecting.
        }
    }

    private async Task CloseAsync()
    {
        if (Interlocked.Exchange(ref _client, null) is not { } client)
            return;
        await client.DisposeAsync();
        try
        {
            await _background;
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private bool Exists(ProfileName profile) => AccountVault.Describe(options.Home, profile).IsSuccess;

    /// <summary><c>--profile</c>, else the only profile there is, else <c>default</c>.</summary>
    private static ProfileName ChooseProfile(WebOptions options)
    {
        if (options.Profile is { } given)
            return given;
        var all = AccountVault.List(options.Home).Where(p => p.IsSuccess).ToList();
        return all.Count == 1 ? all[0].Value!.Profile : ProfileName.Default;
    }

    private static WebOutcome Outcome(VaultError error) => WebOutcome.Fail(error.Kind switch
    {
        VaultErrorKind.WrongPassphrase or VaultErrorKind.PassphraseRequired => StatusCodes.Status401Unauthorized,
        VaultErrorKind.ProfileNotFound => StatusCodes.Status404NotFound,
        VaultErrorKind.ProfileExists or VaultErrorKind.InUse => StatusCodes.Status409Conflict,
        VaultErrorKind.InvalidRecoveryPhrase => StatusCodes.Status400BadRequest,
        _ => StatusCodes.Status500InternalServerError,
    }, error.Kind == VaultErrorKind.WrongPassphrase ? "wrong passphrase" : error.Message);

    private static partial class Log
    {
        [LoggerMessage(LogLevel.Warning, "not connected to the local network yet (trying again): {Problem}")]
        public static partial void NotConnected(ILogger logger, string problem);

        [LoggerMessage(LogLevel.Warning, "direct path: {Problem}")]
        public static partial void NoDirectPath(ILogger logger, string problem);
    }
}

/// <summary>How a session change went: 0 for done, else the HTTP status and the sentence.</summary>
internal sealed record WebOutcome(int Status, string? Error)
{
    public static WebOutcome Ok { get; } = new(0, null);

    public bool IsOk => Status == 0;

    public static WebOutcome Fail(int status, string error) => new(status, error);
}
