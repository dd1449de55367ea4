using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Wisp.Protocol.Files;

namespace Wisp.Files.Api;

/// <summary>The shapes of the file server's answers.</summary>
internal static class Answers
{
    /// <summary>Session's error: <c>{"status_code": N}</c> with status N.</summary>
    public static FileResponse Status(int status) =>
        JsonOf(status, new StatusCodeBody(status), FileServerJsonContext.Default.StatusCodeBody);

    /// <summary>Wisp's chunk error: <c>{"status_code": N, "error": sentence}</c>.</summary>
    public static FileResponse Error(int status, string error) =>
        JsonOf(status, new FileServerError(status, error), FileServerJsonContext.Default.FileServerError);

    /// <summary>A plain-text sentence (Session's authentication errors).</summary>
    public static FileResponse Text(int status, string message) => new(status, FileResponse.PlainText, Encoding.UTF8.GetBytes(message));

    /// <summary>A 200 JSON answer.</summary>
    public static FileResponse Ok<T>(T value, JsonTypeInfo<T> type) => JsonOf(200, value, type);

    /// <summary>A 200 answer streaming stored bytes.</summary>
    public static FileResponse Bytes(FileStream file) => new(200, FileResponse.OctetStream, []) { File = file };

    private static FileResponse JsonOf<T>(int status, T value, JsonTypeInfo<T> type) =>
        new(status, FileResponse.Json, JsonSerializer.SerializeToUtf8Bytes(value, type));
}
