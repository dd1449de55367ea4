using Microsoft.AspNetCore.Http;
using Wisp.Node.Admission;
using Wisp.Node.NodeLinks;

namespace Wisp.Node.Onion;

/// <summary>
/// Recognises an onion request forwarded by a node of this node's directory (the registry), from its
/// <see cref="RelayCredential"/> header: signed by that node, for this node, within the clock window. Anything else —
/// no header, a key the directory does not know, a stale or forged signature — is a client, limited by its address.
/// </summary>
internal sealed class RelayCallerCheck(INextHopDirectory directory, Func<RelayCredential> credential) : IRelayCallerCheck
{
    /// <inheritdoc />
    public UInt128? Identify(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        string? header = context.Request.Headers[RelayCredential.Header];
        if (header is null) return null;
        var node = credential().Check(header, key => directory.TryFind(key, out _));
        if (node is null) return null;
        return ClientRateLimiter.KeyOfNode(node);
    }
}
