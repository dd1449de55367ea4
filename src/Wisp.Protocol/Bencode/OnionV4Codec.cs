using System.Text.Json;
using Wisp.Protocol.Onion;

namespace Wisp.Protocol.Bencode;

/// <summary>
/// Session's v4 onion payload for servers: a bencoded list of one or two byte strings, the first
/// JSON metadata and the second the raw body. Replies always have both parts.
/// </summary>
public static class OnionV4Codec
{
    private static readonly Dictionary<string, string> NoHeaders = [];

    /// <summary>Encodes a request.</summary>
    /// <exception cref="ArgumentException">
    /// The method is empty, the endpoint does not start with <c>/</c>, or a POST/PUT has no body.
    /// </exception>
    public static byte[] EncodeRequest(OnionV4Request request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrEmpty(request.Method))
            throw new ArgumentException("A v4 request needs a method.", nameof(request));
        if (!request.Endpoint.StartsWith('/'))
            throw new ArgumentException($"A v4 endpoint starts with '/'; got \"{request.Endpoint}\".", nameof(request));
        if (request.Body is null && OnionV4Request.MethodRequiresBody(request.Method))
            throw new ArgumentException($"A v4 {request.Method} request needs a body.", nameof(request));

        var meta = JsonSerializer.SerializeToUtf8Bytes(
            new OnionV4RequestMeta { Method = request.Method, Endpoint = request.Endpoint, Headers = new(request.Headers) },
            OnionV4JsonContext.Relaxed.OnionV4RequestMeta);
        return request.Body is { } body ? EncodeParts(meta, body.Span, withBody: true) : EncodeParts(meta, default, withBody: false);
    }

    /// <summary>Decodes a request, checking each rule of the format.</summary>
    public static OnionV4Result<OnionV4Request> DecodeRequest(ReadOnlyMemory<byte> plaintext)
    {
        if (!TrySplit(plaintext, out var metaBytes, out var body, out var error, out var detail))
            return new(null, error, detail);

        OnionV4RequestMeta? meta;
        try
        {
            meta = JsonSerializer.Deserialize(metaBytes.Span, OnionV4JsonContext.Relaxed.OnionV4RequestMeta);
        }
        catch (JsonException)
        {
            meta = null;
        }
        if (meta is null)
            return new(null, OnionV4Error.InvalidMetadata, "the request metadata is not a JSON object with string method, endpoint and headers");
        if (string.IsNullOrEmpty(meta.Method))
            return new(null, OnionV4Error.MissingMethod, "the request metadata has no method");
        if (meta.Endpoint is null || !meta.Endpoint.StartsWith('/'))
            return new(null, OnionV4Error.InvalidEndpoint, "the request endpoint must start with /");
        if (body is null && OnionV4Request.MethodRequiresBody(meta.Method))
            return new(null, OnionV4Error.BodyRequired, $"a {meta.Method} request needs a body");
        return new(new OnionV4Request(meta.Method, meta.Endpoint, meta.Headers ?? NoHeaders, body), OnionV4Error.None, null);
    }

    /// <summary>Encodes a response (always two parts, as servers send them).</summary>
    /// <exception cref="ArgumentException">The code is outside 100–599.</exception>
    public static byte[] EncodeResponse(OnionV4Response response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.Code is < 100 or > 599)
            throw new ArgumentException($"An HTTP status code is 100-599; got {response.Code}.", nameof(response));
        var meta = JsonSerializer.SerializeToUtf8Bytes(
            new OnionV4ResponseMeta { Code = response.Code, Headers = new(response.Headers) },
            OnionV4JsonContext.Relaxed.OnionV4ResponseMeta);
        return EncodeParts(meta, response.Body.Span, withBody: true);
    }

    /// <summary>Decodes a response; a missing body part reads as an empty body.</summary>
    public static OnionV4Result<OnionV4Response> DecodeResponse(ReadOnlyMemory<byte> plaintext)
    {
        if (!TrySplit(plaintext, out var metaBytes, out var body, out var error, out var detail))
            return new(null, error, detail);

        OnionV4ResponseMeta? meta;
        try
        {
            meta = JsonSerializer.Deserialize(metaBytes.Span, OnionV4JsonContext.Relaxed.OnionV4ResponseMeta);
        }
        catch (JsonException)
        {
            meta = null;
        }
        if (meta is null)
            return new(null, OnionV4Error.InvalidMetadata, "the response metadata is not a JSON object with an integer code and string headers");
        if (meta.Code is not (>= 100 and <= 599))
            return new(null, OnionV4Error.InvalidCode, "the response metadata needs a code between 100 and 599");
        return new(new OnionV4Response(meta.Code.Value, meta.Headers ?? NoHeaders, body ?? ReadOnlyMemory<byte>.Empty), OnionV4Error.None, null);
    }

    private static bool TrySplit(
        ReadOnlyMemory<byte> plaintext,
        out ReadOnlyMemory<byte> meta,
        out ReadOnlyMemory<byte>? body,
        out OnionV4Error error,
        out string? detail)
    {
        meta = default;
        body = null;
        error = OnionV4Error.None;
        detail = null;
        if (plaintext.Length > OnionLimits.MaxRequestBytes)
        {
            (error, detail) = (OnionV4Error.TooLarge, $"the payload is larger than {OnionLimits.MaxRequestBytes} bytes");
            return false;
        }
        var decoded = BencodeReader.Decode(plaintext);
        if (!decoded.Ok)
        {
            (error, detail) = (OnionV4Error.NotBencode, decoded.Describe());
            return false;
        }
        if (decoded.Value is not BencodeList list)
        {
            (error, detail) = (OnionV4Error.NotAList, "the payload must be a bencoded list");
            return false;
        }
        if (list.Items.Count is not (1 or 2))
        {
            (error, detail) = (OnionV4Error.WrongPartCount, $"the payload must have 1 or 2 parts; it has {list.Items.Count}");
            return false;
        }
        if (list.Items[0] is not BencodeString metaPart || (list.Items.Count == 2 && list.Items[1] is not BencodeString))
        {
            (error, detail) = (OnionV4Error.PartNotString, "every part of the payload must be a byte string");
            return false;
        }
        meta = metaPart.Bytes;
        if (list.Items.Count == 2)
            body = ((BencodeString)list.Items[1]).Bytes;
        return true;
    }

    private static byte[] EncodeParts(ReadOnlySpan<byte> meta, ReadOnlySpan<byte> body, bool withBody)
    {
        var size = 2 + BencodeWriter.DigitCount(meta.Length) + 1 + meta.Length;
        if (withBody)
            size += BencodeWriter.DigitCount(body.Length) + 1 + body.Length;
        var output = new byte[size];
        output[0] = (byte)'l';
        var at = 1 + BencodeWriter.WriteString(meta, output.AsSpan(1));
        if (withBody)
            at += BencodeWriter.WriteString(body, output.AsSpan(at));
        output[at] = (byte)'e';
        return output;
    }
}
