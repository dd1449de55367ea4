using System.Text.Json;

namespace Wisp.Protocol.Rpc;

/// <summary>
/// <c>ifelse</c>: run one request or another depending on the network fork, the server version or the height.
/// <list type="bullet">
/// <item><c>if</c> (required object): any of <c>hf_at_least</c>/<c>hf_before</c> ([major, minor]),
/// <c>v_at_least</c>/<c>v_before</c> ([major, minor, patch]), <c>height_at_least</c>/<c>height_before</c> (integer);
/// all given must hold. Short arrays are padded with zeros; empty ones count as not given.</item>
/// <item><c>then</c>, <c>else</c> (at least one): <c>{"method", "params"}</c>, which may be batch, sequence or ifelse.</item>
/// </list>
/// Reply (200 once parsed): <see cref="IfElseResponse"/>.
/// </summary>
public sealed record IfElseRequest(IfElseCondition Condition, RpcCall? Then, RpcCall? Else)
{
    /// <summary>The method name.</summary>
    public const string Method = "ifelse";

    /// <summary>
    /// Parses <c>params</c>; for each branch given (then before else), <paramref name="methodExists"/> says whether its
    /// method is served and <paramref name="bind"/> parses its params, returning the first error.
    /// </summary>
    public static ParseResult<IfElseRequest> Parse(JsonElement parameters, Func<string, bool> methodExists, Func<RpcCall, RpcError?> bind)
    {
        ArgumentNullException.ThrowIfNull(methodExists);
        ArgumentNullException.ThrowIfNull(bind);
        if (parameters.ValueKind != JsonValueKind.Object || !parameters.TryGetProperty("if", out var condition)
            || condition.ValueKind != JsonValueKind.Object)
            return RpcError.BadRequest("Invalid ifelse request: no valid \"if\" field");
        var parsed = IfElseCondition.Parse(condition);
        if (parsed.Value is not { } test)
            return parsed.Error!;
        var then = Branch(parameters, "then", methodExists, bind, out var thenError);
        if (thenError is not null)
            return thenError;
        var otherwise = Branch(parameters, "else", methodExists, bind, out var elseError);
        if (elseError is not null)
            return elseError;
        if (then is null && otherwise is null)
            return RpcError.BadRequest("Invalid ifelse request: at least one of \"then\"/\"else\" required");
        return new IfElseRequest(test, then, otherwise);
    }

    private static RpcCall? Branch(
        JsonElement parameters, string key, Func<string, bool> methodExists, Func<RpcCall, RpcError?> bind, out RpcError? error)
    {
        error = null;
        if (!parameters.TryGetProperty(key, out var branch))
            return null;
        if (branch.ValueKind != JsonValueKind.Object)
        {
            error = RpcError.BadRequest($"Invalid ifelse request: {key} must be an object");
            return null;
        }
        if (!branch.TryGetProperty("method", out var method) || method.ValueKind != JsonValueKind.String
            || !branch.TryGetProperty("params", out var subParams))
        {
            error = RpcError.BadRequest($"Invalid ifelse request: {key} must have method/params keys");
            return null;
        }
        var call = new RpcCall(method.GetString()!, subParams);
        error = methodExists(call.Method) ? bind(call) : InvalidMethod(key);
        return error is null ? call : null;
    }

    /// <summary>The error for a branch naming a method the node does not have (Session names the branch, not the method).</summary>
    public static RpcError InvalidMethod(string branchKey) => RpcError.BadRequest($"Invalid ifelse request method \"{branchKey}\"");
}

/// <summary>The <c>if</c> of an ifelse: every bound given must hold.</summary>
public sealed record IfElseCondition(
    int? HeightAtLeast, int? HeightBefore, HardFork? HfAtLeast, HardFork? HfBefore, ServerVersion? VAtLeast, ServerVersion? VBefore)
{
    /// <summary>Parses the <c>if</c> object (Session's field order and error texts).</summary>
    public static ParseResult<IfElseCondition> Parse(JsonElement condition)
    {
        var p = new ParamReader(condition);
        var heightAtLeast = p.Int("height_at_least");
        var heightBefore = p.Int("height_before");
        var hfAtLeast = p.Ints("hf_at_least");
        var hfBefore = p.Ints("hf_before");
        var vAtLeast = p.Ints("v_at_least");
        var vBefore = p.Ints("v_before");
        if (p.Error is { } error)
            return error;
        var result = new IfElseCondition(heightAtLeast, heightBefore, Fork(hfAtLeast), Fork(hfBefore), Version(vAtLeast), Version(vBefore));
        if (result is { HeightAtLeast: null, HeightBefore: null, HfAtLeast: null, HfBefore: null, VAtLeast: null, VBefore: null })
            return RpcError.BadRequest("Invalid ifelse request: must specify at least one \"if\" condition");
        return result;
    }

    /// <summary>True when every bound holds for these values (height narrowed to 32 bits as Session does).</summary>
    public bool Holds(HardFork hf, ServerVersion v, long height)
    {
        var h = unchecked((int)height);
        return (HfAtLeast is not { } hfMin || hf.CompareTo(hfMin) >= 0)
            && (HfBefore is not { } hfMax || hf.CompareTo(hfMax) < 0)
            && (VAtLeast is not { } vMin || v.CompareTo(vMin) >= 0)
            && (VBefore is not { } vMax || v.CompareTo(vMax) < 0)
            && (HeightAtLeast is not { } hMin || h >= hMin)
            && (HeightBefore is not { } hMax || h < hMax);
    }

    private static HardFork? Fork(List<int>? parts) =>
        parts is { Count: > 0 } ? new HardFork(parts[0], parts.Count > 1 ? parts[1] : 0) : null;

    private static ServerVersion? Version(List<int>? parts) =>
        parts is { Count: > 0 } ? new ServerVersion(parts[0], parts.Count > 1 ? parts[1] : 0, parts.Count > 2 ? parts[2] : 0) : null;
}
