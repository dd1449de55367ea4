using System.Net.Http.Headers;
using Wisp.Client;
using Wisp.Client.Account;
using Wisp.Crypto.Kdf;
using Wisp.Testing;
using Wisp.Web.Bots;

namespace Wisp.Web.Tests.Bots;

/// <summary>
/// One bot API host in this process (the real host: Kestrel on 127.0.0.1, a real port) over a real account in its own
/// Wisp home, following <c>networkFolder</c>; and an HTTP client that sends the bearer token.
/// </summary>
public sealed class BotApp : IAsyncDisposable
{
    private readonly TempDirectory? _home;

    private BotApp(BotHost host, WispClient client, string token, string tokenFile, TempDirectory? home)
    {
        _home = home;
        Host = host;
        Client = client;
        Token = token;
        TokenFile = tokenFile;
        Http = new HttpClient { BaseAddress = new Uri(host.Url), Timeout = TimeSpan.FromSeconds(120) };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public BotHost Host { get; }

    /// <summary>The bot's account (the host connects and starts it).</summary>
    public WispClient Client { get; }

    public string Token { get; }

    public string TokenFile { get; }

    /// <summary>Calls with the token; paths are relative to <c>/api/bot/v1/</c>.</summary>
    public HttpClient Http { get; }

    /// <summary>A host over a fresh account (or the one in <paramref name="homePath"/>'s <paramref name="profile"/>).</summary>
    public static async Task<BotApp> StartAsync(string networkFolder, string? homePath = null, string profile = "bot")
    {
        var temp = homePath is null ? new TempDirectory() : null;
        var home = WispHome.At(homePath ?? temp!.Path);
        var name = ProfileName.Parse(profile);
        if (!AccountVault.Describe(home, name).IsSuccess)
            AccountVault.Create(home, name, null, PasswordKdfLimits.Fast).Value!.Dispose();
        var client = WispClient.Open(home, name, null).Value!;
        var tokenFile = Path.Combine(home.ProfileDirectory(name), "bot-token");
        Assert.True(BotToken.TryLoadOrCreate(tokenFile, out var token, out var error), error);
        var host = await BotHost.StartAsync(client, networkFolder, token, 0, Microsoft.Extensions.Logging.LogLevel.Warning, TestContext.Current.CancellationToken);
        return new BotApp(host, client, token, tokenFile, temp);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
        await Client.DisposeAsync();
        _home?.Dispose();
    }
}
