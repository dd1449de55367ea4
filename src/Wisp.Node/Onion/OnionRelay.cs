using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Wisp.Crypto.Keys;
using Wisp.Node.Admission;
using Wisp.Node.Metrics;
using Wisp.Node.NodeLinks;
using Wisp.Node.Rpc;
using Wisp.Protocol.Onion;

namespace Wisp.Node.Onion;

/// <summary>
/// One hop of an onion path (Session's <c>process_onion_req</c>): takes this node's layer off the request, then
/// either forwards the inner layer to the next node, or (as the destination) runs the storage RPC and answers the
/// client encrypted once, or (as the last hop toward an HTTP server) calls that server. Relay failures are plain
/// statuses with fixed texts (<see cref="OnionErrors"/>); errors only the client can act on are encrypted for it.
/// Each hop learns only its neighbours: the previous hop's address and the next hop's key.
/// </summary>
public sealed class OnionRelay
{
    private readonly Ed25519KeyPair _keys;
    private readonly INextHopDirectory _directory;
    private readonly IStorageRpc _storage;
    private readonly NodeToNodeClient _nodes;
    private readonly ServerProxy _servers;
    private readonly OnionRelayOptions _options;
    private readonly IOnionObserver? _observer;
    private readonly ILogger _logger;
    private readonly AnswerBuilders _builders;

    internal OnionRelay(
        Ed25519KeyPair keys, INextHopDirectory directory, IStorageRpc storage, NodeToNodeClient nodes, ServerProxy servers,
        OnionRelayOptions options, IOnionObserver? observer, ILogger<OnionRelay> logger, AnswerBuilders builders)
    {
        _builders = builders;
        _keys = keys;
        _directory = directory;
        _storage = storage;
        _nodes = nodes;
        _servers = servers;
        _options = options;
        _observer = observer;
        _logger = logger;
    }

    /// <summary>Handles one onion request body that arrived from <paramref name="previousHop"/> (an address, for Debug logs).</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (the caller went away).</exception>
    public async Task<OnionReply> HandleAsync(ReadOnlyMemory<byte> body, string previousHop, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(previousHop);
        if (!_directory.IsReady)
        {
            OnionLog.NotReady(_logger);
            return OnionReply.Plain(StatusCodes.Status503ServiceUnavailable, OnionErrors.NotReady(_keys.PublicKey));
        }

        using var layer = OnionLayerPeeler.Peel(body, _keys);
        OnionLog.Peeled(_logger, previousHop, layer.HopNumber, layer.Error);
        switch (layer.Error)
        {
            case PeelError.InvalidRequest:
                Observe(previousHop, layer);
                return OnionReply.Plain(StatusCodes.Status400BadRequest, OnionErrors.ParseError(layer.Detail));
            case PeelError.TooManyHops:
                Observe(previousHop, layer);
                return OnionReply.Plain(StatusCodes.Status400BadRequest, OnionErrors.TooManyHops);
            case PeelError.InvalidCiphertext:
                Observe(previousHop, layer);
                return OnionReply.Plain(StatusCodes.Status400BadRequest, OnionErrors.InvalidCiphertext);
            case PeelError.InvalidInnerJson:
                Observe(previousHop, layer);
                return OnionResponses.EncryptError(layer.Key!, StatusCodes.Status400BadRequest, OnionErrors.InvalidJson);
        }

        return layer.Instruction switch
        {
            DestinationInstruction destination => await AnswerAsDestinationAsync(layer, destination, previousHop, cancellationToken),
            RelayToNodeInstruction next => await ForwardToNodeAsync(layer, next, previousHop, cancellationToken),
            RelayToServerInstruction server => await ForwardToServerAsync(layer, server, previousHop, cancellationToken),
            _ => OnionResponses.EncryptError(layer.Key!, StatusCodes.Status400BadRequest, OnionErrors.InvalidJson),
        };
    }

