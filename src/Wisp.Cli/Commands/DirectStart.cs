using System.CommandLine;
using Wisp.Client;

namespace Wisp.Cli.Commands;

/// <summary>
/// The direct path in a long-running client (<c>wisp daemon</c>, <c>wisp chat</c>): <c>--dht-bootstrap ip:port</c>, and
/// enabling the endpoint, which starts once a contact's direct mode is on or offered.
/// </summary>
internal sealed class DirectStart
{
    public Option<string[]> Bootstrap { get; } = new("--dht-bootstrap")
    {
        Description = "A DHT node to start the direct path from (ip:port; repeat for more). Default: the network's service nodes, " +
                      "which serve the DHT over UDP on their HTTPS port number. Only used when a contact's direct mode is on.",
    };

    public void AddTo(Command command) => command.Options.Add(Bootstrap);

    /// <summary>Enables direct mode's endpoint; prints why not on <paramref name="stderr"/> (the client goes on through the swarm).</summary>
    public async Task EnableAsync(ParseResult parse, WispClient client, TextWriter stderr, CancellationToken cancellationToken, bool forOwnDevices = false)
    {
        if (await client.EnableDirectAsync(parse.GetValue(Bootstrap), cancellationToken, forOwnDevices) is { } error)
            await stderr.WriteLineAsync($"direct path: {error}");
    }
}
