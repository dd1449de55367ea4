using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Wisp.IntegrationTests.Conformance;

/// <summary><c>info</c>, <c>get_swarm</c> and the 421 of a node that does not serve the account.</summary>
[Collection(ConformanceCollection.Name)]
public sealed class InfoAndSwarmTests(ConformanceNetwork net)
{
    [Theory]
    [InlineData(Via.Https)]
    [InlineData(Via.Onion)]
    public async Task InfoAnswersVersionTimestampAndMiscFields(Via via)
    {
        var before = Clock.NowMs();

        var reply = Expect.Json(await net.RpcAsync(via, "info", new JsonObject()));

        // process_client_req(info): {version, timestamp} + add_misc_response_fields.
        Expect.Keys(reply, "hf", "t", "timestamp", "version");
        Assert.Equal([2, 8, 0], reply.GetProperty("version").EnumerateArray().Select(v => v.GetInt32()));
        var timestamp = reply.GetProperty("timestamp").GetInt64();
        Assert.InRange(timestamp, before - 1000, Clock.NowMs() + 1000);
        Expect.MiscFields(reply, before);
    }

    [Theory]
    [InlineData(Via.Https, "get_swarm")]
    [InlineData(Via.Onion, "get_swarm")]
    [InlineData(Via.Https, "get_snodes_for_pubkey")]
    [InlineData(Via.Onion, "get_snodes_for_pubkey")]
    public async Task GetSwarmDescribesEveryMemberAsSessionDoes(Via via, string method)
    {
        using var account = SessionAccount.NewSessionId();
        var before = Clock.NowMs();

        var reply = Expect.Json(await net.RpcAsync(via, method, new JsonObject { ["pubkey"] = account.Pubkey }));

        Expect.Keys(reply, "hf", "snodes", "swarm", "t");
        Expect.MiscFields(reply, before);
        ExpectSwarm(reply, net.Nodes);
    }

    [Fact]
    public async Task ANodeOutsideTheAccountsSwarmAnswers421NamingTheSwarm()
    {
        using var account = SessionAccount.NewSessionId();
        var now = Clock.NowMs();
        var requests = new (string Method, JsonObject Params)[]
        {
            ("store", account.Unsigned(new() { ["timestamp"] = now, ["ttl"] = 60_000, ["data"] = "aGk=" })),
            ("retrieve", Given.Retrieve(account)),
            ("delete_all", account.Signed(ClientSigns.DeleteAll(0, now), new() { ["timestamp"] = now })),
            ("get_expiries", account.Signed(ClientSigns.GetExpiries(now, "all"), new() { ["timestamp"] = now, ["messages"] = new JsonArray("all") })),
        };

        foreach (var (method, parameters) in requests)
        {
            var before = Clock.NowMs();
            var answer = await net.RpcAsync(Via.Https, method, parameters, net.Outsider);

            // handle_wrong_swarm: swarm_to_json + add_misc_response_fields, status 421.
            var reply = Expect.Json(answer, 421);
            Expect.Keys(reply, "hf", "snodes", "swarm", "t");
            Expect.MiscFields(reply, before);
            ExpectSwarm(reply, net.Nodes);
        }
    }

    /// <summary>swarm_to_json: the swarm id in hex and, for each member, Session's nine fields.</summary>
    internal static void ExpectSwarm(JsonElement reply, IReadOnlyList<WireNode> members)
    {
        var swarm = reply.GetProperty("swarm").GetString()!;
        Assert.True(ulong.TryParse(swarm, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out _) && swarm == swarm.ToLowerInvariant(),
            $"swarm is not a u64 in hex: {swarm}");
        var snodes = reply.GetProperty("snodes").EnumerateArray().ToList();
        Assert.Equal(members.Select(m => m.Ed25519.ToHex()).Order(), snodes.Select(s => s.GetProperty("pubkey_ed25519").GetString()).Order());
        foreach (var snode in snodes)
        {
            Expect.Keys(snode, "address", "ip", "port", "port_https", "port_omq", "port_quic", "pubkey_ed25519", "pubkey_legacy", "pubkey_x25519");
            var member = members.Single(m => m.Ed25519.ToHex() == snode.GetProperty("pubkey_ed25519").GetString());
            Assert.Equal(member.X25519.ToHex(), snode.GetProperty("pubkey_x25519").GetString());
            Assert.Equal(member.Url.Host, snode.GetProperty("ip").GetString());
            Assert.Equal(member.Url.Port, snode.GetProperty("port_https").GetInt32());
            // "port" is the deprecated string form of port_https; port_omq and port_quic are one number.
            Assert.Equal(member.Url.Port.ToString(CultureInfo.InvariantCulture), snode.GetProperty("port").GetString());
            Assert.Equal(snode.GetProperty("port_omq").GetInt32(), snode.GetProperty("port_quic").GetInt32());
            var legacy = snode.GetProperty("pubkey_legacy").GetString()!;
            Assert.Matches("^[0-9a-f]{64}$", legacy);
            // "address" (deprecated): the legacy key in z-base-32, then ".snode".
            Assert.Equal(ZBase32(Convert.FromHexString(legacy)) + ".snode", snode.GetProperty("address").GetString());
        }
    }

    /// <summary>z-base-32 (oxenc::to_base32z): 5 bits at a time, most significant first, no padding.</summary>
    private static string ZBase32(byte[] bytes)
    {
        const string Alphabet = "ybndrfg8ejkmcpqxot1uwisza345h769";
        var text = new System.Text.StringBuilder();
        int buffer = 0, bits = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                text.Append(Alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0)
            text.Append(Alphabet[(buffer << (5 - bits)) & 31]);
        return text.ToString();
    }
}
