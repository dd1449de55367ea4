using System.Text;
using System.Text.Json;
using Wisp.Crypto.Signing;

namespace Wisp.IntegrationTests.Conformance;

/// <summary>
/// An answer as the client sees it: the status, the media type and the body text. Through an onion path the
/// wrapper carries no media type (<paramref name="Onion"/>).
/// </summary>
internal sealed record Answer(int Status, string? MediaType, string Body, bool Onion = false)
{
    public override string ToString() =>
        $"{Status} {(Onion ? "(through the onion)" : MediaType ?? "(no content type)")}: {(Body.Length <= 600 ? Body : Body[..600] + "…")}";
}

/// <summary>Checks of answers against what Session's storage server sends.</summary>
internal static class Expect
{
    /// <summary>Session's hardfork floor for Wisp (the lead's decision: Wisp reports at least [19,4]).</summary>
    private static readonly int[] HardforkFloor = [19, 4];

    /// <summary>A plain-text answer: Session's <c>Response{status, "text"}</c> goes out as <c>text/plain</c>.</summary>
    public static void Text(Answer answer, int status, string text)
    {
        Assert.True(answer.Status == status && answer.Body == text, $"expected {status} \"{text}\", got {answer}");
        if (!answer.Onion)
            Assert.True(answer.MediaType == "text/plain", $"expected text/plain, got {answer}");
    }

    /// <summary>A JSON answer with <paramref name="status"/>: Session's JSON bodies go out as <c>application/json</c>.</summary>
    public static JsonElement Json(Answer answer, int status = 200)
    {
        Assert.True(answer.Status == status, $"expected {status}, got {answer}");
        if (!answer.Onion)
            Assert.True(answer.MediaType == "application/json", $"expected application/json, got {answer}");
        return Json(answer.Body, "the body");
    }

    /// <summary>Parses <paramref name="text"/>, failing the test with the text when it is not JSON.</summary>
    public static JsonElement Json(string text, string what)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            Assert.Fail($"{what} is not JSON: {text}");
            throw;
        }
    }

    /// <summary>An object with exactly these keys (Session's replies carry no others).</summary>
    public static void Keys(JsonElement element, params string[] keys)
    {
        Assert.True(element.ValueKind == JsonValueKind.Object, $"expected an object, got {element.GetRawText()}");
        var actual = element.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();
        Assert.True(keys.Order(StringComparer.Ordinal).SequenceEqual(actual),
            $"expected keys [{string.Join(", ", keys.Order(StringComparer.Ordinal))}], got [{string.Join(", ", actual)}] in {element.GetRawText()}");
    }

    /// <summary>
    /// <c>t</c> and <c>hf</c>, as request_handler.cpp <c>add_misc_response_fields</c> adds them: <c>t</c> the node's
    /// time in milliseconds (taken between <paramref name="before"/> and now), <c>hf</c> a [major, minor] pair.
    /// </summary>
    public static void MiscFields(JsonElement reply, long before)
    {
        var t = reply.GetProperty("t");
        Assert.True(t.ValueKind == JsonValueKind.Number && t.TryGetInt64(out var ms) && ms >= before - 1000 && ms <= Clock.NowMs() + 1000,
            $"t is not the node's time in milliseconds: {reply.GetRawText()}");
        Hardfork(reply.GetProperty("hf"));
    }

    /// <summary>An <c>hf</c> value: two integers, at least [19,4].</summary>
    public static void Hardfork(JsonElement hf)
    {
        Assert.True(hf.ValueKind == JsonValueKind.Array && hf.GetArrayLength() == 2 && hf.EnumerateArray().All(v => v.TryGetInt32(out _)),
            $"hf is not a [major, minor] pair: {hf.GetRawText()}");
        var pair = hf.EnumerateArray().Select(v => v.GetInt32()).ToArray();
        Assert.True(pair[0] > HardforkFloor[0] || (pair[0] == HardforkFloor[0] && pair[1] >= HardforkFloor[1]), $"hf {hf.GetRawText()} is below [19,4]");
    }

    /// <summary>
    /// A recursive method's reply (request_handler.cpp <c>setup_recursive_request</c>): <c>swarm</c> maps the Ed25519
    /// key (hex) of every member of the account's swarm to its own result, none failed. Returns them by node.
    /// </summary>
    public static IReadOnlyList<(WireNode Node, JsonElement Entry)> Swarm(JsonElement reply, IReadOnlyList<WireNode> members)
    {
        var swarm = reply.GetProperty("swarm");
        Keys(swarm, [.. members.Select(m => m.Ed25519.ToHex())]);
        var entries = members.Select(m => (m, swarm.GetProperty(m.Ed25519.ToHex()))).ToList();
        foreach (var (node, entry) in entries)
            Assert.False(entry.TryGetProperty("failed", out _), $"{node.Name} failed: {entry.GetRawText()}");
        return entries;
    }

    /// <summary>The entry's <c>signature</c> (base64) is <paramref name="node"/>'s Ed25519 signature of <paramref name="signed"/>.</summary>
    public static void SignedBy(WireNode node, JsonElement entry, byte[] signed)
    {
        var signature = Convert.FromBase64String(entry.GetProperty("signature").GetString()!);
        Assert.True(Ed25519.Verify(node.Ed25519, signed, signature),
            $"{node.Name}'s signature does not verify over \"{Encoding.UTF8.GetString(signed)}\": {entry.GetRawText()}");
    }

    /// <summary>A JSON array of strings, in order.</summary>
    public static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];
}

/// <summary>The local clock, which the nodes on this machine share.</summary>
internal static class Clock
{
    public static long NowMs() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
}
