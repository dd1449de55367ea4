using System.Text.Json;
using Wisp.Testing;

namespace Wisp.IntegrationTests.Direct;

/// <summary>
/// Direct mode end to end across simulated NATs with real <c>wisp</c> processes: two contacts, each behind its own
/// masquerading router (network namespaces and iptables made by the test), on a network <c>wisp up --host</c> runs on
/// the lab's "internet". They turn direct mode on, talk directly (one-shot <c>wisp send</c> runs the direct path for the
/// time it runs; the receiver's <c>wisp daemon</c> listens), and when their UDP is cut the rest goes through the swarm,
/// each message exactly once, in order, with the path <c>wisp history</c> marks; a file sent direct is
/// saved by the receiver from its own device, marked direct.
/// </summary>
public sealed class NatEndToEndTests(NatNetwork network) : IClassFixture<NatNetwork>
{
    [Fact]
    public async Task Contacts_behind_consistent_nats_talk_and_send_a_file_directly_and_fall_back_to_the_swarm_when_udp_is_cut()
    {
        if (network.Skip is not null) Assert.Skip(network.Skip);
        var (alice, bob) = await PairAsync("c1", "alice", "c2", "bob");
        var photo = System.Security.Cryptography.RandomNumberGenerator.GetBytes(150_000);
        var photoPath = Path.Combine(network.Scratch, "photo.jpg");
        await File.WriteAllBytesAsync(photoPath, photo, TestContext.Current.CancellationToken);
        var texts = new[] { "direct 1", "direct 2", "a photo", "after the cut 3", "after the cut 4" };

        foreach (var text in texts[..2])
            Assert.Equal("direct", (await SendAsync("c1", "alice", bob, text)).GetProperty("path").GetString());
        var withFile = await SendAsync("c1", "alice", bob, texts[2], "--file", photoPath);
        Assert.Equal("direct", withFile.GetProperty("path").GetString());
        Assert.Equal(["direct"], withFile.GetProperty("file_paths").EnumerateArray().Select(p => p.GetString()));
        network.Lab.CutUdp("c1");
        network.Lab.CutUdp("c2");
        try
        {
            foreach (var text in texts[3..])
                Assert.Equal("swarm", (await SendAsync("c1", "alice", bob, text)).GetProperty("path").GetString());
            await Eventually.TrueAsync(async () => (await network.HistoryAsync("bob", alice)).Count >= texts.Length,
                "bob's daemon has the messages that went through the swarm", TimeSpan.FromSeconds(60));
        }
        finally
        {
            network.Lab.CutUdp("c1", cut: false);
            network.Lab.CutUdp("c2", cut: false);
        }

        // Each message once, in order, marked with the way it went on both sides; the file is marked direct too.
        string[] bodies = [.. texts[..2], "[file] photo.jpg (150.0 kB)\na photo", .. texts[3..]];
        string[] paths = ["direct", "direct", "direct", "swarm", "swarm"];
        var received = await network.HistoryAsync("bob", alice);
        Assert.Equal(bodies.Zip(paths).Select(p => (p.First, p.Second, "in")), received.Select(m => (m.Body, m.Path, m.Direction)));
        Assert.Equal(bodies.Zip(paths).Select(p => (p.First, p.Second, "out")), (await network.HistoryAsync("alice", bob)).Select(m => (m.Body, m.Path, m.Direction)));
        Assert.Equal(["direct"], received[2].FilePaths);
        // The file came on the session, so bob's device holds it: `wisp files get` saves the same bytes, marked direct.
        var (code, stdout, stderr) = await network.RunAsync("c2", "files", "get", received[2].Id, "--profile", "bob",
            "--out", Path.Combine(network.Scratch, "bob"), "--json");
        Assert.True(code == 0, stderr);
        using var got = JsonDocument.Parse(stdout);
        var file = Assert.Single(got.RootElement.GetProperty("files").EnumerateArray());
        Assert.Equal("direct", file.GetProperty("path").GetString());
        Assert.Equal(photo, await File.ReadAllBytesAsync(file.GetProperty("saved").GetString()!, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Contacts_behind_random_port_nats_talk_through_the_blind_relay_of_a_node()
    {
        if (network.Skip is not null) Assert.Skip(network.Skip);
        var (carol, dave) = await PairAsync("r1", "carol", "r2", "dave");

        Assert.Equal("relayed", (await SendAsync("r1", "carol", dave, "through the relay")).GetProperty("path").GetString());

        await Eventually.TrueAsync(async () => (await network.HistoryAsync("dave", carol)).Count >= 1, "dave has the message");
        Assert.Equal([("through the relay", "relayed", "in")], (await network.HistoryAsync("dave", carol)).Select(m => (m.Body, m.Path, m.Direction)));
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

    /// <summary><c>wisp send TO TEXT --json [more]</c> from <paramref name="ns"/>: sent; its JSON (the path it took, the files').</summary>
    private async Task<JsonElement> SendAsync(string ns, string profile, string to, string text, params string[] more)
    {
        var (code, stdout, stderr) = await network.RunAsync(ns, ["send", to, text, "--json", "--profile", profile, .. more]);
        Assert.True(code == 0, $"wisp send exited {code}: {stderr}");
        using var sent = JsonDocument.Parse(stdout);
        Assert.Equal("sent", sent.RootElement.GetProperty("delivery").GetString());
        return sent.RootElement.Clone();
    }

    private static async Task OkAsync(Task<(int ExitCode, string Stdout, string Stderr)> run)
    {
        var (code, _, stderr) = await run;
        Assert.True(code == 0, $"wisp exited {code}: {stderr}");
    }
}
