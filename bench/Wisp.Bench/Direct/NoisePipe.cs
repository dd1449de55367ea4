using System.IO.Pipelines;
using Wisp.Direct.Tests.Secure;

namespace Wisp.Bench.Direct;

/// <summary>Two connected in-memory Streams (a pipe each way): the secret stream's cost without a network's.</summary>
internal sealed class NoisePipe : IDisposable
{
    public NoisePipe()
    {
        // Deeper pipes than the tests' defaults, so a bulk writer is not paused every 64 KiB.
        var aToB = new Pipe(new PipeOptions(pauseWriterThreshold: 1 << 20, resumeWriterThreshold: 1 << 19));
        var bToA = new Pipe(new PipeOptions(pauseWriterThreshold: 1 << 20, resumeWriterThreshold: 1 << 19));
        A = new DuplexPipeStream(bToA.Reader, aToB.Writer);
        B = new DuplexPipeStream(aToB.Reader, bToA.Writer);
    }

    public Stream A { get; }

    public Stream B { get; }

    public void Dispose()
    {
        A.Dispose();
        B.Dispose();
    }
}
