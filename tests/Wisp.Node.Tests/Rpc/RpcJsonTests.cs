using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Wisp.Node.Rpc;
using Wisp.Node.Storage;

namespace Wisp.Node.Tests.Rpc;

public sealed class RpcJsonTests
{
    private static readonly JsonSerializerOptions TreeOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // 0xFB 0xFF 0xBF encodes as "+/+/": both characters a default encoder would escape.
    private static readonly StoredMessage[] Messages =
    [
        new("05" + new string('a', 64), 0, "hash+/one", [0xFB, 0xFF, 0xBF, 1, 2], 1_700_000_000_000, 1_700_000_060_000),
        new("05" + new string('a', 64), 0, "hash-two", [], 1_700_000_000_001, 1_700_000_060_001),
    ];

    [Fact]
    public void Messages_write_the_same_bytes_as_a_json_tree_of_them()
    {
        var written = JsonSerializer.SerializeToUtf8Bytes<JsonNode>(
            new JsonObject { ["messages"] = RpcJson.Messages(Messages), ["more"] = false, ["t"] = 5 }, RpcJson.Options);

        var tree = new JsonArray();
        foreach (var message in Messages)
        {
            tree.Add(new JsonObject
            {
                ["hash"] = message.Hash,
                ["timestamp"] = message.TimestampMs,
                ["expiration"] = message.ExpiryMs,
                ["data"] = Convert.ToBase64String(message.Data),
            });
        }
        var expected = JsonSerializer.SerializeToUtf8Bytes<JsonNode>(
            new JsonObject { ["messages"] = tree, ["more"] = false, ["t"] = 5 }, TreeOptions);

        Assert.Equal(System.Text.Encoding.UTF8.GetString(expected), System.Text.Encoding.UTF8.GetString(written));
        Assert.Contains("\"data\":\"+/+/AQI=\"", System.Text.Encoding.UTF8.GetString(written));
    }

    [Fact]
    public void Messages_nested_in_a_batch_answer_keep_their_shape()
    {
        var answer = new JsonObject
        {
            ["results"] = new JsonArray(new JsonObject
            {
                ["code"] = 200,
                ["body"] = new JsonObject { ["messages"] = RpcJson.Messages(Messages), ["more"] = true },
            }),
        };
        using var parsed = JsonDocument.Parse(JsonSerializer.SerializeToUtf8Bytes<JsonNode>(answer, RpcJson.Options));

        var messages = parsed.RootElement.GetProperty("results")[0].GetProperty("body").GetProperty("messages");
        Assert.Equal(2, messages.GetArrayLength());
        Assert.Equal("hash+/one", messages[0].GetProperty("hash").GetString());
        Assert.Equal(1_700_000_060_001, messages[1].GetProperty("expiration").GetInt64());
        Assert.Equal("", messages[1].GetProperty("data").GetString());
    }

    [Fact]
    public void An_empty_list_is_an_empty_array()
    {
        var written = JsonSerializer.Serialize<JsonNode>(new JsonObject { ["messages"] = RpcJson.Messages([]) }, RpcJson.Options);
        Assert.Equal("{\"messages\":[]}", written);
    }
}
