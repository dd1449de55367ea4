using System.Text.Json.Nodes;
using Wisp.Protocol.Rpc;
using Wisp.Protocol.Storage;

namespace Wisp.Node.Rpc;

/// <summary><c>retrieve</c>: checks the owner's signature where the namespace needs one, then reads after last_hash.</summary>
internal sealed class RetrieveHandler(RpcNode node)
{
    public async Task<RpcResult> HandleAsync(RetrieveRequest request, CancellationToken cancellationToken)
    {
        if (node.MisdirectedUnlessServed(request.Pubkey) is { } misdirected)
            return misdirected;
        var now = node.NowMs();
        if (Check(request, now) is { } error)
            return RpcResult.Fail(error);

        var result = await node.Store.RetrieveAsync(
            request.Pubkey.Hex, request.Namespace, request.LastHash, request.EffectiveMaxCount,
            request.EffectiveMaxSizeBytes, now, cancellationToken);
        var messages = new JsonArray();
        foreach (var message in result.Messages)
        {
            messages.Add(new JsonObject
            {
                ["hash"] = message.Hash,
                ["timestamp"] = message.TimestampMs,
                // Session's code says "expiration" here (its doc comment says "expiry"); clients read "expiration".
                ["expiration"] = message.ExpiryMs,
                ["data"] = Convert.ToBase64String(message.Data),
            });
        }
        return RpcResult.Ok(new JsonObject { ["messages"] = messages, ["more"] = result.More, ["t"] = now });
    }

    private static RpcError? Check(RetrieveRequest request, long now)
    {
        if (request.Signature is not { } signature || request.TimestampMs is not { } timestamp)
        {
            return Namespaces.IsUnauthenticatedRetrieve(request.Namespace)
                ? null
                : new RpcError(RpcStatus.Unauthorized,
                    $"retrieve: namespace {request.Namespace} is readable only by its owner; send timestamp, signature and pubkey_ed25519");
        }
        return RequestChecks.WithinTolerance("retrieve", "timestamp", timestamp, now)
            ?? RequestChecks.SignedBy("retrieve", request.Pubkey, signature, SignatureStrings.Retrieve(request.Namespace, timestamp));
    }
}
