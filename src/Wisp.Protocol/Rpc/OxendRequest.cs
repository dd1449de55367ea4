using System.Text.Json;

namespace Wisp.Protocol.Rpc;

/// <summary>
/// <c>oxend_request</c>: a question for the network's service node list, which Session's storage server passes on to
/// its oxend. No authentication.
/// <list type="bullet">
/// <item><c>endpoint</c> (required): <c>get_service_nodes</c> or <c>ons_resolve</c>; any other is refused.</item>
/// <item><c>params</c> (optional): a JSON value for the endpoint, absent or null for none. The storage server does not
/// read it; the endpoint does (<see cref="ServiceNodeQuery"/>), so a bad one is the endpoint's 400, not a parse error.</item>
/// </list>
/// Reply: <c>get_service_nodes</c> answers 200 <see cref="OxendResponse{TResult}"/> of a <see cref="ServiceNodesResult"/>;
/// an endpoint's error is 400 with its text.
/// </summary>
public sealed record OxendRequest(string Endpoint, JsonElement? Params)
{
    /// <summary>The method name.</summary>
    public const string Method = "oxend_request";

    /// <summary>The endpoint that lists the network's service nodes.</summary>
    public const string GetServiceNodes = "get_service_nodes";

    /// <summary>The endpoint that resolves an Oxen Name System name.</summary>
    public const string OnsResolve = "ons_resolve";

    /// <summary>Parses <c>params</c> (Session's error texts).</summary>
    public static ParseResult<OxendRequest> Parse(JsonElement parameters)
    {
        var p = new ParamReader(parameters);
        var endpoint = p.String("endpoint");
        if (!p.Require("endpoint", endpoint))
            return p.Error!;
        if (endpoint is not (GetServiceNodes or OnsResolve))
            return RpcError.BadRequest($"Invalid oxend endpoint '{endpoint}'");
        // Kept beyond the request body's lifetime: a batch runs its subrequests after the envelope is parsed.
        return new OxendRequest(endpoint!, p.Field("params")?.Clone());
    }

    /// <summary>A <c>get_service_nodes</c> request for <paramref name="query"/>.</summary>
    public static OxendRequest ForServiceNodes(ServiceNodeQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return new OxendRequest(GetServiceNodes, query.ToJson());
    }

    /// <summary>Writes <c>params</c>: <c>{"endpoint", "params"?}</c>.</summary>
    public void WriteParams(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("endpoint", Endpoint);
        if (Params is { } parameters)
        {
            writer.WritePropertyName("params");
            parameters.WriteTo(writer);
        }
        writer.WriteEndObject();
    }

    /// <summary>The request body, <c>{"method": "oxend_request", "params": {…}}</c>.</summary>
    public byte[] ToBody() => RequestBody.Serialize(Method, WriteParams);
}
