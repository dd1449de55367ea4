using CsCheck;
using Wisp.Protocol.Bencode;
using Wisp.Protocol.Onion;

namespace Wisp.Protocol.Tests.Encoding;

public sealed class OnionV4CodecTests
{
    private static Dictionary<string, byte[]> SogsExamples() =>
        File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Vectors", "session-pysogs", "v4_examples.txt"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split(' ', 2))
            .ToDictionary(p => p[0], p => System.Text.Encoding.UTF8.GetBytes(p[1]));

    private static byte[] Bytes(string text) => System.Text.Encoding.UTF8.GetBytes(text);

    [Fact]
    public void The_sogs_get_example_decodes_and_encodes_back_exactly()
    {
        var bytes = SogsExamples()["request-get"];

        var result = OnionV4Codec.DecodeRequest(bytes);

        Assert.True(result.Ok, result.Detail);
        var request = result.Value!;
        Assert.Equal("GET", request.Method);
        Assert.Equal("/room/some-room", request.Endpoint);
        Assert.Equal("12345", request.Headers["Some-Header"]);
        Assert.Null(request.Body);
        Assert.Equal(bytes, OnionV4Codec.EncodeRequest(request));
    }

    [Fact]
    public void The_sogs_post_example_decodes_and_encodes_back_exactly()
    {
        var bytes = SogsExamples()["request-post"];

        var result = OnionV4Codec.DecodeRequest(bytes);

        Assert.True(result.Ok, result.Detail);
        var request = result.Value!;
        Assert.Equal("POST", request.Method);
        Assert.Equal("/some/thing", request.Endpoint);
        Assert.Equal("a", request.Headers["Some-Header"]);
        Assert.Equal("post body here", System.Text.Encoding.UTF8.GetString(request.Body!.Value.Span));
        Assert.Equal(bytes, OnionV4Codec.EncodeRequest(request));
    }

    [Theory]
    [InlineData("response-json", "application/json", "{\"id\": 123}")]
    [InlineData("response-file", "application/octet-stream", "My file contents")]
    public void The_sogs_response_examples_decode_and_encode_back_exactly(string name, string contentType, string body)
    {
        var bytes = SogsExamples()[name];

        var result = OnionV4Codec.DecodeResponse(bytes);

        Assert.True(result.Ok, result.Detail);
        Assert.Equal(200, result.Value!.Code);
        Assert.Equal(contentType, result.Value.Headers["content-type"]);
        Assert.Equal(body, System.Text.Encoding.UTF8.GetString(result.Value.Body.Span));
        Assert.Equal(bytes, OnionV4Codec.EncodeResponse(result.Value));
    }

    [Fact]
    public void A_response_without_a_body_part_reads_as_an_empty_body()
    {
        var result = OnionV4Codec.DecodeResponse(List("""{"code":204,"headers":{}}"""));

        Assert.True(result.Ok, result.Detail);
        Assert.Equal(204, result.Value!.Code);
        Assert.True(result.Value.Body.IsEmpty);
    }

    [Fact]
    public void Requests_round_trip()
    {
        var methods = Gen.OneOf("GET", "POST", "PUT", "DELETE");
        var headers = Gen.Select(Gen.String[1, 10], Gen.String[0, 20]).Array[0, 4]
            .Select(pairs => (IReadOnlyDictionary<string, string>)pairs.DistinctBy(p => p.Item1).ToDictionary(p => p.Item1, p => p.Item2));
        Gen.Select(methods, Gen.String[0, 30], headers, Gen.Byte.Array[0, 100]).Sample((method, path, headerMap, body) =>
        {
            var request = new OnionV4Request(method, "/" + path, headerMap, body);

            var decoded = OnionV4Codec.DecodeRequest(OnionV4Codec.EncodeRequest(request));

            Assert.True(decoded.Ok, decoded.Detail);
            Assert.Equal(request.Method, decoded.Value!.Method);
            Assert.Equal(request.Endpoint, decoded.Value.Endpoint);
            Assert.Equal(headerMap, decoded.Value.Headers);
            Assert.Equal(body, decoded.Value.Body!.Value.ToArray());
        });
    }

    [Fact]
    public void Responses_round_trip()
    {
        Gen.Select(Gen.Int[100, 599], Gen.String[0, 20], Gen.Byte.Array[0, 100]).Sample((code, type, body) =>
        {
            var response = new OnionV4Response(code, new Dictionary<string, string> { ["content-type"] = type }, body);

            var decoded = OnionV4Codec.DecodeResponse(OnionV4Codec.EncodeResponse(response));

            Assert.True(decoded.Ok, decoded.Detail);
            Assert.Equal(code, decoded.Value!.Code);
            Assert.Equal(type, decoded.Value.Headers["content-type"]);
            Assert.Equal(body, decoded.Value.Body.ToArray());
        });
    }

    [Fact]
    public void A_payload_over_the_size_cap_is_refused()
    {
        Assert.Equal(OnionV4Error.TooLarge, OnionV4Codec.DecodeRequest(new byte[OnionLimits.MaxRequestBytes + 1]).Error);
    }

