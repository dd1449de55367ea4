using System.CommandLine;
using Wisp.Client;
using Wisp.Client.Push;

namespace Wisp.Cli.Commands.Push;

/// <summary>The options that pick a push server: the local network's by default, or one given by URL and key.</summary>
internal sealed class PushServerChoice
{
    public Option<string?> Server { get; } = new("--server")
    {
        Description = "The push server's base URL (default: the one `wisp up` runs for the local network).",
    };

    public Option<string?> ServerKey { get; } = new("--server-key")
    {
        Description = "The push server's X25519 public key, 64 hex digits (required with --server).",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Server);
        command.Options.Add(ServerKey);
    }

    /// <summary>The server given, else the local network's; null with why when neither is usable.</summary>
    public PushServer? Resolve(ParseResult parse, WispClient client, out string? error)
    {
        if (parse.GetValue(Server) is { Length: > 0 } url)
        {
            if (parse.GetValue(ServerKey) is not { Length: > 0 } key)
            {
                error = "--server needs --server-key (the push server's X25519 key, as its run file shows).";
                return null;
            }
            return PushServer.TryCreate(url, key, out var given, out error) ? given : null;
        }
        return client.Push.LocalServer(out error);
    }
}
