using System.Net;
using Microsoft.Playwright;
using Wisp.Browser.Tests.Support;

namespace Wisp.Browser.Tests;

/// <summary>From a browser, the API answers only the page that holds the launch token, on its own origin.</summary>
[Collection(WebNetworkCollection.Name)]
public sealed class SecurityTests(WebNetworkFixture web)
{
    [Fact]
    public async Task A_fetch_without_the_token_is_refused_with_401()
    {
        var page = web.Alice.Page;
        await page.GotoAsync(web.Alice.Host.Url);

        var without = await page.EvaluateAsync<int>("() => fetch('/api/session').then(r => r.status)");
        var with = await page.EvaluateAsync<int>("() => fetch('/api/session', { headers: { 'X-Wisp-Token': sessionStorage.getItem('wisp-token') } }).then(r => r.status)");

        Assert.Equal(401, without);
        Assert.Equal(200, with);
    }

    [Fact]
    public async Task A_page_of_another_origin_cannot_call_the_api_even_with_the_token()
    {
        // Bob's server is another origin (another port): a page there that somehow knew alice's token still gets nothing.
        var page = web.Bob.Page;
        await page.GotoAsync(web.Bob.Host.Url);
        var outcome = await page.EvaluateAsync<string>(
            "([url, token]) => fetch(url + 'api/session', { headers: { 'X-Wisp-Token': token } }).then(r => 'status ' + r.status, e => 'refused: ' + e.name)",
            new[] { web.Alice.Host.BaseUrl.TrimEnd('/') + "/", web.Alice.Token });

        Assert.StartsWith("refused", outcome, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_server_refuses_a_foreign_origin_and_serves_the_page_under_a_strict_policy()
    {
        using var http = new HttpClient { BaseAddress = new Uri(web.Alice.Host.BaseUrl) };
        using var foreign = new HttpRequestMessage(HttpMethod.Get, "/api/session");
        foreign.Headers.Add("X-Wisp-Token", web.Alice.Token);
        foreign.Headers.Add("Origin", "http://evil.example");
        using var own = new HttpRequestMessage(HttpMethod.Get, "/api/session");
        own.Headers.Add("X-Wisp-Token", web.Alice.Token);
        own.Headers.Add("Origin", web.Alice.Host.BaseUrl.TrimEnd('/'));

        using var refused = await http.SendAsync(foreign, TestContext.Current.CancellationToken);
        using var allowed = await http.SendAsync(own, TestContext.Current.CancellationToken);
        using var index = await http.GetAsync("/", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, index.StatusCode);
        var policy = string.Join(";", index.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", policy);
        Assert.Contains("style-src 'self'", policy);
        // The built page itself holds no inline script or style for that policy to block.
        var html = await index.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Matches("<script type=\"module\" crossorigin src=\"/assets/[^\"]+\\.js\"></script>", html);
        Assert.DoesNotMatch("<script>|<script type=\"module\">|<style|style=", html);
        // …and the files it names are served, with their types (a path with an extension is a file, not the page).
        var script = System.Text.RegularExpressions.Regex.Match(html, "src=\"(/assets/[^\"]+\\.js)\"").Groups[1].Value;
        using var scriptResponse = await http.GetAsync(script, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, scriptResponse.StatusCode);
        Assert.Equal("text/javascript", scriptResponse.Content.Headers.ContentType?.MediaType);
    }
}
