using System.Collections.Concurrent;
using Wisp.Client.Attachments;
using Wisp.Crypto.Keys;

namespace Wisp.Client.Tests.Direct;

/// <summary>
/// A file server in memory for the unit tests of direct files (the real one, through onion paths, is exercised by the
/// integration tests): chunks kept by their address, every put counted.
/// </summary>
internal sealed class InMemoryFileServer : IChunkChannels
{
    private readonly ConcurrentDictionary<string, byte[]> _chunks = new();

    /// <summary>The address messages name it by.</summary>
    public FileServerAddress Address { get; } = new(new Uri("http://127.0.0.1:1"), X25519PublicKey.FromHex(new string('1', 64)));

    /// <summary>Chunks put so far (manifests included).</summary>
    public int Puts;

    public Func<IChunkChannel> ForTransfer(FileServerAddress server, Ed25519KeyPair uploader) => () => new Channel(this);

    private sealed class Channel(InMemoryFileServer server) : IChunkChannel
    {
        public string Name => "memory";

        public Task<ChunkResult> PutAsync(string hash, ReadOnlyMemory<byte> chunk, CancellationToken cancellationToken)
        {
            server._chunks[hash] = chunk.ToArray();
            Interlocked.Increment(ref server.Puts);
            return Task.FromResult(new ChunkResult(ChunkOutcome.Done));
        }

        public Task<(ChunkResult Result, int Length)> GetAsync(string hash, Memory<byte> buffer, CancellationToken cancellationToken)
        {
            if (!server._chunks.TryGetValue(hash, out var chunk))
                return Task.FromResult((new ChunkResult(ChunkOutcome.Refused, "not found", 404), 0));
            chunk.CopyTo(buffer);
            return Task.FromResult((new ChunkResult(ChunkOutcome.Done), chunk.Length));
        }

        public Task<IReadOnlyList<string>?> HaveAsync(IReadOnlyList<string> hashes, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<string>?>([.. hashes.Where(server._chunks.ContainsKey)]);

        public void Dispose()
        {
        }
    }
}
