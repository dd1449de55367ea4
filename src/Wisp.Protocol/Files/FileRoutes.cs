namespace Wisp.Protocol.Files;

/// <summary>The file server's HTTP paths and header names (Session's routes and Wisp's chunked ones).</summary>
public static class FileRoutes
{
    /// <summary>Session's upload: <c>POST /file</c>, the body is the file.</summary>
    public const string File = "/file";

    /// <summary>Session's legacy upload: <c>POST /files</c> with <c>{"file": base64}</c>.</summary>
    public const string LegacyFiles = "/files";

    /// <summary>Session's v4 onion endpoint.</summary>
    public const string OnionV4 = "/oxen/v4/lsrpc";

    /// <summary>Wisp's resume query: <c>POST /chunks/have</c>.</summary>
    public const string ChunksHave = "/chunks/have";

    /// <summary>The server's limits: <c>GET /limits</c>.</summary>
    public const string Limits = "/limits";

    /// <summary>The uploader's Ed25519 public key, 64 hex characters (chunk PUTs).</summary>
    public const string UploaderHeader = "X-Wisp-Uploader";

    /// <summary>The unix time in seconds the uploader signed.</summary>
    public const string TimestampHeader = "X-Wisp-Timestamp";

    /// <summary>The uploader's Ed25519 signature of timestamp, method and path (128 hex characters or base64).</summary>
    public const string SignatureHeader = "X-Wisp-Signature";

    /// <summary><c>/file/{id}</c>: download.</summary>
    public static string FileById(string id) => $"/file/{id}";

    /// <summary><c>/file/{id}/info</c>: size, upload and expiry times.</summary>
    public static string FileInfo(string id) => $"/file/{id}/info";

    /// <summary><c>/files/{id}</c>: legacy download as base64 JSON.</summary>
    public static string LegacyFileById(string id) => $"/files/{id}";

    /// <summary><c>/chunk/{hash}</c>: PUT or GET one chunk.</summary>
    public static string Chunk(string hash) => $"/chunk/{hash}";

    /// <summary><c>/chunk/{hash}/info</c>: a chunk's size, upload and expiry times.</summary>
    public static string ChunkInfo(string hash) => $"/chunk/{hash}/info";
}
