using System.Net;
using Wisp.Testing;

namespace Wisp.Web.Tests;

/// <summary>The real <c>wisp web</c> process: it prints the address with the token, serves it, and stops cleanly on SIGTERM.</summary>
public sealed class WebCommandTests
{
    [Fact]
    public async Task Wisp_web_prints_an_address_with_its_token_serves_it_and_stops_cleanly_on_sigterm()
    {
        using var home = new TempDirectory();
        using var process = WispProcess.Start("web", "--home", home.Path, "--network", Path.Combine(home.Path, "no-network"), "--json");
        var printed = await process.ReadJsonLineAsync(TimeSpan.FromSeconds(60));
        var url = new Uri(printed.GetProperty("url").GetString()!);
        Assert.Equal("127.0.0.1", url.Host);
        Assert.StartsWith("#token=", url.Fragment, StringComparison.Ordinal);

        using var http = new HttpClient { BaseAddress = new Uri(url.GetLeftPart(UriPartial.Authority)) };
        using (var refused = await http.GetAsync("/api/session", TestContext.Current.CancellationToken))
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        http.DefaultRequestHeaders.Add("X-Wisp-Token", url.Fragment["#token=".Length..]);
        using (var session = await http.GetAsync("/api/session", TestContext.Current.CancellationToken))
            Assert.Equal(HttpStatusCode.OK, session.StatusCode);

        process.Terminate();
        Assert.Equal(0, await process.WaitForExitAsync());
        if (!printed.GetProperty("front_end").GetBoolean())
            Assert.Contains("npm ci && npm run build", await process.StderrAsync(), StringComparison.Ordinal);
    }
}