    private async Task<OnionReply> AnswerAsDestinationAsync(
        PeeledLayer layer, DestinationInstruction instruction, string previousHop, CancellationToken cancellationToken)
    {
        // The storage RPC sees the previous hop as its caller: the destination never learns who the client is.
        var caller = new RpcCaller(previousHop) { ViaOnion = true };
        var request = layer.Inner.Ciphertext;
        Observe(previousHop, layer, caller, request);
        // As at the storage RPC's own route: a request that may answer large waits for room in the budget.
        using var building = await _builders.EnterAsync(MethodLabel.Of(request.Span), request, cancellationToken);
        if (building is null)
            return OnionResponses.EncryptError(layer.Key!, StatusCodes.Status503ServiceUnavailable, EdgeRefusals.Busy, instruction.Base64);
        var response = await _storage.HandleAsync(request, caller, cancellationToken);
        building.Dispose();
        _builders.Built(response.Body.Length);
        return OnionResponses.Encrypt(layer.Key!, response.Status, response.Body.Span, response.IsJson, instruction);
    }

    private async Task<OnionReply> ForwardToNodeAsync(
        PeeledLayer layer, RelayToNodeInstruction instruction, string previousHop, CancellationToken cancellationToken)
    {
        Observe(previousHop, layer);
        var nextHopNumber = layer.HopNumber + 1;
        // Checked here as well as at the next node: a loop stops one call sooner, and a hostile next node cannot lift the cap.
        if (nextHopNumber > OnionLimits.MaxHops)
            return OnionReply.Plain(StatusCodes.Status400BadRequest, OnionErrors.TooManyHops);
        if (!_directory.TryFind(instruction.Destination, out var hop))
        {
            OnionLog.NextNodeUnknown(_logger);
            return OnionReply.Plain(StatusCodes.Status502BadGateway, OnionErrors.NextNodeNotFound(instruction.Destination));
        }

        OnionLog.Forwarding(_logger, hop.Ed25519.ToHex(), nextHopNumber);
        var forward = OnionFrame.Build(
            layer.Inner.Ciphertext.Span,
            new GuardRequest(instruction.EphemeralKey, instruction.Encryption, nextHopNumber).ToJson());
        var (failure, answer) = await _nodes.OpenAsync(
            hop, forward, _options.NodeTimeout(layer.HopNumber), OnionRelayLimits.MaxRelayedResponseBytes, cancellationToken);
        if (failure != UpstreamFailure.None) OnionLog.UpstreamFailed(_logger, failure);
        // Session's relay knows one failure, its node-to-node request timing out; a node that cannot be reached is that too.
        return failure switch
        {
            // Streamed by the endpoint a buffer at a time: the relay never holds the whole answer.
            UpstreamFailure.None => OnionReply.Streamed(answer!),
            UpstreamFailure.TooLarge => OnionReply.Plain(StatusCodes.Status500InternalServerError, OnionErrors.InvalidResponse),
            _ => OnionReply.Plain(StatusCodes.Status504GatewayTimeout, OnionErrors.TimedOut),
        };
    }

    private async Task<OnionReply> ForwardToServerAsync(
        PeeledLayer layer, RelayToServerInstruction instruction, string previousHop, CancellationToken cancellationToken)
    {
        Observe(previousHop, layer);
        var url = ServerProxy.TargetUrl(instruction);
        if (url is null)
        {
            OnionLog.TargetRefused(_logger);
            return OnionResponses.EncryptError(layer.Key!, StatusCodes.Status400BadRequest, OnionErrors.InvalidUrl);
        }
        if (await _servers.RefusalAsync(url, cancellationToken) is { } refused)
        {
            OnionLog.TargetRefused(_logger);
            return OnionResponses.EncryptError(layer.Key!, StatusCodes.Status403Forbidden, refused);
        }
        // Session posts the whole decrypted layer: the server reads its own ephemeral key and enc_type from its JSON.
        var answer = await _servers.PostAsync(url, layer.Plaintext, _options.ServerTimeout, cancellationToken);
        if (answer.Failure != UpstreamFailure.None) OnionLog.UpstreamFailed(_logger, answer.Failure);
        return answer.Failure switch
        {
            UpstreamFailure.None => new OnionReply(answer.Status, answer.Body, answer.ContentType),
            UpstreamFailure.TimedOut => OnionReply.Plain(StatusCodes.Status504GatewayTimeout, OnionErrors.TimedOut),
            _ => OnionReply.Plain(StatusCodes.Status502BadGateway, OnionErrors.ServerUnreachable),
        };
    }

    private void Observe(string previousHop, PeeledLayer layer, RpcCaller? caller = null, ReadOnlyMemory<byte> request = default) =>
        _observer?.Observe(new OnionHopSeen(
            _keys.PublicKey, previousHop, layer.HopNumber, layer.Error, layer.Plaintext, layer.Instruction, caller, request));
}
