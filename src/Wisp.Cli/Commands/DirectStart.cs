using System.CommandLine;
using Wisp.Client;
using Wisp.Client.Direct;
using Wisp.Crypto.Keys;

namespace Wisp.Cli.Commands;

/// <summary>
/// The direct path in a client command (<c>wisp daemon</c>, <c>wisp chat</c>, <c>wisp web</c>, and for one message
/// <c>wisp send</c>): <c>--dht-bootstrap ip:port</c>, and enabling the endpoint, which starts once a contact's direct mode
/// is on or offered.
/// </summary>
internal sealed class DirectStart
{
    /// <summary>
    /// How long a one-shot command waits for the direct path to come up (15 s: joining the DHT, classifying the NAT and
    /// announcing take a few round trips; where UDP is blocked the message must not wait longer than that for the swarm).
    /// </summary>
    internal static readonly TimeSpan OneShotStartLimit = TimeSpan.FromSeconds(15);

    public Option<string[]> Bootstrap { get; } = new("--dht-bootstrap")
    {
        Description = "A DHT node to start the direct path from (ip:port; repeat for more). Default: the network's service nodes, " +
                      "which serve the DHT over UDP on their HTTPS port number. Only used when a contact's direct mode is on.",
    };

    public void AddTo(Command command) => command.Options.Add(Bootstrap);

    /// <summary>Null when every <c>--dht-bootstrap</c> entry is an address; else why not (for a usage error before any work).</summary>
    public string? Check(ParseResult parse)
    {
        foreach (var entry in parse.GetValue(Bootstrap) ?? [])
        {
            if (!DhtBootstrap.TryParse(entry, out _, out var error))
                return $"--dht-bootstrap: {error}";
        }
        return null;
    }

    /// <summary>Enables direct mode's endpoint; prints why not on <paramref name="stderr"/> (the client goes on through the swarm).</summary>
    public async Task EnableAsync(ParseResult parse, WispClient client, TextWriter stderr, CancellationToken cancellationToken, bool forOwnDevices = false)
    {
        if (await client.EnableDirectAsync(parse.GetValue(Bootstrap), cancellationToken, forOwnDevices) is { } error)
            await stderr.WriteLineAsync($"direct path: {error}");
    }

    /// <summary>
    /// For a one-shot command with something for <paramref name="peer"/>: starts the endpoint in this process when direct
    /// mode with them is on, waiting at most <see cref="OneShotStartLimit"/>. Whatever happens, the message then goes
    /// direct if a session opens and acks it, else through the swarm; the endpoint closes with the client.
    /// </summary>
    public async Task EnableForAsync(ParseResult parse, WispClient client, AccountId peer, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (client.Direct.Get(peer).State != DirectState.On)
            return;
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(OneShotStartLimit);
        try
        {
            await EnableAsync(parse, client, stderr, limit.Token);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is OperationCanceledException or TimeoutException)
        {
            await stderr.WriteLineAsync(
                $"direct path: it did not come up within {OneShotStartLimit.TotalSeconds:0} s (is UDP blocked?); the message goes through the swarm.");
        }
    }
}
