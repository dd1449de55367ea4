using System.CommandLine;
using System.Diagnostics.CodeAnalysis;
using Wisp.Client.Account;
using Wisp.Client.Conversations;
using Wisp.Client.Messaging;
using Wisp.Client.Swarm;
using Wisp.Crypto.Keys;
using Wisp.Network.Local;
using Wisp.Network.Registry;

namespace Wisp.Cli.Commands.Chat;

/// <summary>
/// An unlocked account, and (for commands that reach the network) the local network found without flags —
/// <c>--network DIR</c>, else <c>&lt;wisp home&gt;/network</c> where <c>wisp up</c> keeps it — with its registry,
/// swarm client and messaging service.
/// </summary>
internal sealed class ChatSession : IAsyncDisposable
{
    private readonly FileRegistry? _registry;
    private readonly SwarmClient? _client;

    private ChatSession(OpenAccount account, FileRegistry? registry, SwarmClient? client, MessagingService? messaging)
    {
        Account = account;
        Conversations = messaging?.Conversations ?? ConversationStore.For(account);
        _registry = registry;
        _client = client;
        Messaging = messaging;
    }

    public OpenAccount Account { get; }

    public ConversationStore Conversations { get; }

    /// <summary>Null for a session opened without the network.</summary>
    public MessagingService? Messaging { get; }

    /// <summary>Opens the account; with <paramref name="withNetwork"/>, the network as well. Returns an exit code on failure.</summary>
    public static bool TryOpen(
        ParseResult parse, ChatContext context, ChatOptions options, bool withNetwork, TextWriter stderr,
        [NotNullWhen(true)] out ChatSession? session, out int exitCode)
    {
        session = null;
        exitCode = 0;
        var home = context.ResolveHome(parse);
        if (!ProfileUnlock.TryOpen(home, parse.GetValue(options.Profile)!, parse.GetValue(options.PassphraseFile), context.Environment, stderr,
                out var account, out var error, out var usage))
        {
            exitCode = Output.CliOutput.Error(error, stderr, usage ? Output.CliOutput.UsageError : Output.CliOutput.Failure);
            return false;
        }
        if (!withNetwork)
        {
            session = new ChatSession(account, null, null, null);
            return true;
        }

        var folder = parse.GetValue(options.Network) is { Length: > 0 } given
            ? Path.GetFullPath(given)
            : LocalNetwork.DefaultFolder(WispHomePath.Resolve(parse.GetValue(context.Home), context.Environment.GetVariable));
        if (!LocalNetwork.TryLoad(folder, out var network, out var problem))
        {
            account.Dispose();
            exitCode = Output.CliOutput.Error($"{problem}. Start one with `wisp up` in another terminal, or pass --network DIR.", stderr, Output.CliOutput.Failure);
            return false;
        }
        var opened = FileRegistry.Open(new FileRegistryOptions { Path = network.RegistryPath, RegistryKey = network.RegistryKey }, TimeProvider.System);
        if (opened.Value is not { } registry)
        {
            account.Dispose();
            exitCode = Output.CliOutput.Error($"the network's registry {network.RegistryPath} cannot be used: {opened.Error?.Message}", stderr, Output.CliOutput.Failure);
            return false;
        }
        var client = SwarmClient.Create(registry, Path.Combine(account.Directory, "paths"), TimeProvider.System);
        var messaging = new MessagingService(account, new SwarmClientMessageSwarm(client), TimeProvider.System);
        session = new ChatSession(account, registry, client, messaging);
        return true;
    }

    /// <summary>The Account ID <paramref name="text"/> names: an Account ID, or a contact's nickname.</summary>
    public bool TryResolvePeer(string text, [NotNullWhen(true)] out AccountId? peer, [NotNullWhen(false)] out string? error)
    {
        if (AccountId.TryParse(text, out peer, out _))
        {
            error = null;
            return true;
        }
        peer = Conversations.FindByNickname(text);
        error = peer is null ? AccountIdInput.NeitherIdNorNickname(text) : null;
        return peer is not null;
    }

    /// <summary>The nickname of <paramref name="peer"/>, else its Account ID shortened for a terminal.</summary>
    public string NameOf(AccountId peer) => Conversations.NicknameOf(peer) ?? $"{peer.Hex[..10]}…{peer.Hex[^4..]}";

    public async ValueTask DisposeAsync()
    {
        if (Messaging is not null)
            await Messaging.DisposeAsync();
        _client?.Dispose();
        _registry?.Dispose();
        Account.Dispose();
    }
}
