using Wisp.Protocol.Monitor;
using Wisp.Protocol.Storage;

namespace Wisp.Node.Monitor;

/// <summary>A subscription whose signature verified: the account, its namespaces and whether it wants data.</summary>
internal sealed record VerifiedSubscription(StoragePubkey Account, IReadOnlyList<int> Namespaces, bool WantData);

/// <summary>
/// Work for the dispatcher: a poke (scan for new rows), or one subscribe/resume frame of a connection whose items are
/// verified (<see cref="Items"/>) or already refused (<see cref="Replies"/>). The dispatcher fills in the rest of the
/// replies and queues the answer frame itself, so that it sits exactly between the replay and the live stream.
/// </summary>
internal sealed class MonitorJob(
    MonitorConnection? connection, IReadOnlyList<VerifiedSubscription?> items, MonitorReply?[] replies, bool isList,
    MonitorResumeRequest? resume)
{
    /// <summary>The coalesced "new rows were committed" job.</summary>
    public static MonitorJob Poke { get; } = new(null, [], [], false, null);

    public MonitorConnection? Connection { get; } = connection;

    /// <summary>Per element of the frame: the verified subscription, or null when <see cref="Replies"/> already refuses it.</summary>
    public IReadOnlyList<VerifiedSubscription?> Items { get; } = items;

    public MonitorReply?[] Replies { get; } = replies;

    public bool IsList { get; } = isList;

    public MonitorResumeRequest? Resume { get; } = resume;

    /// <summary>Set for a resume: what the subscriber was answered.</summary>
    public MonitorResumeReply? ResumeReply { get; set; }

    public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
