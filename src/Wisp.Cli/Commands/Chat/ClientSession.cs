using System.CommandLine;
using System.Diagnostics.CodeAnalysis;
using Wisp.Cli.Output;
using Wisp.Client;
using Wisp.Network.Local;

namespace Wisp.Cli.Commands.Chat;

/// <summary>
/// Opens the <see cref="WispClient"/> of the profile a messaging command names and, for commands that reach the
/// network, connects it to the local network found without flags: <c>--network DIR</c>, else
/// <c>&lt;wisp home&gt;/network</c> where <c>wisp up</c> keeps it.
/// </summary>
internal static class ClientSession
{
    /// <summary>Opens (and with <paramref name="withNetwork"/> connects) the client; on failure prints why and gives the exit code.</summary>
    public static bool TryOpen(
        ParseResult parse, ChatContext context, ChatOptions options, bool withNetwork, TextWriter stderr,
        [NotNullWhen(true)] out WispClient? client, out int exitCode)
    {
        client = null;
        exitCode = 0;
        var home = context.ResolveHome(parse);
        if (!ProfileUnlock.TryOpen(home, parse.GetValue(options.Profile)!, parse.GetValue(options.PassphraseFile), context.Environment, stderr,
                out var opened, out var error, out var usage))
        {
            exitCode = CliOutput.Error(error, stderr, usage ? CliOutput.UsageError : CliOutput.Failure);
            return false;
        }
        if (withNetwork && !opened.ConnectLocalNetwork(NetworkFolder(parse, context, options), out var networkError))
        {
            opened.DisposeAsync().AsTask().GetAwaiter().GetResult();
            exitCode = CliOutput.Error(networkError, stderr, CliOutput.Failure);
            return false;
        }
        client = opened;
        return true;
    }

    /// <summary>The network folder: <c>--network DIR</c>, else the one in the wisp home.</summary>
    public static string NetworkFolder(ParseResult parse, ChatContext context, ChatOptions options) =>
        parse.GetValue(options.Network) is { Length: > 0 } given
            ? Path.GetFullPath(given)
            : LocalNetwork.DefaultFolder(WispHomePath.Resolve(parse.GetValue(context.Home), context.Environment.GetVariable));

    /// <summary>Closes a client from synchronous code (a client that never started has nothing to wait for).</summary>
    public static void Close(WispClient client) => client.DisposeAsync().AsTask().GetAwaiter().GetResult();
}

/// <summary>Closes a client opened without starting it, at the end of a synchronous command.</summary>
internal readonly struct ClosesClient(WispClient client) : IDisposable
{
    public void Dispose() => ClientSession.Close(client);
}
