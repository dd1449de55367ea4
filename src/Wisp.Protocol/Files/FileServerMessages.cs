using System.Text.Json.Serialization;

namespace Wisp.Protocol.Files;

/// <summary>Session's answer to <c>POST /file</c>: <c>{"id": …}</c>.</summary>
public sealed record FileUploaded([property: JsonPropertyName("id")] string Id);

/// <summary>
/// Session's answer to <c>GET /file/{id}/info</c> (and Wisp's <c>GET /chunk/{hash}/info</c>): size in bytes, upload
/// and expiry times as unix seconds with a fraction.
/// </summary>
public sealed record FileInfo(
    [property: JsonPropertyName("size")] long Size,
    [property: JsonPropertyName("uploaded")] double Uploaded,
    [property: JsonPropertyName("expires")] double Expires);

/// <summary>Session's error body: <c>{"status_code": N}</c>, sent with HTTP status N.</summary>
public sealed record StatusCodeBody([property: JsonPropertyName("status_code")] int StatusCode);

/// <summary>The error body of Wisp's chunked routes: Session's <c>status_code</c> plus a sentence saying what is wrong.</summary>
public sealed record FileServerError(
    [property: JsonPropertyName("status_code")] int StatusCode,
    [property: JsonPropertyName("error")] string Error);

/// <summary>Session's legacy upload request <c>POST /files</c>: <c>{"file": base64}</c>.</summary>
public sealed record LegacyFileUpload([property: JsonPropertyName("file")] string? File);

/// <summary>Session's answer to the legacy upload: <c>{"result": id, "status_code": 200}</c>.</summary>
public sealed record LegacyFileUploaded(
    [property: JsonPropertyName("result")] string Result,
    [property: JsonPropertyName("status_code")] int StatusCode);

/// <summary>Session's answer to the legacy download <c>GET /files/{id}</c>: <c>{"status_code": 200, "result": base64}</c>.</summary>
public sealed record LegacyFileDownload(
    [property: JsonPropertyName("status_code")] int StatusCode,
    [property: JsonPropertyName("result")] string Result);

/// <summary>
/// The answer to <c>PUT /chunk/{hash}</c>: the chunk as stored. <see cref="Created"/> is false when it was already
/// there, in which case only its expiry moved.
/// </summary>
public sealed record ChunkStored(
    [property: JsonPropertyName("hash")] string Hash,
    [property: JsonPropertyName("size")] long Size,
    [property: JsonPropertyName("uploaded")] double Uploaded,
    [property: JsonPropertyName("expires")] double Expires,
    [property: JsonPropertyName("created")] bool Created);

/// <summary><c>POST /chunks/have</c>: which of these chunks does the server hold?</summary>
public sealed record ChunkHaveRequest([property: JsonPropertyName("hashes")] IReadOnlyList<string>? Hashes);

/// <summary>The chunks of a <see cref="ChunkHaveRequest"/> that are stored and not expired, in the order asked.</summary>
public sealed record ChunkHaveResponse([property: JsonPropertyName("have")] IReadOnlyList<string> Have);

/// <summary><c>GET /limits</c>: what this server accepts.</summary>
public sealed record FileServerLimits(
    [property: JsonPropertyName("max_file_bytes")] long MaxFileBytes,
    [property: JsonPropertyName("chunk_bytes")] long ChunkBytes,
    [property: JsonPropertyName("max_chunk_bytes")] long MaxChunkBytes,
    [property: JsonPropertyName("uploader_quota_bytes")] long UploaderQuotaBytes,
    [property: JsonPropertyName("expiry_seconds")] long ExpirySeconds,
    [property: JsonPropertyName("max_have_hashes")] int MaxHaveHashes);

/// <summary>The JSON context of the file server's messages (source-generated, repeated keys refused).</summary>
[JsonSourceGenerationOptions(MaxDepth = 8, AllowDuplicateProperties = false, WriteIndented = false)]
[JsonSerializable(typeof(FileUploaded))]
[JsonSerializable(typeof(FileInfo))]
[JsonSerializable(typeof(StatusCodeBody))]
[JsonSerializable(typeof(FileServerError))]
[JsonSerializable(typeof(LegacyFileUpload))]
[JsonSerializable(typeof(LegacyFileUploaded))]
[JsonSerializable(typeof(LegacyFileDownload))]
[JsonSerializable(typeof(ChunkStored))]
[JsonSerializable(typeof(ChunkHaveRequest))]
[JsonSerializable(typeof(ChunkHaveResponse))]
[JsonSerializable(typeof(FileServerLimits))]
public sealed partial class FileServerJsonContext : JsonSerializerContext;
