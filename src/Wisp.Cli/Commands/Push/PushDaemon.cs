using System.CommandLine;
using System.Text.Json.Nodes;
using Wisp.Client;

namespace Wisp.Cli.Commands.Push;

/// <summary>The options <c>wisp daemon</c> takes for push.</summary>
internal sealed class PushDaemonOptions
{
    public Option<bool> Push { get; } = new("--push")
    {
        Description = "Also be a UnifiedPush receiver: listen on 127.0.0.1, register that endpoint with the network's push " +
                      "server, and on each notification decrypt it, fetch at once and show the message (a desktop notification " +
                      "when the freedesktop notification service runs on the session bus). The waiting retrieve stays on, so " +
                      "nothing is missed while the push server is down.",
    };

    public Option<int> PushPort { get; } = new("--push-port") { Description = "Port of the local receiver (default 0: a free one)." };

    public Option<string?> Endpoint { get; } = new("--endpoint")
    {
        Description = "Register this URL instead of the local receiver's (the endpoint a UnifiedPush distributor gave, which " +
                      "forwards to the receiver); it is kept registered when the daemon stops.",
    };

    public PushServerChoice Server { get; } = new();

    public void AddTo(Command command)
    {
        command.Options.Add(Push);
        command.Options.Add(PushPort);
        command.Options.Add(Endpoint);
        Server.AddTo(command);
    }
}

/// <summary>
/// The push side of <c>wisp daemon --push</c>: the local receiver, its registration, and the loop that turns each
/// notification into a fetch. Messages themselves reach the daemon's event stream as every fetched message does; this
/// class only adds the desktop notification for them.
/// </summary>
internal sealed class PushDaemon : IAsyncDisposable
{
    private readonly WispClient _client;
    private readonly PushReceiver _receiver;
    private readonly DesktopNotifier? _desktop;
    private readonly string _endpoint;
    private readonly bool _unregisterOnStop;
    private readonly Action<JsonObject, string> _write;
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;

    private PushDaemon(WispClient client, PushReceiver receiver, DesktopNotifier? desktop, string endpoint, bool unregisterOnStop, Action<JsonObject, string> write)
    {
        _client = client;
        _receiver = receiver;
        _desktop = desktop;
        _endpoint = endpoint;
        _unregisterOnStop = unregisterOnStop;
        _write = write;
    }

    /// <summary>
    /// Starts the receiver and registers it (null when <c>--push</c> was not given). A registration the push server
    /// refuses leaves the daemon running on the waiting retrieve alone, and says so.
    /// </summary>
    public static async Task<PushDaemon?> StartAsync(
        ParseResult parse, PushDaemonOptions options, WispClient client, Action<JsonObject, string> write, CancellationToken cancellationToken)
    {
        if (!parse.GetValue(options.Push))
            return null;
        var receiver = await PushReceiver.StartAsync(parse.GetValue(options.PushPort), cancellationToken);
        var (desktop, noDesktop) = await DesktopNotifier.TryConnectAsync();
        var given = parse.GetValue(options.Endpoint);
        var endpoint = given ?? receiver.Endpoint;
        var daemon = new PushDaemon(client, receiver, desktop, endpoint, unregisterOnStop: given is null, write);

        var server = options.Server.Resolve(parse, client, out var error);
        var outcome = server is null ? null : await client.Push.RegisterAsync(endpoint, server, cancellationToken);
        var registered = outcome?.Ok == true;
        write(new JsonObject
        {
            ["event"] = "push_listening",
            ["receiver"] = receiver.Endpoint,
            ["endpoint"] = endpoint,
            ["registered"] = registered,
            ["expires_at"] = outcome?.Registration?.ExpiresAtMs,
            ["error"] = registered ? null : error ?? outcome?.Error,
            ["desktop"] = desktop is not null,
            ["desktop_unavailable"] = noDesktop,
        }, registered
            ? $"push: notifications for this account go to {endpoint}; {(desktop is not null ? "messages show as desktop notifications" : $"messages show here ({noDesktop})")}."
            : $"push: not registered ({error ?? outcome?.Error}); new messages still arrive through the waiting retrieve.");
        daemon._loop = Task.Run(() => daemon.RunAsync(daemon._stop.Token), CancellationToken.None);
        return daemon;
    }

    /// <summary>Shows an incoming message on the desktop, where a notification service runs (the line is printed anyway).</summary>
    public async Task ShowAsync(string from, string text)
    {
        if (_desktop is null)
            return;
        if (await _desktop.ShowAsync($"Wisp: {from}", text) is { } failed)
            _write(new JsonObject { ["event"] = "push_desktop_failed", ["error"] = failed }, $"push: the desktop notification failed: {failed}");
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var payload in _receiver.Received.ReadAllAsync(cancellationToken))
            {
                if (!_client.Push.TryOpen(payload, out var notice) || notice.Account != _client.AccountId)
                {
                    _write(new JsonObject { ["event"] = "push_dropped", ["bytes"] = payload.Length },
                        $"push: dropped a {payload.Length}-byte notification that no key of this account opens");
                    continue;
                }
                _write(new JsonObject
                {
                    ["event"] = "push",
                    ["account_id"] = notice.Account.Hex,
                    ["namespace"] = notice.Namespace,
                    ["hash"] = notice.Hash,
                    ["timestamp"] = notice.TimestampMs,
                    ["data_bytes"] = notice.Data?.Length,
                }, $"push: a message was stored for this account ({notice.Hash}); fetching");
                // The notification only wakes the client: the message is read from the swarm like any other, so it is
                // verified, deduplicated and stored the same way whether push or the waiting retrieve saw it first.
                if (await _client.FetchAsync(cancellationToken) is { } failed)
                    _write(new JsonObject { ["event"] = "push_fetch_failed", ["error"] = failed }, $"push: the fetch failed ({failed}); the waiting retrieve will bring it");
            }
        }
        catch (OperationCanceledException)
        {
            // The daemon is stopping.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        await _receiver.DisposeAsync();
        if (_unregisterOnStop && _client.Push.Registrations.Any(r => r.Endpoint == _endpoint))
        {
            // The local receiver's URL dies with this process: tell the server, so it stops posting to it.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            Wisp.Client.Push.PushOutcome outcome;
            try
            {
                outcome = await _client.Push.UnregisterAsync(_endpoint, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                outcome = new Wisp.Client.Push.PushOutcome(false, "the push server did not answer within 30 s", false, null);
            }
            _write(new JsonObject { ["event"] = "push_unregistered", ["ok"] = outcome.Ok, ["error"] = outcome.Error },
                outcome.Ok ? "push: unregistered the local receiver" : $"push: could not unregister the local receiver ({outcome.Error}); its registration runs out on its own");
        }
        _desktop?.Dispose();
        _stop.Dispose();
    }
}
