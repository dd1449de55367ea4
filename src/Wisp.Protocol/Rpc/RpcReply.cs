using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;

namespace Wisp.Protocol.Rpc;

/// <summary>
/// One storage RPC answer: an HTTP status and either a JSON body (<see cref="Json"/>, <c>application/json</c>) or a
/// plain-text body (<see cref="Text"/>, <c>text/plain</c>) — Session answers most errors as bare text. The node builds
/// these and serializes them once at the edge; inside a <c>batch</c>, <c>sequence</c> or <c>ifelse</c> the same reply
/// becomes <c>{"body": …, "code": status}</c>, a text body as a JSON string.
/// </summary>
public sealed class RpcReply
{
    private RpcReply(int status, IRpcResponse? json, string? text)
    {
        Status = status;
        Json = json;
        Text = text;
    }

    /// <summary>The HTTP status.</summary>
    public int Status { get; }

    /// <summary>The JSON body, or null for a text reply.</summary>
    public IRpcResponse? Json { get; }

    /// <summary>The text body, or null for a JSON reply.</summary>
    public string? Text { get; }

    /// <summary>True for a 2xx status.</summary>
    public bool IsSuccess => Status is >= 200 and < 300;

    /// <summary><c>application/json</c> or <c>text/plain</c>.</summary>
    public string ContentType => Json is null ? RpcContentTypes.Text : RpcContentTypes.Json;

    /// <summary>A JSON reply.</summary>
    public static RpcReply Of(int status, IRpcResponse body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return new RpcReply(status, body, null);
    }

    /// <summary>A 200 with a JSON body.</summary>
    public static RpcReply Ok(IRpcResponse body) => Of(RpcStatus.Ok, body);

    /// <summary>A text reply (Session's error bodies).</summary>
    public static RpcReply Plain(int status, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new RpcReply(status, null, text);
    }

    /// <summary>The body's bytes as they go on the wire.</summary>
    public byte[] BodyBytes() => Json is not null ? RpcJson.Serialize(Json) : Encoding.UTF8.GetBytes(Text!);

    /// <summary>
    /// The body's bytes as they go on the wire, without a copy when the body is large (see <see cref="RpcJson.SerializeToMemory"/>).
    /// </summary>
    public ReadOnlyMemory<byte> BodyMemory() => Json is not null ? RpcJson.SerializeToMemory(Json) : Encoding.UTF8.GetBytes(Text!);

    /// <summary>About how many bytes the body takes when that may be large, else 0 (<see cref="IRpcResponse.SizeHint"/>).</summary>
    public int SizeHint => Json?.SizeHint ?? 0;

    /// <summary>Writes the body as a JSON value: the JSON itself, or the text as a string.</summary>
    public void WriteBody(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (Json is not null)
            Json.Write(writer);
        else
            writer.WriteStringValue(Text);
    }

    /// <summary>Writes <c>{"body": …, "code": status}</c>, a subresult of batch, sequence and ifelse.</summary>
    public void WriteSubresult(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WritePropertyName("body");
        WriteBody(writer);
        writer.WriteNumber("code", Status);
        writer.WriteEndObject();
    }

    /// <summary>
    /// An answer as received over HTTP: a JSON body when <paramref name="contentType"/> says JSON (and it parses),
    /// else the body as text. Read the JSON with the method's response record (<c>TryRead</c>).
    /// </summary>
    public static RpcReply FromHttp(int status, string? contentType, ReadOnlySpan<byte> body)
    {
        if (contentType is not null && contentType.StartsWith(RpcContentTypes.Json, StringComparison.OrdinalIgnoreCase)
            && RpcJson.TryParse<RawJson>(body, out var json))
            return new RpcReply(status, json, null);
        return new RpcReply(status, null, Encoding.UTF8.GetString(body));
    }

    /// <summary>Reads <c>{"body": …, "code": status}</c>: a string body is a text reply, anything else JSON.</summary>
    public static bool TryReadSubresult(JsonElement json, [NotNullWhen(true)] out RpcReply? reply)
    {
        reply = null;
        if (!RpcJson.TryInt64(json, "code", out var code) || code is < 100 or > 999 || !RpcJson.TryProperty(json, "body", out var body))
            return false;
        reply = body.ValueKind == JsonValueKind.String
            ? new RpcReply((int)code, null, body.GetString())
            : new RpcReply((int)code, new RawJson(body.Clone()), null);
        return true;
    }

    /// <summary>The JSON body as an element, for reading with a response record; null for a text reply.</summary>
    public JsonElement? JsonElement => Json switch
    {
        RawJson raw => raw.Element,
        null => null,
        _ => Reparsed(Json),
    };

    /// <summary>A typed body as an element (rare: replies read from the wire are already <see cref="RawJson"/>).</summary>
    private static JsonElement Reparsed(IRpcResponse json)
    {
        // The clone owns its memory, so the document's pooled buffers go back at once.
        using var document = System.Text.Json.JsonDocument.Parse(RpcJson.Serialize(json));
        return document.RootElement.Clone();
    }
}

/// <summary>A JSON value as received, written back as it is (a subresult body a client read, a peer's entry).</summary>
public sealed record RawJson(JsonElement Element) : IRpcResponse<RawJson>
{
    /// <inheritdoc />
    public void Write(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Element.WriteTo(writer);
    }

    /// <inheritdoc />
    public static bool TryRead(JsonElement json, [NotNullWhen(true)] out RawJson? value)
    {
        value = json.ValueKind == JsonValueKind.Undefined ? null : new RawJson(json.Clone());
        return value is not null;
    }
}
