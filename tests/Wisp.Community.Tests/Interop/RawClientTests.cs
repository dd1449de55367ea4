using System.Buffers.Binary;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Wisp.Community.Tests.Support;
using Wisp.Crypto.Blinding;
using Wisp.Crypto.Hashing;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Onion;

namespace Wisp.Community.Tests.Interop;

/// <summary>
/// A client that knows nothing of Wisp's records: plain HTTP, JSON and bencode written by hand, and only Session's
/// primitives (15-blinded signing, BLAKE2b, the onion hop cipher). It joins, reads, posts, reacts and polls, directly
/// and through the v4 onion endpoint, as a Session client would against pysogs.
/// </summary>
public sealed class RawClientTests
{
    private sealed class SessionClient(HttpClient http, X25519PublicKey server, Ed25519KeyPair account, int port)
    {
        private readonly BlindedKeyPair _blinded = Blind15.CreateKeyPair(account, server);

        public string Id => _blinded.Id.Hex;

        /// <summary>Session's X-SOGS-* headers: sign server key ‖ nonce ‖ timestamp ‖ method ‖ path ‖ blake2b-512(body).</summary>
        public Dictionary<string, string> Headers(string method, string path, byte[] body, long now)
        {
            var nonce = Crypto.RandomBytes.Get(16);
            var signed = new List<byte>();
            signed.AddRange(server.Span.ToArray());
            signed.AddRange(nonce);
            signed.AddRange(Encoding.ASCII.GetBytes(now.ToString(System.Globalization.CultureInfo.InvariantCulture) + method));
            signed.AddRange(Encoding.UTF8.GetBytes(path));
            if (body.Length > 0)
                signed.AddRange(Blake2b.Hash(body, 64));
            return new Dictionary<string, string>
            {
                ["X-SOGS-Pubkey"] = Id,
                ["X-SOGS-Nonce"] = Convert.ToBase64String(nonce),
                ["X-SOGS-Timestamp"] = now.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["X-SOGS-Signature"] = Convert.ToBase64String(_blinded.Sign(signed.ToArray())),
            };
        }

        public async Task<(int Status, string Body)> DirectAsync(string method, string path, string? json, long now)
        {
            var body = json is null ? [] : Encoding.UTF8.GetBytes(json);
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (json is not null)
            {
                request.Content = new ByteArrayContent(body);
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            }
            foreach (var (name, value) in Headers(method, Uri.UnescapeDataString(path), body, now))
                request.Headers.TryAddWithoutValidation(name, value);
            using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }

        /// <summary>
        /// Session's v4 onion request, as the last relay posts it: <c>[u32 LE N][ciphertext N]{"ephemeral_key","enc_type"}</c>
        /// where the ciphertext holds <c>l{N}:{meta JSON}{M}:{body}e</c>; the answer is <c>l{N}:{"code","headers"}{M}:{body}e</c>.
        /// </summary>
        public async Task<(int Code, string Body)> OnionAsync(string method, string path, string? json, long now)
        {
            var body = json is null ? [] : Encoding.UTF8.GetBytes(json);
            var headers = Headers(method, path, body, now);
            headers["Content-Type"] = "application/json";
            var meta = JsonSerializer.Serialize(new Dictionary<string, object> { ["method"] = method, ["endpoint"] = path, ["headers"] = headers });
            var plain = new List<byte>();
            plain.AddRange(Encoding.ASCII.GetBytes($"l{Encoding.UTF8.GetByteCount(meta)}:"));
            plain.AddRange(Encoding.UTF8.GetBytes(meta));
            if (json is not null)
            {
                plain.AddRange(Encoding.ASCII.GetBytes($"{body.Length}:"));
                plain.AddRange(body);
            }
            plain.Add((byte)'e');

            using var ephemeral = X25519KeyPair.Generate();
            Assert.True(HopKey.TryForClient(ephemeral, server, OnionEncryptionType.XChaCha20, out var key));
            using (key)
            {
                var ciphertext = key.Encrypt(plain.ToArray());
                var control = Encoding.UTF8.GetBytes($$"""{"host":"127.0.0.1","target":"/oxen/v4/lsrpc","port":{{port}},"protocol":"http","ephemeral_key":"{{ephemeral.PublicKey.ToHex()}}","enc_type":"xchacha20"}""");
                var layer = new byte[4 + ciphertext.Length + control.Length];
                BinaryPrimitives.WriteUInt32LittleEndian(layer, (uint)ciphertext.Length);
                ciphertext.CopyTo(layer, 4);
                control.CopyTo(layer, 4 + ciphertext.Length);
                using var response = await http.PostAsync("/oxen/v4/lsrpc", new ByteArrayContent(layer), TestContext.Current.CancellationToken);
                Assert.Equal(200, (int)response.StatusCode);
                Assert.True(key.TryDecrypt(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken), out var answer));
                var (metaJson, next) = ReadBencodedString(answer, 1);
                var (replyBody, _) = ReadBencodedString(answer, next);
                using var replyMeta = JsonDocument.Parse(metaJson);
                return (replyMeta.RootElement.GetProperty("code").GetInt32(), Encoding.UTF8.GetString(replyBody));
            }
        }

