using Wisp.Protocol.History;

namespace Wisp.Protocol.Tests.History;

/// <summary>The replication messages, the manifest and the entry: each read back as written, bad input refused with why.</summary>
public sealed class HistoryMessageTests : IDisposable
{
    private readonly TestLog _log = new(12);

    public void Dispose() => _log.Dispose();

    [Fact]
    public void Every_message_reads_back_as_written()
    {
        var head = _log.Head();
        var sync = (HistorySync)HistoryMessage.Decode(new HistorySync([new HeldLog(_log.Manifest, head)], ReplyWanted: true).Encode());
        Assert.True(sync.ReplyWanted);
        Assert.Equal(_log.Manifest.LogId, sync.Logs[0].Manifest.LogId);
        Assert.True(sync.Logs[0].Manifest.Verify());
        Assert.True(sync.Logs[0].Head.Verify(_log.Key.PublicKey));

        var request = new HistoryRequest(7, _log.Manifest.LogId, 3, 4, 2);
        var readRequest = (HistoryRequest)HistoryMessage.Decode(request.Encode());
        Assert.Equal((7u, 3UL, 4u, 2UL), (readRequest.Id, readRequest.Start, readRequest.Count, readRequest.TrustedLength));

        var data = new HistoryData(7, head, HistoryProofs.Upgrade(_log.Nodes, 2, 12), _log.Range(3, 4));
        var readData = (HistoryData)HistoryMessage.Decode(data.Encode());
        Assert.True(readData.Head.Verify(_log.Key.PublicKey));
        Assert.True(HistoryProofs.VerifyRange(readData.Head, readData.Range!, out var error), error);
        Assert.True(HistoryProofs.VerifyUpgrade(MerkleTree.Roots(_log.Nodes, 2)!, 2, readData.Head, readData.Upgrade, out error), error);

        var noData = (HistoryNoData)HistoryMessage.Decode(new HistoryNoData(7, _log.Manifest.LogId, "not yours").Encode());
        Assert.Equal("not yours", noData.Reason);
    }

    [Fact]
    public void A_tampered_manifest_is_refused()
    {
        var bytes = _log.Manifest.Encode();
        bytes[40] ^= 1; // the log key
        Assert.False(LogManifest.Decode(bytes).Verify());
    }

    [Theory]
    [InlineData(new byte[] { 9 }, "unknown type 9")]
    [InlineData(new byte[] { 1, 0 }, "ends")]
    [InlineData(new byte[] { 0, 0, 0xFF, 0xFF, 0, 0 }, "at most 400")]
    [InlineData(new byte[] { 0, 2, 0, 0, 0, 0 }, "flags are 2")]
    public void Bad_bytes_are_refused_with_why(byte[] bytes, string why)
    {
        var error = Assert.Throws<HistoryFormatException>(() => HistoryMessage.Decode(bytes));
        Assert.Contains(why, error.Message);
    }

    [Fact]
    public void An_entry_with_trailing_bytes_is_refused()
    {
        byte[] bytes = [.. _log.Blocks[0], 0];
        Assert.Throws<HistoryFormatException>(() => LogEntry.Decode(bytes));
    }
}
