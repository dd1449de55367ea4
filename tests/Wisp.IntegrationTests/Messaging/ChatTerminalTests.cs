using Wisp.Client;
using Wisp.Client.Account;
using Wisp.Client.Conversations;
using Wisp.Crypto.Keys;
using Wisp.IntegrationTests.Support;
using Wisp.Testing;

namespace Wisp.IntegrationTests.Messaging;

/// <summary>The network the terminal tests share: seven node processes, one swarm.</summary>
public sealed class ChatNetwork : LocalNetworkFixture
{
    protected override int NodeCount => 7;
}

/// <summary>
/// <c>wisp chat</c> as a person uses it, on a pseudo-terminal against real node processes: commands are never sent,
/// what another process of the profile sends shows, Ctrl-D leaves, and a network outage loses nothing typed. Also
/// <c>wisp daemon</c>, which keeps an account online.
/// </summary>
public sealed class ChatTerminalTests(ChatNetwork network) : IClassFixture<ChatNetwork>, IDisposable
{
    private readonly TempDirectory _home = new();

    public void Dispose() => _home.Dispose();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Slash_lines_are_commands_other_processes_messages_show_and_ctrl_d_leaves()
    {
        var alice = NewAccount("alice");
        var bob = NewAccount("bob");
        using var daemon = WispProcess.Start(Args("daemon", "--profile", "bob", "--json"));
        Assert.Equal("online", (await daemon.ReadJsonLineAsync(TimeSpan.FromSeconds(90))).GetProperty("event").GetString());

        await using var chat = TerminalProcess.Start(Args("chat", bob.Hex, "--profile", "alice"));
        await chat.WaitForAsync("Type and press Enter to send");
        await chat.TypeLineAsync("/shrug");
        await chat.WaitForAsync("/shrug is not a command; nothing was sent. Commands: /help");
        await chat.TypeLineAsync("/help");
        await chat.WaitForAsync("Commands: /help", times: 2);
        await chat.TypeLineAsync("hello bob");
        await chat.WaitForAsync("(sent: \"hello bob\")");

        // Another process of alice's profile sends: the chat shows it as hers, and how it went.
        var (code, _, stderr) = await WispProcess.RunAsync(Args("send", bob.Hex, "from another terminal", "--profile", "alice"));
        Assert.True(code == 0, stderr);
        await chat.WaitForAsync("you: from another terminal");
        // Bob (whose daemon received both) answers from a third process: it arrives live.
        (code, _, stderr) = await WispProcess.RunAsync(Args("send", alice.Hex, "hi alice", "--profile", "bob"));
        Assert.True(code == 0, stderr);
        await chat.WaitForAsync(": hi alice");

        await chat.TypeAsync("\u0004");
        Assert.Equal(0, await chat.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal(0, chat.Count("> > ")); // one prompt, never two

        // The daemon printed bob's messages as JSON lines; nothing typed after a slash reached him.
        var received = new List<string>();
        while (received.Count < 2)
        {
            var line = await daemon.ReadJsonLineAsync(TimeSpan.FromSeconds(60));
            if (line.GetProperty("event").GetString() == "message" && line.GetProperty("message").GetProperty("direction").GetString() == "in")
                received.Add(line.GetProperty("message").GetProperty("body").GetString()!);
        }
        Assert.Equal(["hello bob", "from another terminal"], received);
        daemon.Terminate();
        Assert.Equal(0, await daemon.WaitForExitAsync());
        await using var bobClient = Open("bob");
        Assert.DoesNotContain(bobClient.Conversations.History(alice), m => m.Body.StartsWith('/'));
    }

    [Fact]
    public async Task Nothing_typed_while_the_network_is_down_is_lost_and_each_message_arrives_once()
    {
        var alice = NewAccount("alice");
        var bob = NewAccount("bob");
        await using var chat = TerminalProcess.Start(Args("chat", bob.Hex, "--profile", "alice"));
        await chat.WaitForAsync("Type and press Enter to send");
        await chat.TypeLineAsync("before the outage");
        await chat.WaitForAsync("(sent: \"before the outage\")");

        var nodes = network.Nodes.ToList();
        var pids = nodes.Select(network.PidOf).ToList();
        foreach (var pid in pids)
            ProcessSignals.Terminate(pid);
        await Eventually.TrueAsync(() => Task.FromResult(pids.All(pid => !ProcessSignals.IsAlive(pid))), "every node stopped", TimeSpan.FromSeconds(90));

        var typed = new[] { "during the outage 1", "during the outage 2", "during the outage 3" };
        foreach (var line in typed)
            await chat.TypeLineAsync(line);
        await chat.WaitForAsync("cannot reach the network — is `wisp up` running?");
        foreach (var line in typed)
            await chat.WaitForAsync($"you: {line}  (sending");

        await Task.WhenAll(nodes.Select(network.RestartAsync));
        await chat.WaitForAsync("(reconnected to the network)", timeout: TimeSpan.FromSeconds(180));
        foreach (var line in typed)
            await chat.WaitForAsync($"(sent: \"{line}\")", timeout: TimeSpan.FromSeconds(180));
        await chat.TypeLineAsync("/quit");
        Assert.Equal(0, await chat.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal(1, chat.Count("(reconnected to the network)"));

        // Bob fetches: everything, each exactly once, in the order typed.
        await using var bobClient = Open("bob", connect: true);
        await Eventually.TrueAsync(async () =>
        {
            await bobClient.FetchAsync(Token);
            return bobClient.Conversations.History(alice).Count >= 4;
        }, "every message at bob", TimeSpan.FromSeconds(120));
        Assert.Equal(["before the outage", .. typed], bobClient.Conversations.History(alice).Select(m => m.Body));
    }

    private AccountId NewAccount(string name)
    {
        Assert.True(AccountVault.Create(WispHome.At(_home.Path), ProfileName.Parse(name), passphrase: null).TryGet(out var created, out var error), error?.Message);
        using (created)
            return created.Account.AccountId;
    }

    private WispClient Open(string name, bool connect = false)
    {
        Assert.True(WispClient.Open(WispHome.At(_home.Path), ProfileName.Parse(name), passphrase: null).TryGet(out var client, out var error), error?.Message);
        if (connect)
            Assert.True(client.ConnectLocalNetwork(network.Folder, out var problem), problem);
        return client;
    }

    private string[] Args(params string[] args) => [.. args, "--home", _home.Path, "--network", network.Folder];
}
