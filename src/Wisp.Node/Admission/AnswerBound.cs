using System.Text.Json;
using Wisp.Protocol.Storage;

namespace Wisp.Node.Admission;

/// <summary>
/// How large the answer to a storage RPC request can be, read from the request before it runs, so the node can
/// reserve that much of its <see cref="BodyBudget"/> first (<see cref="AnswerBuilders"/>): an answer is
/// built whole before its size is known, and 200 clients asking for 7.8 MB at once must not all be built at once.
/// Only retrieves can answer megabytes; each (alone or inside a batch, sequence or ifelse) counts its own
/// <c>max_size</c>/<c>max_count</c> budget (<see cref="StorageLimits.RetrieveSizeBudget"/>) in base64 plus envelope.
/// </summary>
public static class AnswerBound
{
    /// <summary>Per-retrieve allowance for the answer's JSON around the messages (64 KiB).</summary>
    private const long EnvelopeBytes = 64 * 1024;

    /// <summary>
    /// Bytes to reserve before running <paramref name="body"/>; 0 when its answer is small, or when it is a retrieve
    /// that asks to wait (<c>wisp_wait_ms</c>): that one may wait for minutes holding nothing, and its answer is counted
    /// once built (the wait slots themselves are capped by the RPC).
    /// </summary>
    public static long Of(string method, ReadOnlyMemory<byte> body)
    {
        if (!EdgeAnswers.MayAnswerLarge(method)) return 0;
        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
            long total = 0;
            var waits = false;
            Walk(document.RootElement, ref total, ref waits, depth: 0);
            return waits ? 0 : total;
        }
        catch (JsonException)
        {
            // The RPC answers it with a short 400.
            return 0;
        }
    }

    private static void Walk(JsonElement element, ref long total, ref bool waits, int depth)
    {
        if (depth > 16) return;
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray()) Walk(item, ref total, ref waits, depth + 1);
            return;
        }
        if (element.ValueKind != JsonValueKind.Object) return;
        if (element.TryGetProperty("method", out var method) && method.ValueKind == JsonValueKind.String
            && method.ValueEquals("retrieve") && element.TryGetProperty("params", out var parameters)
            && parameters.ValueKind == JsonValueKind.Object)
        {
            var budget = StorageLimits.RetrieveSizeBudget(Int(parameters, "max_size"), Int(parameters, "max_count"));
            total += budget / 3 * 4 + EnvelopeBytes;
            waits |= Int(parameters, "wisp_wait_ms") is > 0;
            return;
        }
        foreach (var property in element.EnumerateObject()) Walk(property.Value, ref total, ref waits, depth + 1);
    }

    private static int? Int(JsonElement parameters, string name) =>
        parameters.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number)
            ? number
            : null;
}
