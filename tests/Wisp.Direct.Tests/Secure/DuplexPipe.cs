using System.IO.Pipelines;

namespace Wisp.Direct.Tests.Secure;

/// <summary>
/// Two connected in-memory streams, A and B. What A writes can be taken frame by frame by the test
/// (<see cref="TakeFromAAsync"/>) and handed to B changed, repeated or reordered (<see cref="GiveToBAsync"/>);
/// with <see cref="Direct"/> it flows straight through instead.
/// </summary>
internal sealed class DuplexPipe : IDisposable
{
    private readonly Pipe _aToTest = new();
    private readonly Pipe _testToB = new();
    private readonly Pipe _bToA = new();
    private readonly Stream _fromA;

    private DuplexPipe(bool direct)
    {
        if (direct)
        {
            var aToB = new Pipe();
            A = new DuplexPipeStream(_bToA.Reader, aToB.Writer);
            B = new DuplexPipeStream(aToB.Reader, _bToA.Writer);
        }
        else
        {
            A = new DuplexPipeStream(_bToA.Reader, _aToTest.Writer);
            B = new DuplexPipeStream(_testToB.Reader, _bToA.Writer);
        }
        _fromA = _aToTest.Reader.AsStream();
    }

    public static DuplexPipe Direct() => new(direct: true);

    public static DuplexPipe Intercepted() => new(direct: false);

    public DuplexPipeStream A { get; }

    public DuplexPipeStream B { get; }

    /// <summary>Takes the next whole frame (u24 LE length prefix included) that A wrote.</summary>
    public async Task<byte[]> TakeFromAAsync(CancellationToken ct)
    {
        var prefix = new byte[3];
        await _fromA.ReadExactlyAsync(prefix, ct);
        var body = new byte[prefix[0] | (prefix[1] << 8) | (prefix[2] << 16)];
        await _fromA.ReadExactlyAsync(body, ct);
        return [.. prefix, .. body];
    }

    /// <summary>Hands raw bytes to B as if A had written them.</summary>
    public async Task GiveToBAsync(byte[] bytes, CancellationToken ct)
    {
        await _testToB.Writer.WriteAsync(bytes, ct);
    }

    /// <summary>B reads end of stream once what was given is read.</summary>
    public void EndToB() => _testToB.Writer.Complete();

    public void Dispose()
    {
        A.Dispose();
        B.Dispose();
    }
}
