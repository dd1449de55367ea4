using System.IO.Pipelines;

namespace Wisp.Bench.Direct;

/// <summary>Two connected in-memory Streams (a pipe each way): the secret stream's cost without a network's.</summary>
internal sealed class NoisePipe : IDisposable
{
    public NoisePipe()
    {
        var aToB = new Pipe(new PipeOptions(pauseWriterThreshold: 1 << 20, resumeWriterThreshold: 1 << 19));
        var bToA = new Pipe(new PipeOptions(pauseWriterThreshold: 1 << 20, resumeWriterThreshold: 1 << 19));
        A = new End(bToA.Reader, aToB.Writer);
        B = new End(aToB.Reader, bToA.Writer);
    }

    public Stream A { get; }

    public Stream B { get; }

    public void Dispose()
    {
        A.Dispose();
        B.Dispose();
    }

    private sealed class End(PipeReader input, PipeWriter output) : Stream
    {
        private readonly Stream _in = input.AsStream();
        private readonly Stream _out = output.AsStream();

        public override bool CanRead => true;
        public override bool CanWrite => true;
        public override bool CanSeek => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => _out.Flush();
        public override Task FlushAsync(CancellationToken ct) => _out.FlushAsync(ct);
        public override int Read(byte[] buffer, int offset, int count) => _in.Read(buffer, offset, count);
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) => _in.ReadAsync(buffer, ct);
        public override void Write(byte[] buffer, int offset, int count) => _out.Write(buffer, offset, count);
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct = default) => _out.WriteAsync(buffer, ct);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                input.Complete();
                output.Complete();
            }
            base.Dispose(disposing);
        }
    }
}
