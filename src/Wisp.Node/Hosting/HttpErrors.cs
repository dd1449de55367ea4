using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Wisp.Node.Hosting;

/// <summary>
/// Errors the HTTP edge answers itself (before or around the storage RPC), in the RPC's error shape:
/// <c>{"error": "…", "status": code}</c>.
/// </summary>
internal static class HttpErrors
{
    /// <summary>The body of an error response.</summary>
    public static byte[] Body(int status, string message)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("error", message);
            json.WriteNumber("status", status);
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>Writes an error response.</summary>
    public static Task WriteAsync(HttpContext context, int status, string message)
    {
        var body = Body(status, message);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }
}