        private static (byte[] Value, int Next) ReadBencodedString(byte[] input, int offset)
        {
            var colon = Array.IndexOf(input, (byte)':', offset);
            var length = int.Parse(Encoding.ASCII.GetString(input, offset, colon - offset), System.Globalization.CultureInfo.InvariantCulture);
            return (input.AsSpan(colon + 1, length).ToArray(), colon + 1 + length);
        }
    }

    [Fact]
    public async Task A_session_style_client_reads_posts_reacts_and_polls_directly_and_through_the_onion()
    {
        await using var server = await TestCommunityServer.StartAsync();
        await server.AddRoomAsync("lobby", "Lobby");
        using var account = Ed25519KeyPair.Generate();
        var client = new SessionClient(server.Http, server.Server.PublicKey, account, server.Server.Port);
        var now = server.Clock.GetUtcNow().ToUnixTimeSeconds();

        var (capsCode, caps) = await client.OnionAsync("GET", "/capabilities", null, now);
        var (roomCode, room) = await client.OnionAsync("GET", "/room/lobby", null, now);
        var data = new byte[160];
        Encoding.UTF8.GetBytes("hello from a plain client").CopyTo(data, 0);
        data[25] = 0x80;
        using var blinded = Blind15.CreateKeyPair(account, server.Server.PublicKey);
        var post = $$"""{"data":"{{Convert.ToBase64String(data)}}","signature":"{{Convert.ToBase64String(blinded.Sign(data))}}"}""";
        var (postCode, posted) = await client.OnionAsync("POST", "/room/lobby/message", post, now);
        var id = JsonDocument.Parse(posted).RootElement.GetProperty("id").GetInt64();
        var (reactCode, _) = await client.DirectAsync("PUT", $"/room/lobby/reaction/{id}/%F0%9F%91%8D", null, now);
        var poll = $$"""[{"method":"GET","path":"/room/lobby/pollInfo/0"},{"method":"GET","path":"/room/lobby/messages/since/0?t=r&reactors=5"}]""";
        var (batchCode, batch) = await client.OnionAsync("POST", "/batch", poll, now);

        Assert.Equal((200, """{"capabilities":["blind","reactions","sogs"]}"""), (capsCode, caps));
        Assert.Equal(200, roomCode);
        Assert.Equal("Lobby", JsonDocument.Parse(room).RootElement.GetProperty("name").GetString());
        Assert.Equal(201, postCode);
        Assert.Equal(200, reactCode);
        Assert.Equal(200, batchCode);
        var results = JsonDocument.Parse(batch).RootElement;
        var message = results[1].GetProperty("body")[0];
        Assert.Equal(client.Id, message.GetProperty("session_id").GetString());
        Assert.Equal(data, message.GetProperty("data").GetBytesFromBase64());
        Assert.Equal(client.Id, message.GetProperty("reactions").GetProperty("👍").GetProperty("reactors")[0].GetString());
        Assert.True(results[0].GetProperty("body").GetProperty("read").GetBoolean());
    }
}
