using Wisp.Client.Conversations;
using Wisp.Client.History;
using Wisp.Client.LocalData;
using Wisp.Client.Messaging;
using Wisp.Crypto.Keys;

namespace Wisp.Client.Tests.History;

/// <summary>One device's database for the history tests, and a pump that carries replication messages between two.</summary>
internal sealed class HistoryDevice : IDisposable
{
    public const long Now = 1_800_000_000_000;
    private readonly string _directory = Directory.CreateTempSubdirectory("wisp-history-").FullName;
    private readonly ClientDatabase _database;
    private readonly DataKey _key = DataKey.Generate();

    public HistoryDevice(Ed25519KeyPair account)
    {
        Account = account;
        _database = ClientDatabase.Open(Path.Combine(_directory, "client.db"));
        Data = new AccountData(_database, _key);
        Store = new HistoryStore(Data.Local);
    }

    public Ed25519KeyPair Account { get; }

    public AccountData Data { get; }

    public HistoryStore Store { get; }

    public void Send(AccountId peer, string text, long sentAt) =>
        Assert.True(HistoryAppend.Append(Data, Account, peer, MessageContent.Text(text, (ulong)sentAt, null, null), sentAt, Now));

    /// <summary>Replicates both ways between <paramref name="a"/> and <paramref name="b"/> until both are settled.</summary>
    public static async Task<(HistoryReplicator A, HistoryReplicator B)> ReplicateAsync(HistoryDevice a, HistoryDevice b)
    {
        var queue = new Queue<(Func<HistoryReplicator> To, byte[] Frame)>();
        HistoryReplicator? ra = null, rb = null;
        ra = new HistoryReplicator(a.Store, a.Account.AccountId, b.Account.AccountId, (f, _) => { queue.Enqueue((() => rb!, f)); return Task.CompletedTask; }, TimeProvider.System);
        rb = new HistoryReplicator(b.Store, b.Account.AccountId, a.Account.AccountId, (f, _) => { queue.Enqueue((() => ra, f)); return Task.CompletedTask; }, TimeProvider.System);
        await ra.OpenAsync(TestContext.Current.CancellationToken);
        await rb.OpenAsync(TestContext.Current.CancellationToken);
        for (var steps = 0; queue.Count > 0; steps++)
        {
            Assert.True(steps < 10_000, "replication did not settle");
            var (to, frame) = queue.Dequeue();
            await to().ReceiveAsync(frame, TestContext.Current.CancellationToken);
        }
        return (ra, rb);
    }

    public List<(string Direction, string Body, long SentAt)> Messages(AccountId peer) =>
        [.. Data.Messages.History(peer, 1000).Select(m => (m.Direction.ToString(), m.Body, m.SentAtMs))];

    public void Dispose()
    {
        _database.Dispose();
        _key.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
