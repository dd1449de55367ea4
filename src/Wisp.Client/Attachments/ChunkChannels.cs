using Wisp.Client.Paths;
using Wisp.Client.Transport;
using Wisp.Crypto.Keys;

namespace Wisp.Client.Attachments;

/// <summary>Opens the channels of one transfer: one per worker, all to the same server, signed by the transfer's uploader key.</summary>
internal interface IChunkChannels
{
    /// <summary>A factory of channels for one transfer to <paramref name="server"/>.</summary>
    Func<IChunkChannel> ForTransfer(FileServerAddress server, Ed25519KeyPair uploader);
}

/// <summary>Channels through onion paths: each transfer gets its own <see cref="TransferPathSet"/>, so its workers take different paths.</summary>
internal sealed class OnionChunkChannels(OnionPaths paths, OnionTransport transport, NetworkClock clock) : IChunkChannels
{
    public Func<IChunkChannel> ForTransfer(FileServerAddress server, Ed25519KeyPair uploader)
    {
        var set = new TransferPathSet();
        var onionServer = server.ToOnionServer();
        return () => new OnionChunkChannel(onionServer, paths, transport, set, uploader, () => clock.NowMs() / 1000);
    }
}

/// <summary>Channels straight over HTTP (no onion): the bench's baseline.</summary>
internal sealed class DirectChunkChannels(HttpClient http, TimeProvider time) : IChunkChannels
{
    public Func<IChunkChannel> ForTransfer(FileServerAddress server, Ed25519KeyPair uploader) =>
        () => new DirectChunkChannel(http, server.BaseUrl, uploader, () => time.GetUtcNow().ToUnixTimeSeconds());
}
