using System.Globalization;
using Microsoft.Playwright;
using Wisp.Client.Account;
using Wisp.Crypto.Kdf;
using Wisp.Testing;
using Wisp.Web;

namespace Wisp.Browser.Tests.Support;

/// <summary>
/// A real local network (<c>wisp up --nodes 5</c> as a process), a <c>wisp web</c> server for alice and one for bob
/// (each with its own Wisp home), and Debian's Chromium with one browser context each. The accounts are not made
/// here: the tests make them through the onboarding screens.
/// </summary>
public sealed class WebNetworkFixture : IAsyncLifetime
{
    private readonly TempDirectory _folder = new();
    private readonly List<WispWebHost> _hosts = [];
    private WispProcess? _up;
    private IPlaywright? _playwright;
    private Task? _accounts;
    private readonly SemaphoreSlim _accountsGate = new(1, 1);

    /// <summary>How many nodes <c>wisp up</c> starts: a guard, two relays and a destination, and a second guard.</summary>
    public const int NodeCount = 5;

    /// <summary>The network's folder.</summary>
    public string NetworkFolder => Path.Combine(_folder.Path, "network");

    public IBrowser Browser { get; private set; } = null!;

    public WebUser Alice { get; private set; } = null!;

    public WebUser Bob { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        await StartNetworkAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("WISP_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
        });
        Alice = await StartUserAsync("alice");
        Bob = await StartUserAsync("bob");
    }

    /// <summary>The pictures the tests take.</summary>
    public Screens Screens { get; } = new();

    /// <summary>
    /// Alice's and bob's accounts, made once through the onboarding screens (pictures of each step), by whichever test
    /// needs them first.
    /// </summary>
    public async Task AccountsAsync()
    {
        await _accountsGate.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            _accounts ??= Task.WhenAll(
                Ui.CreateAccountAsync(Alice, "Alice", "violet harbour lantern 7", Screens),
                Ui.CreateAccountAsync(Bob, "Bob", "granite meadow compass 4"));
        }
        finally
        {
            _accountsGate.Release();
        }
        await _accounts;
    }

    /// <summary>A <c>wisp web</c> server for a new, empty home, and a browser context (1280×800) for it.</summary>
    public async Task<WebUser> StartUserAsync(string profile)
    {
        var host = await WispWebHost.StartAsync(new WebOptions
        {
            Home = WispHome.At(Path.Combine(_folder.Path, "home-" + profile)),
            Profile = ProfileName.Parse(profile),
            NetworkFolder = NetworkFolder,
            KdfLimits = PasswordKdfLimits.Fast,
        }, TestContext.Current.CancellationToken);
        _hosts.Add(host);
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
            ColorScheme = ColorScheme.Light,
            Locale = "en-GB",
            TimezoneId = "UTC",
        });
        var page = await context.NewPageAsync();
        return new WebUser(profile, host, context, page);
    }

    /// <summary>The community server <c>wisp up</c> runs beside the nodes, with its lobby room.</summary>
    public LocalCommunity Community() => LocalCommunity.Read(NetworkFolder);

    /// <summary>Stops every node (SIGTERM to <c>wisp up</c>, which drains and stops them) and waits until it exited.</summary>
    public async Task StopNetworkAsync()
    {
        var up = _up ?? throw new InvalidOperationException("The network is not running.");
        up.Terminate();
        await up.WaitForExitAsync(TimeSpan.FromSeconds(60));
        up.Dispose();
        _up = null;
    }

    /// <summary>Starts the network (again): the same folder, so the same nodes, keys and ports.</summary>
    public async Task StartNetworkAsync()
    {
        _up = WispProcess.Start("up", "--nodes", NodeCount.ToString(CultureInfo.InvariantCulture), "--network", NetworkFolder, "--json");
        await _up.ReadJsonLineAsync(TimeSpan.FromSeconds(180));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts)
            await host.DisposeAsync();
        if (Browser is not null)
            await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (_up is not null)
        {
            _up.Terminate();
            await _up.WaitForExitAsync(TimeSpan.FromSeconds(60));
            _up.Dispose();
        }
        _folder.Dispose();
    }
}

/// <summary>One person: their <c>wisp web</c> server and their browser tab.</summary>
public sealed record WebUser(string Profile, WispWebHost Host, IBrowserContext Context, IPage Page)
{
    /// <summary>The Account ID, once onboarding made the account.</summary>
    public string AccountId { get; set; } = "";

    /// <summary>The launch token (from the URL's fragment).</summary>
    public string Token => Host.Url[(Host.Url.IndexOf("#token=", StringComparison.Ordinal) + 7)..];
}

[CollectionDefinition(Name)]
public sealed class WebNetworkCollection : ICollectionFixture<WebNetworkFixture>
{
    public const string Name = "wisp web on a local network";
}

/// <summary>
/// The community server <c>wisp up</c> runs beside the nodes (its lobby room), as its run file
/// <c>community/local-community.json</c> in the network's folder describes it, and the operator's commands on it.
/// </summary>
public sealed record LocalCommunity(string Url, string Data)
{
    /// <summary>The room's name, as the page shows it.</summary>
    public string RoomName => "Lobby";

    public static LocalCommunity Read(string networkFolder)
    {
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(Path.Combine(networkFolder, "community", "local-community.json")));
        return new LocalCommunity(json.RootElement.GetProperty("join_url").GetString()!, json.RootElement.GetProperty("data").GetString()!);
    }

    /// <summary><c>wisp community moderator add ID --room lobby --data DIR</c>, as the operator types it.</summary>
    public async Task AddModeratorAsync(string member)
    {
        var (exitCode, stdout, stderr) = await WispProcess.RunAsync("community", "moderator", "add", member, "--room", "lobby", "--data", Data);
        Assert.True(exitCode == 0, $"moderator add exited {exitCode}: {stdout} {stderr}");
    }
}
