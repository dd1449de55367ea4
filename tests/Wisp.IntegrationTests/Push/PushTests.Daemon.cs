using System.Text.Json;
using Wisp.Client.Account;
using Wisp.Crypto.Keys;
using Wisp.Testing;

namespace Wisp.IntegrationTests.Push;

/// <summary>
/// What issue 19 is done by: <c>wisp daemon --push</c> as a UnifiedPush receiver, woken by the push server's
/// notification of a message to its account, decrypts it, fetches and shows the message; stopped, it unregisters.
/// </summary>
public sealed partial class PushTests
{
    [Fact]
    public async Task A_message_to_an_account_wakes_its_push_daemon_which_shows_it()
    {
        var bob = NewAccount("bob");
        using var daemon = WispProcess.Start(Args("daemon", "--push", "--profile", "bob", "--json"));
        var listening = await NextAsync(daemon, e => Event(e) == "push_listening", "the daemon's receiver is registered");
        Assert.True(listening.GetProperty("registered").GetBoolean(), listening.ToString());
        Assert.StartsWith("http://127.0.0.1:", listening.GetProperty("endpoint").GetString(), StringComparison.Ordinal);

        var (alice, _) = Account("alice");
        Assert.NotNull(alice.Conversations.Send(bob, "wake up, bob", "Alice", out var error));
        Assert.Null(error);
        await alice.OutboxRunner.SendDueAsync(Token);

        // The notification and the message, in either order: the waiting retrieve (the fallback) may see it first.
        JsonElement? push = null, shown = null;
        while (push is null || shown is null)
        {
            var line = await NextAsync(daemon, e => Event(e) is "push" or "message", "the push notification and the message reach the daemon");
            if (Event(line) == "push") push = line;
            else shown = line;
        }
        Assert.Equal(bob.Hex, push.Value.GetProperty("account_id").GetString());
        Assert.Equal(0, push.Value.GetProperty("namespace").GetInt32());
        Assert.Equal("wake up, bob", shown.Value.GetProperty("message").GetProperty("body").GetString());

        // Stopped, the daemon unregisters its receiver (its URL dies with it).
        ProcessSignals.Terminate(daemon.Id);
        var unregistered = await NextAsync(daemon, e => Event(e) == "push_unregistered", "the daemon unregisters on the way out");
        Assert.True(unregistered.GetProperty("ok").GetBoolean(), unregistered.ToString());
        Assert.Equal(0, await daemon.WaitForExitAsync());
    }

    private static string? Event(JsonElement e) => e.TryGetProperty("event", out var name) ? name.GetString() : null;

    /// <summary>Reads the daemon's JSON lines until one matches (lines before it are skipped).</summary>
    private static async Task<JsonElement> NextAsync(WispProcess process, Func<JsonElement, bool> match, string what)
    {
        while (true)
        {
            var line = await process.ReadJsonLineAsync(TimeSpan.FromSeconds(120));
            if (match(line))
                return line;
            Assert.False(Event(line) == "push_dropped", $"the daemon dropped a notification while waiting for: {what}");
        }
    }

    private AccountId NewAccount(string name)
    {
        Assert.True(AccountVault.Create(WispHome.At(_home.Path), ProfileName.Parse(name), passphrase: null).TryGet(out var created, out var error), error?.Message);
        using (created)
            return created.Account.AccountId;
    }

    private string[] Args(params string[] args) => [.. args, "--home", _home.Path, "--network", network.Folder];
}
