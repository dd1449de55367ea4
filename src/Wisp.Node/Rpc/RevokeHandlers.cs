using Wisp.Protocol.Rpc;
using Wisp.Protocol.Storage;

namespace Wisp.Node.Rpc;

/// <summary>
/// <c>revoke_subaccount</c> and <c>unrevoke_subaccount</c>: the owner (never a subaccount) adds tokens to or takes them
/// off the address's revocation list, which every later subaccount-signed request is checked against.
/// </summary>
internal sealed class RevokeHandlers(RpcNode node, Recursion recursion)
{
    public async Task<RpcReply> HandleAsync(RevokeSubaccountRequest request, RpcInvocation invocation, CancellationToken cancellationToken)
    {
        if (node.MisdirectedUnlessServed(request.Pubkey) is { } misdirected)
            return misdirected;
        var now = node.NowMs();
        // Session allows ±60 s here even for a forwarded request.
        if (!RequestAuth.WithinTolerance(request.TimestampMs, now))
            return RpcReply.Plain(RpcStatus.NotAcceptable, $"{request.Method} timestamp too far from current time");
        if (!await RequestAuth.VerifyAsync(node.Store, request.Pubkey, request.Signature, SubaccountAccess.None, false,
                SignatureStrings.RevokeSubaccount(request.Method, request.TimestampMs, request.Tokens), cancellationToken))
            return RpcReply.Plain(RpcStatus.Unauthorized, $"{request.Method} signature verification failed");

        return await recursion.RunAsync(invocation, now, async token =>
        {
            var tokens = request.Tokens.Select(t => t.Bytes.ToArray()).ToList();
            int? count = null;
            if (request.Unrevoke)
                count = await node.Store.UnrevokeSubaccountsAsync(request.Pubkey.Hex, tokens, token);
            else
                await node.Store.RevokeSubaccountsAsync(request.Pubkey.Hex, tokens, now, token);
            var signature = node.SignBase64(NodeSignatureStrings.RevokeSubaccount(request.Pubkey.Hex, request.TimestampMs, request.Tokens));
            return SwarmEntry<RevokeEntry>.Of(new RevokeEntry(signature, count));
        }, null, cancellationToken);
    }
}
