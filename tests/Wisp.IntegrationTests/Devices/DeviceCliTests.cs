using System.Diagnostics;
using System.Text.Json;
using Wisp.IntegrationTests.Support;
using Wisp.Testing;

namespace Wisp.IntegrationTests.Devices;

/// <summary>
/// <c>wisp device</c> as a person runs it, every step its own <c>wisp</c> process: a second profile restored from the
/// first's recovery phrase links (the emoji on both sides the same), and both list the same two devices.
/// </summary>
[Collection(DeviceCollection.Name)]
public sealed class DeviceCliTests(DeviceNetwork network) : IAsyncDisposable
{
    private readonly TestProfiles _profiles = new(network);

    public ValueTask DisposeAsync() => _profiles.DisposeAsync();

    [Fact]
    public async Task Link_accept_and_list_from_the_command_line()
    {
        var created = await RunJsonAsync(offline: true, "account", "new", "--profile", "laptop", "--no-passphrase", "--skip-confirm", "--json");
        var phrase = created.GetProperty("recovery_phrase").GetString()!;
        await RunJsonAsync("device", "list", "--profile", "laptop", "--json"); // the laptop's group message goes out
        var (code, _, stderr) = await WispProcess.RunAsync(_profiles.Offline("account", "restore", "--profile", "phone", "--phrase", phrase, "--no-passphrase"));
        Assert.True(code == 0, stderr);

        var clock = Stopwatch.StartNew();
        var link = WispProcess.RunAsync(_profiles.Args("device", "link", "--profile", "phone", "--yes", "--json", "--timeout", "300"));
        JsonElement request = default;
        await Eventually.TrueAsync(async () =>
        {
            var requests = (await RunJsonAsync("device", "requests", "--profile", "laptop", "--json")).GetProperty("requests");
            if (requests.GetArrayLength() == 0)
                return false;
            request = requests[0].Clone();
            return true;
        }, "the laptop lists the phone's request", TimeSpan.FromSeconds(120));
        await RunJsonAsync("device", "accept", request.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture), "--profile", "laptop", "--yes", "--json");

        var (linkCode, linkOut, linkErr) = await link;
        Assert.True(linkCode == 0, linkErr);
        clock.Stop();
        var joined = JsonDocument.Parse(linkOut).RootElement;
        TestContext.Current.TestOutputHelper?.WriteLine($"time to link (request stored → joined, CLI processes): {clock.ElapsedMilliseconds} ms");
        Assert.True(joined.GetProperty("joined").GetBoolean());
        Assert.Equal(request.GetProperty("sas").EnumerateArray().Select(e => e.GetString()), joined.GetProperty("sas").EnumerateArray().Select(e => e.GetString()));

        foreach (var profile in new[] { "laptop", "phone" })
        {
            var list = await RunJsonAsync("device", "list", "--profile", profile, "--json");
            Assert.Equal("in_group", list.GetProperty("membership").GetString());
            var devices = list.GetProperty("devices").EnumerateArray().ToList();
            Assert.Equal(2, devices.Count(d => d.GetProperty("state").GetString() == "registered"));
            Assert.Single(devices, d => d.GetProperty("this_device").GetBoolean());
        }
    }

    private Task<JsonElement> RunJsonAsync(params string[] args) => RunJsonAsync(offline: false, args);

    private async Task<JsonElement> RunJsonAsync(bool offline, params string[] args)
    {
        var (code, stdout, stderr) = await WispProcess.RunAsync(offline ? _profiles.Offline(args) : _profiles.Args(args));
        Assert.True(code == 0, $"wisp {string.Join(' ', args)}: {stderr}");
        return JsonDocument.Parse(stdout).RootElement.Clone();
    }
}
