using System.Net;
using System.Text;
using Wisp.Testing;
using Wisp.Web.Tests.Support;

namespace Wisp.Web.Tests;

/// <summary>The built front end as the server hands it out: types, caching, the app's own routes, 304s, the CSP.</summary>
public sealed class FrontEndServingTests : IAsyncLifetime
{
    private const string Page = "<!doctype html><html><head><script type=\"module\" src=\"/assets/app-1a2b3c.js\"></script></head><body></body></html>";
    private readonly TempDirectory _noNetwork = new();
    private WebApp _app = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _app = await WebApp.StartAsync(_noNetwork.Path, frontEnd: new Dictionary<string, byte[]>
    {
        ["index.html"] = Encoding.UTF8.GetBytes(Page),
        ["assets/app-1a2b3c.js"] = Encoding.UTF8.GetBytes("console.log('wisp');"),
        ["assets/app-1a2b3c.css"] = Encoding.UTF8.GetBytes("body{}"),
        ["favicon.svg"] = Encoding.UTF8.GetBytes("<svg/>"),
    });

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _noNetwork.Dispose();
    }

    private HttpClient Bare() => new() { BaseAddress = new Uri(_app.Host.BaseUrl) };

    [Theory]
    [InlineData("/", "text/html", "no-cache")]
    [InlineData("/conversations/05aa", "text/html", "no-cache")]
    [InlineData("/assets/app-1a2b3c.js", "text/javascript", "public, max-age=31536000, immutable")]
    [InlineData("/assets/app-1a2b3c.css", "text/css", "public, max-age=31536000, immutable")]
    [InlineData("/favicon.svg", "image/svg+xml", "no-cache")]
    public async Task Each_file_has_its_content_type_and_caching_and_the_csp(string path, string type, string cache)
    {
        using var bare = Bare();
        using var response = await bare.GetAsync(path, Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(cache, response.Headers.CacheControl?.ToString());
        Assert.StartsWith("default-src 'self'", Assert.Single(response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_is_404_and_an_unchanged_one_is_304()
    {
        using var bare = Bare();
        using var missing = await bare.GetAsync("/assets/gone-000.js", Token);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        using var first = await bare.GetAsync("/", Token);
        Assert.Equal(Page, await first.Content.ReadAsStringAsync(Token));
        using var again = new HttpRequestMessage(HttpMethod.Get, "/");
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var unchanged = await bare.SendAsync(again, Token);
        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);

        using var post = await bare.PostAsync("/", new StringContent(""), Token);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
    }
}
