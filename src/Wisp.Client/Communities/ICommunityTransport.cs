using Wisp.Protocol.Bencode;

namespace Wisp.Client.Communities;

/// <summary>Carries one request to a community server: through onion paths (every client) or straight over HTTP (the bench's baseline).</summary>
internal interface ICommunityTransport
{
    /// <summary>Sends <paramref name="request"/> (already signed) to <paramref name="server"/>; the answer, or why it was not reached.</summary>
    Task<CommunityReply> SendAsync(CommunityServer server, OnionV4Request request, CancellationToken cancellationToken);
}
