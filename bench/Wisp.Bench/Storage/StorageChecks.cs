using System.Text.Json;
using Wisp.Crypto.Keys;
using Wisp.Node.Metrics;
using Wisp.Protocol.Storage;

namespace Wisp.Bench.Storage;

/// <summary>What must be true before (and after) the node is measured; each check throws, saying what was wrong.</summary>
internal static class StorageChecks
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    /// <summary><c>info</c> answers 200 with the node's clock.</summary>
    public static async Task InfoAnswersAsync(HttpClient client, Uri rpc, CancellationToken cancellationToken)
    {
        var (status, body) = await LoadGenerator.PostAsync(client, rpc, RequestBodies.Info, cancellationToken);
        Require(status == 200, $"info answered {status}: {Text(body)}");
        using var json = JsonDocument.Parse(body);
        Require(json.RootElement.TryGetProperty("t", out _), $"info's answer has no \"t\": {Text(body)}");
    }

    /// <summary>A stored message comes back from a signed retrieve with the same hash and bytes.</summary>
    public static async Task StoredMessageIsRetrievableAsync(HttpClient client, Uri rpc, CancellationToken cancellationToken)
    {
        using var account = Ed25519KeyPair.Generate();
        var data = new byte[RequestBodies.StoreDataBytes];
        Random.Shared.NextBytes(data);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var (status, body) = await LoadGenerator.PostAsync(client, rpc, RequestBodies.Store(account.AccountId.Hex, data, now), cancellationToken);
        Require(status == 200, $"store answered {status}: {Text(body)}");
        var expectedHash = MessageHash.Compute(StoragePubkey.FromBytes(account.AccountId.Bytes), 0, data);
        using (var stored = JsonDocument.Parse(body))
            Require(stored.RootElement.GetProperty("hash").GetString() == expectedHash, $"store's hash is not MessageHash of the message: {Text(body)}");

        var messages = await RetrieveAsync(client, rpc, account, cancellationToken);
        Require(messages.Count == 1 && messages[0].Hash == expectedHash && messages[0].Data.AsSpan().SequenceEqual(data),
            "a signed retrieve does not return the message just stored");
    }

    /// <summary>A signed retrieve of <paramref name="account"/>'s namespace 0: each message's hash and data.</summary>
    public static async Task<List<(string Hash, byte[] Data)>> RetrieveAsync(
        HttpClient client, Uri rpc, Ed25519KeyPair account, CancellationToken cancellationToken)
    {
        var body = RequestBodies.SignedRetrieve(account, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        var (status, answer) = await LoadGenerator.PostAsync(client, rpc, body, cancellationToken);
        Require(status == 200, $"retrieve answered {status}: {Text(answer)}");
        using var json = JsonDocument.Parse(answer);
        return json.RootElement.GetProperty("messages").EnumerateArray()
            .Select(message => (message.GetProperty("hash").GetString()!, Convert.FromBase64String(message.GetProperty("data").GetString()!)))
            .ToList();
    }

    /// <summary>The node's own count of stored messages (<c>GET /status</c>, answered to loopback callers).</summary>
    public static async Task<NodeStatus> StatusAsync(HttpClient client, string url, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync($"{url}/status", cancellationToken);
        Require(response.IsSuccessStatusCode, $"/status answered {(int)response.StatusCode}");
        var status = await JsonSerializer.DeserializeAsync<NodeStatus>(await response.Content.ReadAsStreamAsync(cancellationToken), Web, cancellationToken);
        return status ?? throw new InvalidOperationException("/status answered null.");
    }

    public static void Require(bool condition, string problem)
    {
        if (!condition)
            throw new InvalidOperationException($"Correctness check failed: {problem}");
    }

    private static string Text(byte[] body) => System.Text.Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(body.Length, 300)));
}
