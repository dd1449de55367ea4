using Microsoft.AspNetCore.Http;
using Wisp.Node.Storage;
using Wisp.Node.Swarm;
using Wisp.Protocol.Peering;

namespace Wisp.Node.Peers;

/// <summary>
/// Answers <see cref="StorageCheckRequest"/> (authenticated swarm peers only): does this node hold the message, and
/// what is the digest of its data (<see cref="StorageCheckAnswer"/>).
/// </summary>
public sealed class StorageCheck(IMessageStore store)
{
    /// <summary>Answers one check.</summary>
    public async Task<PeerAnswer> AnswerAsync(SwarmEndpoints.PeerRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var read = StorageCheckRequest.Read(request.Body);
        if (!read.Ok)
            return PeerAnswer.Error(StatusCodes.Status400BadRequest, $"check: {read.Problem}");
        var check = read.Value!;
        var message = await store.FindAsync(new MessageKey(check.Owner, check.Namespace, check.Hash), cancellationToken);
        var answer = message is null ? StorageCheckAnswer.NotFound : new StorageCheckAnswer(true, StorageCheckAnswer.DigestOf(message.Data));
        return PeerAnswer.Json(answer.ToJson());
    }
}
