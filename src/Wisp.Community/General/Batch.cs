using System.Text;
using System.Text.Json;
using Wisp.Community.Api;
using Wisp.Protocol.Community;

namespace Wisp.Community.General;

/// <summary>
/// <c>POST /batch</c> and <c>/sequence</c>, as pysogs: the body is a JSON list of <see cref="BatchSubrequest"/>; any
/// malformed one fails the whole request with a bare 400 before anything runs. Each runs as its own request with the
/// outer request's user (its own <c>X-SOGS-*</c> headers are not read); the results keep the order, a JSON answer
/// embedded as JSON and any other as base64. <c>/sequence</c> stops after the first result that is not 2xx.
/// </summary>
internal static class Batch
{
    public static async Task<CommunityResponse> AnswerAsync(CommunityApi api, RouteContext context, bool sequential, CancellationToken cancellationToken)
    {
        IReadOnlyList<BatchSubrequest>? subrequests;
        try
        {
            subrequests = JsonSerializer.Deserialize(context.Request.Body.Span, CommunityJsonContext.Default.IReadOnlyListBatchSubrequest);
        }
        catch (JsonException)
        {
            return Reply.Status(400);
        }
        if (subrequests is null || subrequests.Count > Limits.MaxBatchSubrequests)
            return Reply.Status(400);
        var requests = new List<CommunityRequest>(subrequests.Count);
        foreach (var subrequest in subrequests)
        {
            if (ToRequest(subrequest, context.Request) is not { } request)
                return Reply.Status(400);
            requests.Add(request);
        }
        var results = new List<BatchResult>(requests.Count);
        foreach (var request in requests)
        {
            var response = await api.HandleAsync(request, cancellationToken, authenticated: true);
            results.Add(ToResult(response));
            if (sequential && response.Status is < 200 or >= 300)
                break;
        }
        return Reply.Json<IReadOnlyList<BatchResult>>(results, CommunityJsonContext.Default.IReadOnlyListBatchResult);
    }

    private static CommunityRequest? ToRequest(BatchSubrequest? subrequest, CommunityRequest outer)
    {
        if (subrequest is null || subrequest.Method is null || subrequest.Path is null)
            return null;
        var hasBody = subrequest.Method is "POST" or "PUT";
        if (!hasBody && subrequest.Method is not ("GET" or "DELETE"))
            return null;
        if (!subrequest.Path.StartsWith('/'))
            return null;
        var bodies = (subrequest.Json is not null ? 1 : 0) + (subrequest.B64 is not null ? 1 : 0) + (subrequest.Bytes is not null ? 1 : 0);
        if (hasBody ? bodies != 1 : bodies != 0)
            return null;
        // As pysogs: a b64 body that does not decode is logged there and sent empty.
        var body = subrequest.Json is { } json ? Encoding.UTF8.GetBytes(json.GetRawText())
            : subrequest.B64 is { } b64 ? SogsHeaders.DecodeBase64(b64) ?? []
            : subrequest.Bytes is { } text ? Encoding.UTF8.GetBytes(text)
            : [];
        var parts = subrequest.Path.Split('?', 2);
        string path;
        try
        {
            path = HttpPaths.Decode(parts[0]);
        }
        catch (ArgumentException)
        {
            return null;
        }
        var headers = new Dictionary<string, string>(subrequest.Headers ?? new Dictionary<string, string>(), StringComparer.OrdinalIgnoreCase);
        return new CommunityRequest(subrequest.Method, path, parts.Length > 1 ? parts[1] : "", name => headers.GetValueOrDefault(name), body)
        {
            User = outer.User,
        };
    }

    private static BatchResult ToResult(CommunityResponse response)
    {
        var headers = new Dictionary<string, string> { ["content-type"] = response.ContentType };
        foreach (var (name, value) in response.ExtraHeaders ?? new Dictionary<string, string>())
            headers[name.ToLowerInvariant()] = value;
        JsonElement body;
        if (response.ContentType == CommunityResponse.Json)
        {
            using var document = JsonDocument.Parse(response.Body);
            body = document.RootElement.Clone();
        }
        else
        {
            body = JsonSerializer.SerializeToElement(Convert.ToBase64String(response.Body), CommunityBatchJson.Default.String);
        }
        return new BatchResult(response.Status, headers, body);
    }
}

/// <summary>A JSON string element without reflection.</summary>
[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class CommunityBatchJson : System.Text.Json.Serialization.JsonSerializerContext;
