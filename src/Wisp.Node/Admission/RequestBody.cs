using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace Wisp.Node.Admission;

/// <summary>Why a request body could not be read.</summary>
public enum BodyReadFailure
{
    /// <summary>Read in full.</summary>
    None,
    /// <summary>Larger than the cap (declared or actually sent): 413.</summary>
    TooLarge,
    /// <summary>The client stopped before sending the declared body, or sent too slowly: 400.</summary>
    Incomplete,
    /// <summary>The node is buffering too many bodies at once: 503, try again.</summary>
    Busy,
}

/// <summary>
/// A request body read into a pooled buffer of at most a given size. The buffer grows only as bytes actually arrive
/// (a large Content-Length alone allocates nothing) and every growth is reserved in the <see cref="BodyBudget"/>.
/// Dispose returns the buffer and the reservation.
/// </summary>
public sealed class RequestBody : IDisposable
{
    private readonly BodyBudget _budget;
    private byte[] _buffer;
    private int _length;

    private RequestBody(BodyBudget budget, byte[] buffer)
    {
        _budget = budget;
        _buffer = buffer;
    }

    /// <summary>The bytes read.</summary>
    public ReadOnlyMemory<byte> Memory => _buffer.AsMemory(0, _length);

    /// <summary>Reads the body of <paramref name="request"/>, refusing more than <paramref name="maxBytes"/>.</summary>
    public static async Task<(RequestBody? Body, BodyReadFailure Failure)> ReadAsync(
        HttpRequest request, int maxBytes, BodyBudget budget, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes) return (null, BodyReadFailure.TooLarge);
        var initial = (int)Math.Min(request.ContentLength ?? Limits.InitialBodyBufferBytes, Limits.InitialBodyBufferBytes);
        initial = Math.Max(initial, 1);
        var buffer = ArrayPool<byte>.Shared.Rent(initial);
        if (!budget.TryReserve(buffer.Length))
        {
            ArrayPool<byte>.Shared.Return(buffer);
            return (null, BodyReadFailure.Busy);
        }
        var body = new RequestBody(budget, buffer);
        try
        {
            var failure = await body.FillAsync(request.Body, maxBytes, cancellationToken).ConfigureAwait(false);
            if (failure == BodyReadFailure.None) return (body, failure);
            body.Dispose();
            return (null, failure);
        }
        catch
        {
            body.Dispose();
            throw;
        }
    }

    private async Task<BodyReadFailure> FillAsync(Stream stream, int maxBytes, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_length == _buffer.Length)
            {
                if (_length >= maxBytes + 1) return BodyReadFailure.TooLarge;
                // One byte past the cap is enough to know a body is too large.
                var grown = (int)Math.Min((long)_buffer.Length * 2, maxBytes + 1L);
                if (!Grow(grown)) return BodyReadFailure.Busy;
            }
            int read;
            try
            {
                read = await stream.ReadAsync(_buffer.AsMemory(_length), cancellationToken).ConfigureAwait(false);
            }
            catch (BadHttpRequestException exception)
            {
                // Kestrel's own checks: its body-size cap (413), a short body or a too-slow upload.
                return exception.StatusCode == StatusCodes.Status413PayloadTooLarge
                    ? BodyReadFailure.TooLarge
                    : BodyReadFailure.Incomplete;
            }
            catch (IOException)
            {
                return BodyReadFailure.Incomplete;
            }
            if (read == 0) return _length > maxBytes ? BodyReadFailure.TooLarge : BodyReadFailure.None;
            _length += read;
            if (_length > maxBytes) return BodyReadFailure.TooLarge;
        }
    }

    private bool Grow(int size)
    {
        var larger = ArrayPool<byte>.Shared.Rent(size);
        if (!_budget.TryReserve(larger.Length))
        {
            ArrayPool<byte>.Shared.Return(larger);
            return false;
        }
        _buffer.AsSpan(0, _length).CopyTo(larger);
        _budget.Release(_buffer.Length);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
        return true;
    }

    /// <summary>Returns the buffer to the pool and its bytes to the budget.</summary>
    public void Dispose()
    {
        if (_buffer.Length == 0) return;
        _budget.Release(_buffer.Length);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
        _length = 0;
    }
}
