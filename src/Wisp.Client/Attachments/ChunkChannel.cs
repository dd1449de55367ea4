using System.Text.Json;
using Wisp.Crypto.Keys;
using Wisp.Protocol.Files;

namespace Wisp.Client.Attachments;

/// <summary>A file server's answer: its status and body. Null from <see cref="ChunkChannel.SendAsync"/> when the way there failed.</summary>
internal sealed record ServerReply(int Status, ReadOnlyMemory<byte> Body);

/// <summary>
/// The chunk routes over any way of reaching the server (<see cref="SendAsync"/>): signed PUTs, GETs checked against
/// their address, and the resume query. Requests and answers are the records of <c>Wisp.Protocol.Files</c>.
/// </summary>
internal abstract class ChunkChannel(Ed25519KeyPair uploader, Func<long> nowSeconds) : IChunkChannel
{
    public abstract string Name { get; }

    /// <summary>Sends one request; null when the way failed (not the server's answer).</summary>
    protected internal abstract Task<ServerReply?> SendAsync(
        string method, string path, IReadOnlyList<KeyValuePair<string, string>> headers, ReadOnlyMemory<byte>? body, CancellationToken cancellationToken);

    public async Task<ChunkResult> PutAsync(string hash, ReadOnlyMemory<byte> chunk, CancellationToken cancellationToken)
    {
        var path = FileRoutes.Chunk(hash);
        var headers = UploaderSignature.Headers(uploader, nowSeconds(), "PUT", path);
        var reply = await SendAsync("PUT", path, headers, chunk, cancellationToken).ConfigureAwait(false);
        return reply is null ? new ChunkResult(ChunkOutcome.PathFailed)
            : reply.Status == 200 ? new ChunkResult(ChunkOutcome.Done, Status: 200)
            : Refusal(reply);
    }

    public async Task<(ChunkResult Result, int Length)> GetAsync(string hash, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var reply = await SendAsync("GET", FileRoutes.Chunk(hash), [], null, cancellationToken).ConfigureAwait(false);
        if (reply is null)
            return (new ChunkResult(ChunkOutcome.PathFailed), 0);
        if (reply.Status != 200)
            return (Refusal(reply), 0);
        // Content addressing: whatever the server or a path did to the bytes, they are kept only if they are the chunk named.
        if (reply.Body.Length > buffer.Length || ChunkHash.Of(reply.Body.Span) != hash)
            return (new ChunkResult(ChunkOutcome.Corrupted, "the chunk's BLAKE2b-256 is not its address"), 0);
        reply.Body.CopyTo(buffer);
        return (new ChunkResult(ChunkOutcome.Done, Status: 200), reply.Body.Length);
    }

    public async Task<IReadOnlyList<string>?> HaveAsync(IReadOnlyList<string> hashes, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new ChunkHaveRequest(hashes), FileServerJsonContext.Default.ChunkHaveRequest);
        var reply = await SendAsync("POST", FileRoutes.ChunksHave, [new("Content-Type", "application/json")], body, cancellationToken).ConfigureAwait(false);
        if (reply is null || reply.Status != 200)
            return null;
        try
        {
            return JsonSerializer.Deserialize(reply.Body.Span, FileServerJsonContext.Default.ChunkHaveResponse)?.Have;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A 5xx other than 507 may pass (a server restarting); the rest are the server's word.</summary>
    private static ChunkResult Refusal(ServerReply reply)
    {
        var detail = ErrorText(reply.Body.Span);
        var outcome = reply.Status is >= 500 and not 507 ? ChunkOutcome.PathFailed : ChunkOutcome.Refused;
        return new ChunkResult(outcome, detail is null ? $"the file server answered {reply.Status}" : $"the file server answered {reply.Status}: {detail}", reply.Status);
    }

    private static string? ErrorText(ReadOnlySpan<byte> body)
    {
        try
        {
            return JsonSerializer.Deserialize(body, FileServerJsonContext.Default.FileServerError)?.Error;
        }
        catch (JsonException)
        {
            var text = System.Text.Encoding.UTF8.GetString(body[..Math.Min(body.Length, 200)]).Trim();
            return text.Length == 0 ? null : text;
        }
    }

    public virtual void Dispose()
    {
    }
}
