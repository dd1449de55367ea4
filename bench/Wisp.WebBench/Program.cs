using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Wisp.Client.Account;
using Wisp.Crypto.Kdf;
using Wisp.Web;

// dotnet run -c Release --project bench/Wisp.WebBench -- [--nodes 20] [--messages 50]
// A local network (`wisp up --nodes N`), two `wisp web` servers (alice, bob) in this process, Debian's Chromium with a
// tab for each. Each message is typed into one tab and Enter pressed; the clock stops when the other tab shows it.
// Directions alternate. Prints p50/p90/p99 of that round trip.
var nodes = Option("--nodes", 20);
var count = Option("--messages", 50);
var chromium = Environment.GetEnvironmentVariable("WISP_CHROMIUM") ?? "/usr/bin/chromium";
var folder = Path.Combine(Path.GetTempPath(), "wisp-webbench-" + Guid.NewGuid().ToString("N")[..8]);
Directory.CreateDirectory(folder);
var network = Path.Combine(folder, "network");

Console.WriteLine($"wisp web round trip: {nodes}-node local network (wisp up), two wisp web servers, Chromium headless, {count} messages");
using var up = StartUp(network, nodes);
var hosts = new List<WispWebHost>();
try
{
    var upLine = await up.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(5))
        ?? throw new InvalidOperationException("wisp up ended before the network was up: " + await up.StandardError.ReadToEndAsync());
    _ = up.StandardOutput.ReadToEndAsync();
    Console.WriteLine($"network up ({JsonDocument.Parse(upLine).RootElement.GetProperty("nodes").GetArrayLength()} nodes)");

    var alice = await StartAsync("alice");
    var bob = await StartAsync("bob");
    using var playwright = await Playwright.CreateAsync();
    await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = chromium, Headless = true });
    var alicePage = await (await browser.NewContextAsync()).NewPageAsync();
    var bobPage = await (await browser.NewContextAsync()).NewPageAsync();
    await alicePage.GotoAsync(alice.Host.Url);
    await bobPage.GotoAsync(bob.Host.Url);

    // Alice starts the conversation; bob accepts the request; one message each way before the clock runs.
    await alicePage.GetByRole(AriaRole.Button, new() { Name = "New conversation" }).First.ClickAsync();
    await alicePage.GetByLabel("Their Account ID").FillAsync(bob.AccountId);
    await alicePage.GetByRole(AriaRole.Button, new() { Name = "Start chat" }).ClickAsync();
    await SendAsync(alicePage, "warm-up from alice");
    await bobPage.GetByTestId("requests-row").ClickAsync(new() { Timeout = 180_000 });
    await bobPage.Locator($"[data-testid=conversation][data-peer='{alice.AccountId}']").ClickAsync();
    await bobPage.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
    await Shown(bobPage, "warm-up from alice").WaitForAsync(new() { Timeout = 180_000 });
    await SendAsync(bobPage, "warm-up from bob");
    await Shown(alicePage, "warm-up from bob").WaitForAsync(new() { Timeout = 180_000 });

    var times = new List<double>();
    for (var i = 0; i < count; i++)
    {
        var (from, to) = i % 2 == 0 ? (alicePage, bobPage) : (bobPage, alicePage);
        var text = $"round trip {i} {Guid.NewGuid():N}";
        var composer = from.GetByRole(AriaRole.Textbox, new() { Name = "Message to" });
        await composer.FillAsync(text);
        var clock = Stopwatch.StartNew();
        await composer.PressAsync("Enter");
        await Shown(to, text).WaitForAsync(new() { Timeout = 180_000 });
        times.Add(clock.Elapsed.TotalMilliseconds);
    }
    times.Sort();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"round trip (send in one tab → shown in the other), {times.Count} messages: p50 {Percentile(times, 0.50):F0} ms, " +
        $"p90 {Percentile(times, 0.90):F0} ms, p99 {Percentile(times, 0.99):F0} ms, min {times[0]:F0} ms, max {times[^1]:F0} ms"));
    return 0;
}
finally
{
    foreach (var host in hosts)
        await host.DisposeAsync();
    if (!up.HasExited)
    {
        Process.Start("kill", ["-TERM", up.Id.ToString(CultureInfo.InvariantCulture)])!.WaitForExit();
        await up.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
    }
    try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
}

async Task<(WispWebHost Host, string AccountId)> StartAsync(string profile)
{
    var host = await WispWebHost.StartAsync(new WebOptions
    {
        Home = WispHome.At(Path.Combine(folder, "home-" + profile)),
        Profile = ProfileName.Parse(profile),
        NetworkFolder = network,
        KdfLimits = PasswordKdfLimits.Fast,
    }, CancellationToken.None);
    hosts.Add(host);
    using var http = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
    http.DefaultRequestHeaders.Add("X-Wisp-Token", host.Url[(host.Url.IndexOf("#token=", StringComparison.Ordinal) + 7)..]);
    using var created = await http.PostAsJsonAsync("/api/profiles", new { profile, passphrase = (string?)null });
    created.EnsureSuccessStatusCode();
    using var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
    return (host, body.RootElement.GetProperty("account_id").GetString()!);
}

static async Task SendAsync(IPage page, string text)
{
    var composer = page.GetByRole(AriaRole.Textbox, new() { Name = "Message to" });
    await composer.FillAsync(text);
    await composer.PressAsync("Enter");
}

static ILocator Shown(IPage page, string text) => page.GetByTestId("message-text").GetByText(text, new() { Exact = true });

static double Percentile(List<double> sorted, double q) => sorted[Math.Max(0, (int)Math.Ceiling(q * sorted.Count) - 1)];

static Process StartUp(string network, int nodes)
{
    var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
    foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "wisp.dll"), "up", "--nodes", nodes.ToString(CultureInfo.InvariantCulture), "--network", network, "--json", "--log-level", "Warning" })
        start.ArgumentList.Add(arg);
    return Process.Start(start)!;
}

int Option(string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
}