    [Theory]
    [InlineData("l79:{\"method\":\"GET\"}e")] // length beyond end
    [InlineData("l5:abcde")] // truncated
    [InlineData("")]
    public void A_payload_that_is_not_bencode_is_refused(string text)
    {
        var result = OnionV4Codec.DecodeRequest(Bytes(text));

        Assert.Equal(OnionV4Error.NotBencode, result.Error);
        Assert.Contains("invalid bencode", result.Detail);
    }

    [Fact]
    public void A_payload_that_is_not_a_list_is_refused()
    {
        Assert.Equal(OnionV4Error.NotAList, OnionV4Codec.DecodeRequest(Bytes("2:{}")).Error);
    }

    [Theory]
    [InlineData("le")]
    [InlineData("l2:{}0:0:e")]
    public void A_payload_of_other_than_one_or_two_parts_is_refused(string text)
    {
        Assert.Equal(OnionV4Error.WrongPartCount, OnionV4Codec.DecodeRequest(Bytes(text)).Error);
        Assert.Equal(OnionV4Error.WrongPartCount, OnionV4Codec.DecodeResponse(Bytes(text)).Error);
    }

    [Theory]
    [InlineData("li1ee")]
    [InlineData("l2:{}i1ee")]
    public void A_part_that_is_not_a_string_is_refused(string text)
    {
        Assert.Equal(OnionV4Error.PartNotString, OnionV4Codec.DecodeRequest(Bytes(text)).Error);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("""{"method":"GET","endpoint":"/","headers":{"a":1}}""")]
    [InlineData("""{"method":7,"endpoint":"/"}""")]
    [InlineData("""{"method":"GET","endpoint":"/a","endpoint":"/b"}""")]
    [InlineData("""{"method":"GET","endpoint":"/","headers":{"a":"1","a":"2"}}""")]
    public void Request_metadata_that_is_not_the_expected_json_is_refused(string meta)
    {
        Assert.Equal(OnionV4Error.InvalidMetadata, OnionV4Codec.DecodeRequest(List(meta)).Error);
    }

    [Theory]
    [InlineData("""{"endpoint":"/room"}""")]
    [InlineData("""{"method":"","endpoint":"/room"}""")]
    public void A_request_without_a_method_is_refused(string meta)
    {
        Assert.Equal(OnionV4Error.MissingMethod, OnionV4Codec.DecodeRequest(List(meta)).Error);
    }

    [Theory]
    [InlineData("""{"method":"GET"}""")]
    [InlineData("""{"method":"GET","endpoint":"room/x"}""")]
    public void A_request_endpoint_must_start_with_a_slash(string meta)
    {
        Assert.Equal(OnionV4Error.InvalidEndpoint, OnionV4Codec.DecodeRequest(List(meta)).Error);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    public void A_post_or_put_without_a_body_is_refused(string method)
    {
        Assert.Equal(OnionV4Error.BodyRequired, OnionV4Codec.DecodeRequest(List($$"""{"method":"{{method}}","endpoint":"/x"}""")).Error);
    }

    [Fact]
    public void Headers_are_optional_in_a_request()
    {
        var result = OnionV4Codec.DecodeRequest(List("""{"method":"GET","endpoint":"/x"}"""));

        Assert.True(result.Ok, result.Detail);
        Assert.Empty(result.Value!.Headers);
    }

    [Theory]
    [InlineData("""{"headers":{}}""")]
    [InlineData("""{"code":99,"headers":{}}""")]
    [InlineData("""{"code":600,"headers":{}}""")]
    public void A_response_without_a_valid_code_is_refused(string meta)
    {
        Assert.Equal(OnionV4Error.InvalidCode, OnionV4Codec.DecodeResponse(List(meta)).Error);
    }

    [Fact]
    public void Response_metadata_with_a_non_integer_code_is_refused()
    {
        Assert.Equal(OnionV4Error.InvalidMetadata, OnionV4Codec.DecodeResponse(List("""{"code":"200"}""")).Error);
    }

    [Fact]
    public void Encoding_a_bad_request_is_refused()
    {
        var noHeaders = new Dictionary<string, string>();
        Assert.Throws<ArgumentException>(() => OnionV4Codec.EncodeRequest(new OnionV4Request("GET", "room", noHeaders, null)));
        Assert.Throws<ArgumentException>(() => OnionV4Codec.EncodeRequest(new OnionV4Request("", "/room", noHeaders, null)));
        Assert.Throws<ArgumentException>(() => OnionV4Codec.EncodeRequest(new OnionV4Request("POST", "/room", noHeaders, null)));
        Assert.Throws<ArgumentException>(() => OnionV4Codec.EncodeResponse(new OnionV4Response(42, noHeaders, default)));
    }

    [Fact]
    public void Random_bytes_never_throw()
    {
        Gen.Byte.Array[0, 80].Sample(bytes =>
        {
            var request = OnionV4Codec.DecodeRequest(bytes);
            Assert.Equal(request.Ok, request.Value is not null);
            var response = OnionV4Codec.DecodeResponse(bytes);
            Assert.Equal(response.Ok, response.Value is not null);
        }, iter: 5000);
    }

    private static byte[] List(string meta)
    {
        var json = Bytes(meta);
        return [.. Bytes($"l{json.Length}:"), .. json, (byte)'e'];
    }
}
