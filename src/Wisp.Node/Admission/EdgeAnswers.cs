using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Wisp.Node.Admission;

/// <summary>
/// Writes an answer the node has built (an RPC answer, an onion reply) within the node-wide <see cref="BodyBudget"/>:
/// its bytes are reserved until the client has taken them, and written in <see cref="Limits.ResponseChunkBytes"/>
/// pieces so Kestrel's pipe holds one chunk, not a second copy of the whole answer. When the budget cannot hold the
/// answer it is dropped and the client gets 503 with Session's busy text: the node sheds load rather than grow.
/// </summary>
public static class EdgeAnswers
{
    /// <summary>Methods whose answer can be megabytes: a retrieve and the wrappers that can carry retrieves.</summary>
    public static bool MayAnswerLarge(string method) => method is "retrieve" or "batch" or "sequence" or "ifelse";

    /// <summary>Writes <paramref name="body"/> with <paramref name="status"/>; returns the status actually sent (503 when shed).</summary>
    public static async Task<int> WriteAsync(HttpContext context, int status, string contentType, ReadOnlyMemory<byte> body)
    {
        ArgumentNullException.ThrowIfNull(context);
        var services = context.RequestServices;
        using var lease = services.GetRequiredService<BodyBudget>().TryLease(body.Length);
        if (lease is null)
        {
            AdmissionLog.AnswerShed(services.GetRequiredService<ILogger<BodyBudget>>(), context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
            await EdgeRefusals.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, EdgeRefusals.Busy);
            return StatusCodes.Status503ServiceUnavailable;
        }
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        context.Response.ContentLength = body.Length;
        await WriteChunkedAsync(context.Response.Body, body, context.RequestAborted);
        return status;
    }

    /// <summary>Writes <paramref name="body"/> in chunks, each awaited until Kestrel has taken it.</summary>
    public static async Task WriteChunkedAsync(Stream destination, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        for (var offset = 0; offset < body.Length; offset += Limits.ResponseChunkBytes)
        {
            var chunk = body.Slice(offset, Math.Min(Limits.ResponseChunkBytes, body.Length - offset));
            await destination.WriteAsync(chunk, cancellationToken);
        }
    }
}
