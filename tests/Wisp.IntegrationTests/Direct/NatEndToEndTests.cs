using System.Text.Json;
using Wisp.Testing;

namespace Wisp.IntegrationTests.Direct;

/// <summary>
/// Direct mode end to end across simulated NATs with real <c>wisp</c> processes: two contacts, each behind its own
/// masquerading router (network namespaces and iptables made by the test), on a network <c>wisp up --host</c> runs on
/// the lab's "internet". They turn direct mode on, talk directly (one-shot <c>wisp send</c> runs the direct path for the
/// time it runs; the receiver's <c>wisp daemon</c> listens), and when their UDP is cut the rest goes through the swarm,
/// each message exactly once, in order, with the path <c>wisp history</c> marks.
/// </summary>
public sealed class NatEndToEndTests(NatNetwork network) : IClassFixture<NatNetwork>
{
    [Fact]
    public async Task Contacts_behind_consistent_nats_talk_directly_and_fall_back_to_the_swarm_when_udp_is_cut()
    {
        if (network.Skip is not null) Assert.Skip(network.Skip);
        var (alice, bob) = await PairAsync("c1", "alice", "c2", "bob");
        var texts = new[] { "direct 1", "direct 2", "after the cut 3", "after the cut 4" };

        foreach (var text in texts[..2])
            Assert.Equal("direct", await SendAsync("c1", "alice", bob, text));
        network.Lab.CutUdp("c1");
        network.Lab.CutUdp("c2");
        try
        {
            foreach (var text in texts[2..])
                Assert.Equal("swarm", await SendAsync("c1", "alice", bob, text));
            await Eventually.TrueAsync(async () => (await network.HistoryAsync("bob", alice)).Count >= texts.Length,
                "bob's daemon has the messages that went through the swarm", TimeSpan.FromSeconds(60));
        }
        finally
        {
            network.Lab.CutUdp("c1", cut: false);
            network.Lab.CutUdp("c2", cut: false);
        }

        string[] paths = ["direct", "direct", "swarm", "swarm"];
        Assert.Equal(texts.Zip(paths).Select(p => (p.First, p.Second, "in")), await network.HistoryAsync("bob", alice));
        Assert.Equal(texts.Zip(paths).Select(p => (p.First, p.Second, "out")), await network.HistoryAsync("alice", bob));
    }

    [Fact]
    public async Task Contacts_behind_random_port_nats_talk_through_the_blind_relay_of_a_node()
    {
        if (network.Skip is not null) Assert.Skip(network.Skip);
        var (carol, dave) = await PairAsync("r1", "carol", "r2", "dave");

        Assert.Equal("relayed", await SendAsync("r1", "carol", dave, "through the relay"));

        await Eventually.TrueAsync(async () => (await network.HistoryAsync("dave", carol)).Count >= 1, "dave has the message");
        Assert.Equal([("through the relay", "relayed", "in")], await network.HistoryAsync("dave", carol));
    }

    /// <summary>
    /// Two new accounts, the sender in <paramref name="senderNs"/> and the receiver in <paramref name="receiverNs"/>, with
    /// direct mode on both sides (offers through the swarm) and the receiver's daemon online; their Account IDs.
    /// </summary>
    private async Task<(string Sender, string Receiver)> PairAsync(string senderNs, string senderProfile, string receiverNs, string receiverProfile)
    {
        var sender = network.CreateAccount(senderProfile);
        var receiver = network.CreateAccount(receiverProfile);
        await OkAsync(network.RunAsync(senderNs, "contacts", "direct", "on", receiver, "--yes", "--profile", senderProfile));
        await OkAsync(network.RunAsync(receiverNs, "contacts", "direct", "on", sender, "--yes", "--profile", receiverProfile));
        // Direct mode is offered: the daemon's endpoint starts at once, and it takes the sender's offer from the swarm.
        await network.StartDaemonAsync(receiverNs, receiverProfile);
        await Eventually.TrueAsync(async () => await network.DirectStateAsync(receiverProfile, sender) == "on",
            $"{receiverProfile}'s daemon took {senderProfile}'s offer", TimeSpan.FromSeconds(60));
        await Eventually.TrueAsync(async () =>
        {
            await OkAsync(network.RunAsync(senderNs, "inbox", "--fetch", "--profile", senderProfile));
            return await network.DirectStateAsync(senderProfile, receiver) == "on";
        }, $"{senderProfile} took {receiverProfile}'s offer", TimeSpan.FromSeconds(60));
        return (sender, receiver);
    }

    /// <summary><c>wisp send TO TEXT --json</c> from <paramref name="ns"/>: sent, and the path it took.</summary>
    private async Task<string> SendAsync(string ns, string profile, string to, string text)
    {
        var (code, stdout, stderr) = await network.RunAsync(ns, "send", to, text, "--json", "--profile", profile);
        Assert.True(code == 0, $"wisp send exited {code}: {stderr}");
        using var sent = JsonDocument.Parse(stdout);
        Assert.Equal("sent", sent.RootElement.GetProperty("delivery").GetString());
        return sent.RootElement.GetProperty("path").GetString()!;
    }

    private static async Task OkAsync(Task<(int ExitCode, string Stdout, string Stderr)> run)
    {
        var (code, _, stderr) = await run;
        Assert.True(code == 0, $"wisp exited {code}: {stderr}");
    }
}
