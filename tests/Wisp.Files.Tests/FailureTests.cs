using System.Text;
using Wisp.Files.Tests.Support;
using Wisp.Protocol.Bencode;
using Wisp.Protocol.Files;
using static Wisp.Files.Tests.Support.TestFileServer;

namespace Wisp.Files.Tests;

/// <summary>
/// A failure while storing (here the files directory replaced by a plain file, so nothing can be written into it) is
/// Session's <c>{"status_code":500}</c>, over HTTP and encrypted inside an onion answer, never a dropped connection or
/// a stack trace; and it leaves nothing behind in the temporary folder.
/// </summary>
public sealed class FailureTests : IAsyncLifetime
{
    private TestFileServer _server = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await TestFileServer.StartAsync();
        var files = Path.Combine(_server.DataDirectory, "files");
        Directory.Delete(files);
        await File.WriteAllTextAsync(files, "in the way", Token);
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_store_that_fails_is_a_500_with_sessions_body()
    {
        var answer = await ReadAsync(await _server.Http.PostAsync(FileRoutes.File, new ByteArrayContent(Bytes.Random(1000)), Token));

        Assert.Equal((500, "{\"status_code\":500}"), answer);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(_server.DataDirectory, "tmp")));
    }

    [Fact]
    public async Task A_store_that_fails_inside_an_onion_request_is_an_encrypted_500()
    {
        var (layer, key) = OnionToServer.ServerLayer(_server.Server.PublicKey,
            new OnionV4Request("POST", FileRoutes.File, new Dictionary<string, string>(), Bytes.Random(1000)), _server.Server.Port);
        using (key)
        {
            using var response = await _server.Http.PostAsync(FileRoutes.OnionV4, new ByteArrayContent(layer), Token);

            var answer = OnionToServer.Open(key, await response.Content.ReadAsByteArrayAsync(Token));
            Assert.Equal((500, "{\"status_code\":500}"), (answer.Code, Encoding.UTF8.GetString(answer.Body.Span)));
        }
    }
}
