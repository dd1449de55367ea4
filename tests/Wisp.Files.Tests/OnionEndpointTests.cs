using System.Net;
using System.Text;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Onion;
using Wisp.Files.Tests.Support;
using Wisp.Node.Onion;
using Wisp.Protocol.Bencode;
using Wisp.Protocol.Files;
using Wisp.Testing;
using static Wisp.Files.Tests.Support.TestFileServer;

namespace Wisp.Files.Tests;

/// <summary>
/// Session's <c>/oxen/v4/lsrpc</c>: the server peels the client's last layer with its own X25519 key and answers the
/// v4 request inside as it answers HTTP, encrypted back; and a real node relays such a request to it when its operator
/// allows the server's address and port.
/// </summary>
public sealed class OnionEndpointTests : IAsyncLifetime
{
    private TestFileServer _server = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static readonly Dictionary<string, string> NoHeaders = [];

    public async ValueTask InitializeAsync() => _server = await TestFileServer.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private async Task<OnionV4Response> SendAsync(OnionV4Request request, OnionEncryptionType encryption = OnionEncryptionType.XChaCha20)
    {
        var (layer, key) = OnionToServer.ServerLayer(_server.Server.PublicKey, request, _server.Server.Port, encryption);
        using (key)
        {
            using var answer = await _server.Http.PostAsync(FileRoutes.OnionV4, new ByteArrayContent(layer), Token);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            return OnionToServer.Open(key, await answer.Content.ReadAsByteArrayAsync(Token));
        }
    }

    [Theory]
    [InlineData(OnionEncryptionType.XChaCha20)]
    [InlineData(OnionEncryptionType.AesGcm)]
    public async Task An_upload_and_a_download_through_the_onion_endpoint(OnionEncryptionType encryption)
    {
        var file = Bytes.Random(200_000);

        var upload = await SendAsync(new OnionV4Request("POST", FileRoutes.File, NoHeaders, file), encryption);

        Assert.Equal(200, upload.Code);
        Assert.Equal("application/json", upload.Headers["content-type"]);
        var id = Json(Encoding.UTF8.GetString(upload.Body.Span), FileServerJsonContext.Default.FileUploaded).Id;
        Assert.Equal(FileId.Of(file), id);
        var download = await SendAsync(new OnionV4Request("GET", FileRoutes.FileById(id), NoHeaders, null), encryption);
        Assert.Equal(200, download.Code);
        Assert.Equal(file, download.Body.ToArray());
    }

    [Fact]
    public async Task An_inner_error_keeps_its_status_and_body()
    {
        var answer = await SendAsync(new OnionV4Request("GET", "/file/nothing-here", NoHeaders, null));

        Assert.Equal((404, "{\"status_code\":404}"), (answer.Code, Encoding.UTF8.GetString(answer.Body.Span)));
    }

    [Fact]
    public async Task A_signed_chunk_upload_works_through_the_onion_endpoint()
    {
        var chunk = Bytes.Random(FileLimits.ChunkBytes);
        var path = FileRoutes.Chunk(ChunkHash.Of(chunk));
        using var uploader = Ed25519KeyPair.Generate();
        var headers = UploaderSignature.Headers(uploader, _server.Clock.GetUtcNow().ToUnixTimeSeconds(), "PUT", path).ToDictionary();

        var answer = await SendAsync(new OnionV4Request("PUT", path, headers, chunk));

        Assert.Equal(200, answer.Code);
        Assert.True(Json(Encoding.UTF8.GetString(answer.Body.Span), FileServerJsonContext.Default.ChunkStored).Created);
        var back = await SendAsync(new OnionV4Request("GET", path, NoHeaders, null));
        Assert.Equal(chunk, back.Body.ToArray());
    }

    [Fact]
    public async Task A_decrypted_request_that_is_not_v4_gets_sessions_encrypted_400()
    {
        using var ephemeral = X25519KeyPair.Generate();
        Assert.True(HopKey.TryForClient(ephemeral, _server.Server.PublicKey, OnionEncryptionType.XChaCha20, out var key));
        using (key)
        {
            var instruction = new Wisp.Protocol.Onion.RelayToServerInstruction("127.0.0.1", FileRoutes.OnionV4, 80, "http", "POST",
                ephemeral.PublicKey, OnionEncryptionType.XChaCha20);
            var layer = Wisp.Protocol.Onion.OnionFrame.Build(key.Encrypt("{\"not\":\"bencode\"}"u8), instruction.ToJson());

            using var response = await _server.Http.PostAsync(FileRoutes.OnionV4, new ByteArrayContent(layer), Token);

            var answer = OnionToServer.Open(key, await response.Content.ReadAsByteArrayAsync(Token));
            Assert.Equal((400, "text/plain; charset=utf-8", "Invalid v4 onion request"),
                (answer.Code, answer.Headers["content-type"], Encoding.UTF8.GetString(answer.Body.Span)));
        }
    }

    [Fact]
    public async Task A_layer_for_another_key_is_a_plain_400()
    {
        using var stranger = X25519KeyPair.Generate();
        var (layer, key) = OnionToServer.ServerLayer(stranger.PublicKey, new OnionV4Request("GET", FileRoutes.Limits, NoHeaders, null), 80);
        key.Dispose();

        var (status, body) = await ReadAsync(await _server.Http.PostAsync(FileRoutes.OnionV4, new ByteArrayContent(layer), Token));

        Assert.Equal((400, "The browser (or proxy) sent a request that this server could not understand."), (status, body));
    }

    [Fact]
    public async Task Garbage_is_a_plain_400()
    {
        var (status, _) = await ReadAsync(await _server.Http.PostAsync(FileRoutes.OnionV4, new ByteArrayContent([1, 2, 3]), Token));

        Assert.Equal(400, status);
    }

    [Fact]
    public async Task A_real_node_relays_an_onion_request_to_the_file_server_it_allows()
    {
        await using var node = await TestNode.StartAsync(options => options with
        {
            ServerAllow = ["127.0.0.1"],
            ServerPorts = [_server.Server.Port],
        });
        var file = Bytes.Random(300_000);
        var (layer, key) = OnionToServer.ServerLayer(_server.Server.PublicKey, new OnionV4Request("POST", FileRoutes.File, NoHeaders, file), _server.Server.Port);
        using (key)
        {
            var guardBody = OnionToServer.ThroughNode(node.Host.Identity.Keys.X25519PublicKey, layer);

            using var response = await node.Http.PostAsync("/onion_req/v2", new ByteArrayContent(guardBody), Token);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var answer = OnionToServer.Open(key, await response.Content.ReadAsByteArrayAsync(Token));
            Assert.Equal(200, answer.Code);
            Assert.Equal(FileId.Of(file), Json(Encoding.UTF8.GetString(answer.Body.Span), FileServerJsonContext.Default.FileUploaded).Id);
        }
        using var direct = await _server.Http.GetAsync(FileRoutes.FileById(FileId.Of(file)), Token);
        Assert.Equal(file, await direct.Content.ReadAsByteArrayAsync(Token));
    }
}
