using System.Text.Json;
using Wisp.Protocol.Storage;

namespace Wisp.Protocol.Rpc;

/// <summary>One subrequest of a batch, sequence or ifelse: a method name and its <c>params</c>.</summary>
public sealed record RpcCall(string Method, JsonElement Params);

/// <summary>
/// <c>batch</c> and <c>sequence</c>: several requests in one.
/// <list type="bullet">
/// <item><c>requests</c> (required): 1–20 objects <c>{"method", "params"}</c>, each with its own authentication; none may
/// be batch, sequence or ifelse. Any bad subrequest fails the whole request (400, Session's texts).</item>
/// </list>
/// <c>batch</c> runs every subrequest; <c>sequence</c> runs them in order and stops after the first whose status is not
/// 2xx. Reply (200 once parsed): <see cref="BatchResponse"/>.
/// </summary>
public sealed record BatchRequest(IReadOnlyList<RpcCall> Requests, bool StopOnFailure)
{
    /// <summary>The method name of the run-everything form.</summary>
    public const string BatchMethod = "batch";

    /// <summary>The method name of the stop-at-first-failure form.</summary>
    public const string SequenceMethod = "sequence";

    /// <summary>The error for a subrequest naming a method the node does not have.</summary>
    public static RpcError InvalidMethod(string method) => RpcError.BadRequest($"Invalid batch subrequest: invalid method \"{method}\"");

    /// <summary>The error for a batch, sequence or ifelse inside a batch (reported after that subrequest parsed).</summary>
    public static RpcError MetaRequest { get; } = RpcError.BadRequest("Invalid batch subrequest: subrequests may not contain meta-requests");

    /// <summary>
    /// Parses <c>params</c>; for each well-formed subrequest in order, <paramref name="methodExists"/> says whether its
    /// method is served and <paramref name="bind"/> parses its params (giving the first error, or
    /// <see cref="MetaRequest"/>), so the first problem is the one Session reports.
    /// </summary>
    public static ParseResult<BatchRequest> Parse(
        JsonElement parameters, bool stopOnFailure, Func<string, bool> methodExists, Func<RpcCall, RpcError?> bind)
    {
        ArgumentNullException.ThrowIfNull(methodExists);
        ArgumentNullException.ThrowIfNull(bind);
        if (parameters.ValueKind != JsonValueKind.Object || !parameters.TryGetProperty("requests", out var requests)
            || requests.ValueKind != JsonValueKind.Array || requests.GetArrayLength() == 0)
            return RpcError.BadRequest("Invalid batch request: no valid \"requests\" field");
        if (requests.GetArrayLength() > StorageLimits.MaxBatchSubrequests)
            return RpcError.BadRequest("Invalid batch request: subrequest limit exceeded");
        var calls = new List<RpcCall>(requests.GetArrayLength());
        foreach (var request in requests.EnumerateArray())
        {
            if (request.ValueKind != JsonValueKind.Object)
                return RpcError.BadRequest("Invalid batch request: requests must be objects");
            if (!request.TryGetProperty("method", out var method) || !request.TryGetProperty("params", out var subParams)
                || method.ValueKind != JsonValueKind.String || subParams.ValueKind != JsonValueKind.Object)
                return RpcError.BadRequest("Invalid batch request: subrequests must have method/params keys");
            var call = new RpcCall(method.GetString()!, subParams);
            if (!methodExists(call.Method))
                return InvalidMethod(call.Method);
            if (bind(call) is { } error)
                return error;
            calls.Add(call);
        }
        return new BatchRequest(calls, stopOnFailure);
    }
}
