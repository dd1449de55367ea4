using System.Text.Json;
using Wisp.Protocol.Storage;

namespace Wisp.Protocol.Rpc;

/// <summary>One subrequest of a batch or sequence: a method name and its <c>params</c> object.</summary>
public sealed record RpcCall(string Method, JsonElement Params);

/// <summary>
/// <c>batch</c> and <c>sequence</c>: several requests in one.
/// <list type="bullet">
/// <item><c>requests</c> (required): 1–20 objects <c>{"method", "params"}</c>; each carries its own authentication.
/// Subrequests may not be batch or sequence. Any malformed subrequest fails the whole request with 400.</item>
/// </list>
/// <c>batch</c> runs every subrequest; <c>sequence</c> runs them in order and stops after the first that does not
/// succeed (status outside 2xx). Response (always 200 once parsed): <c>{"results": [{"code": status, "body": body}], "t"}</c>.
/// </summary>
public sealed record BatchRequest(IReadOnlyList<RpcCall> Requests, bool StopOnFailure)
{
    /// <summary>The method name of the run-everything form.</summary>
    public const string BatchMethod = "batch";

    /// <summary>The method name of the stop-at-first-failure form.</summary>
    public const string SequenceMethod = "sequence";

    /// <summary>Parses <c>params</c> of a batch (<paramref name="stopOnFailure"/> false) or sequence (true).</summary>
    public static ParseResult<BatchRequest> Parse(JsonElement parameters, bool stopOnFailure)
    {
        if (!parameters.TryGetProperty("requests", out var requests) || requests.ValueKind != JsonValueKind.Array)
            return RpcError.BadRequest("params.requests is required: an array of {\"method\", \"params\"} objects");
        var count = requests.GetArrayLength();
        if (count == 0)
            return RpcError.BadRequest("params.requests must contain at least one request");
        if (count > StorageLimits.MaxBatchSubrequests)
            return RpcError.BadRequest($"params.requests holds {count} requests; at most {StorageLimits.MaxBatchSubrequests} are allowed");
        var calls = new List<RpcCall>(count);
        var index = 0;
        foreach (var request in requests.EnumerateArray())
        {
            if (request.ValueKind != JsonValueKind.Object
                || !request.TryGetProperty("method", out var method) || method.ValueKind != JsonValueKind.String
                || !request.TryGetProperty("params", out var subParams) || subParams.ValueKind != JsonValueKind.Object)
                return RpcError.BadRequest($"params.requests[{index}] must be an object with a string \"method\" and an object \"params\"");
            var name = method.GetString()!;
            if (name is BatchMethod or SequenceMethod)
                return RpcError.BadRequest($"params.requests[{index}] is a {name}; batches cannot be nested");
            calls.Add(new RpcCall(name, subParams));
            index++;
        }
        return new BatchRequest(calls, stopOnFailure);
    }
}
