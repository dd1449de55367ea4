using Wisp.Node.Storage;
using Wisp.Protocol.Bencode;
using Wisp.Protocol.Monitor;

namespace Wisp.Node.Monitor;

/// <summary>
/// What a subscriber's frame asks, answered: decode (cheap checks first), verify each subscription's signature, then
/// hand the verified ones to the dispatcher, which subscribes them, replays for a resume and queues the reply.
/// </summary>
internal sealed class MonitorFrames(MonitorHub hub, IMessageStore store, TimeProvider time)
{
    public async Task HandleAsync(MonitorConnection connection, ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
    {
        var decoded = BencodeReader.Decode(frame);
        var value = decoded.Ok ? decoded.Value : null;
        MonitorResumeRequest? resume = null;
        MonitorSubscribeBatch? batch;
        MonitorReply? refusal;
        if (MonitorResumeRequest.IsResume(value))
        {
            resume = MonitorResumeRequest.Read(value, out refusal);
            batch = resume?.Subscribe;
            if (resume is not null && connection.Subscribed)
            {
                resume = null;
                batch = null;
                refusal = MonitorReply.Failure(MonitorResponseCode.BadArgs,
                    "Invalid arguments: resume must be the connection's first subscription");
            }
        }
        else
        {
            batch = MonitorSubscribeBatch.Read(value, out refusal);
        }
        if (batch is null)
        {
            connection.Enqueue(BencodeWriter.Encode(refusal!.ToBencode()));
            return;
        }
        connection.Subscribed = true;

        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var items = new VerifiedSubscription?[batch.Items.Count];
        var replies = new MonitorReply?[batch.Items.Count];
        for (var i = 0; i < items.Length; i++)
        {
            var parsed = batch.Items[i];
            if (parsed.Request is null)
            {
                replies[i] = parsed.Error;
                continue;
            }
            var (verified, refused) = await MonitorVerifier.VerifyAsync(parsed.Request, store, now, cancellationToken);
            items[i] = verified;
            replies[i] = refused;
        }
        await hub.SubmitAsync(new MonitorJob(connection, items, replies, batch.IsList, resume), cancellationToken);
    }
}
