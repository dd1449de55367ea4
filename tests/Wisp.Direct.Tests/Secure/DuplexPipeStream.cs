using System.IO.Pipelines;

namespace Wisp.Direct.Tests.Secure;

/// <summary>
/// A Stream that reads from one pipe and writes to another: one end of an in-memory reliable link. Also compiled into
/// Wisp.Bench (linked from its project) for the secret stream's cost without a network's.
/// </summary>
internal sealed class DuplexPipeStream(PipeReader input, PipeWriter output) : Stream
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

    /// <summary>Ends this side's writing (the other side reads end of stream).</summary>
    public void CompleteWriting() => output.Complete();

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
