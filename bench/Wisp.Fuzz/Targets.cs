using System.Text.Json;
using Wisp.Protocol.Bencode;
using Wisp.Protocol.Onion;
using Wisp.Protocol.Peering;
using Wisp.Protocol.Rpc;

namespace Wisp.Fuzz;

/// <summary>
/// The parsers a fuzzer drives, one entry point per target. Each hands the input to what a node runs on bytes from
/// the network and checks the outcome is typed (a value or an error, never both, never neither). Anything that
/// escapes, an exception or a failed check, crashes the process, which is what afl++ and libFuzzer report.
/// </summary>
internal static class Targets
{
    /// <summary>Every target by name.</summary>
    public static readonly IReadOnlyDictionary<string, Action<ReadOnlySpan<byte>>> All = new Dictionary<string, Action<ReadOnlySpan<byte>>>
    {
        ["rpc"] = Rpc,
        ["onion"] = Onion,
        ["bencode"] = Bencode,
        ["peering"] = Peering,
    };

    // The request records a node parses from an envelope's params, by method (the same table the node's routes use).
    private static readonly Dictionary<string, Func<JsonElement, bool>> Requests = new(StringComparer.Ordinal)
    {
        ["store"] = p => Typed(StoreRequest.Parse(p)),
        ["retrieve"] = p => Typed(RetrieveRequest.Parse(p)),
        ["delete"] = p => Typed(DeleteRequest.Parse(p)),
        ["delete_all"] = p => Typed(DeleteAllRequest.Parse(p)),
        ["delete_before"] = p => Typed(DeleteBeforeRequest.Parse(p)),
        ["expire"] = p => Typed(ExpireRequest.Parse(p)),
        ["expire_all"] = p => Typed(ExpireAllRequest.Parse(p)),
        ["get_expiries"] = p => Typed(GetExpiriesRequest.Parse(p)),
        ["get_swarm"] = p => Typed(GetSwarmRequest.Parse(p)),
        ["info"] = p => Typed(InfoRequest.Parse(p)),
        ["oxend_request"] = p => Typed(OxendRequest.Parse(p)),
        ["batch"] = p => Typed(BatchRequest.Parse(p, stopOnFailure: false, _ => true, _ => null)),
        ["sequence"] = p => Typed(BatchRequest.Parse(p, stopOnFailure: true, _ => true, _ => null)),
    };

    /// <summary>A storage RPC body: the envelope, then the request record its method names.</summary>
    private static void Rpc(ReadOnlySpan<byte> input)
    {
        var ok = RpcEnvelope.TryParse(input.ToArray(), out var envelope, out var error);
        Check(ok == (envelope is not null) && ok == (error is null), "RpcEnvelope.TryParse: exactly one of value and error");
        using (envelope)
        {
            if (envelope is not null && Requests.TryGetValue(envelope.Method, out var parse))
                Check(parse(envelope.Params), $"{envelope.Method}: exactly one of value and error");
        }
    }

    /// <summary>An onion layer as a hop receives it: the frame, then its control JSON read as each kind of layer.</summary>
    private static void Onion(ReadOnlySpan<byte> input)
    {
        var frame = OnionFrame.Parse(input.ToArray());
        Check(frame.Ok == (frame.Error == OnionFrameError.None), "OnionFrame.Parse: Ok matches Error");
        var json = frame.Ok ? frame.Frame.Json.Span : input;
        var classified = OnionLayerClassifier.Classify(json);
        Check(classified.Ok == (classified.Value is not null), "Classify: Ok matches Value");
        var guard = OnionLayerClassifier.ParseGuardRequest(json);
        Check(guard.Ok == (guard.Value is not null), "ParseGuardRequest: Ok matches Value");
    }

    /// <summary>Bencode, and the v4 onion request and response framed in it.</summary>
    private static void Bencode(ReadOnlySpan<byte> input)
    {
        var bytes = input.ToArray();
        var decoded = BencodeReader.Decode(bytes);
        Check(decoded.Ok == (decoded.Value is not null), "BencodeReader.Decode: Ok matches Value");
        var request = OnionV4Codec.DecodeRequest(bytes);
        Check(request.Ok == (request.Value is not null), "DecodeRequest: Ok matches Value");
        var response = OnionV4Codec.DecodeResponse(bytes);
        Check(response.Ok == (response.Value is not null), "DecodeResponse: Ok matches Value");
    }

    /// <summary>The node-to-node records, requests and answers, and a forwarded batch.</summary>
    private static void Peering(ReadOnlySpan<byte> input)
    {
        var bytes = input.ToArray();
        Check(Typed(SyncRequest.Read(bytes)) && Typed(SyncAnswer.Read(bytes)), "sync records");
        Check(Typed(FetchRequest.Read(bytes)) && Typed(FetchAnswer.Read(bytes)), "fetch records");
        Check(Typed(PushRequest.Read(bytes)) && Typed(PushAnswer.Read(bytes)), "push records");
        Check(Typed(StorageCheckRequest.Read(bytes)) && Typed(StorageCheckAnswer.Read(bytes)), "check records");
        _ = ForwardBatch.TryReadRequest(bytes, 100);
        _ = ForwardBatch.TryReadAnswer(bytes, 4);
    }

    private static bool Typed<T>(ParseResult<T> result) where T : class => result.IsOk == (result.Value is not null);

    private static bool Typed<T>(PeeringResult<T> result) where T : class => result.Ok != (result.Problem is not null);

    private static void Check(bool condition, string what)
    {
        if (!condition)
            throw new InvalidOperationException($"fuzz invariant broken: {what}");
    }
}
