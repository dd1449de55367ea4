using Wisp.Crypto.Keys;
using Wisp.Crypto.Noise;
using Wisp.Crypto.Streams;

namespace Wisp.Direct.Secure;

/// <summary>
/// An encrypted, authenticated, ordered message stream over any reliable byte <see cref="Stream"/>, keyed by a
/// finished Noise handshake (as hyperswarm-secret-stream): each side first sends a 56-byte header binding the stream
/// to the handshake hash, then every message is one libsodium secretstream (XChaCha20-Poly1305) piece in a uint24
/// frame. A changed, replayed, reordered or dropped frame ends the stream; an empty message is a keep-alive; close
/// sends a final tag so that a cut-off transport is told apart from an orderly end.
/// </summary>
public sealed class SecretStream : IAsyncDisposable
{
    private readonly Stream _transport;
    private readonly bool _ownsTransport;
    private readonly int _maxMessage;
    private readonly byte[] _handshakeHash;
    private readonly SecretStreamEncryptor _push;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private SecretStreamDecryptor? _pull;
    private bool _sendClosed;
    private bool _receiveEnded;
    private SecretStreamException? _receiveFailed;
    private int _receiving;
    private bool _disposed;

    private SecretStream(Stream transport, bool ownsTransport, int maxMessage, bool isInitiator, ReadOnlySpan<byte> handshakeHash,
        X25519PublicKey? remoteStatic, SecretStreamEncryptor push)
    {
        _transport = transport;
        _ownsTransport = ownsTransport;
        _maxMessage = maxMessage;
        IsInitiator = isInitiator;
        _handshakeHash = handshakeHash.ToArray();
        RemoteStatic = remoteStatic;
        _push = push;
    }

    /// <summary>True on the side that started the Noise handshake.</summary>
    public bool IsInitiator { get; }

    /// <summary>The remote's Noise static key (its direct key), or null after an NN handshake.</summary>
    public X25519PublicKey? RemoteStatic { get; }

    /// <summary>The Noise handshake hash this stream is bound to (64 bytes).</summary>
    public ReadOnlyMemory<byte> HandshakeHash => _handshakeHash;

    /// <summary>
    /// Starts a secret stream with the keys of a finished handshake: sends this side's header and reads and checks the
    /// remote's. <paramref name="keys"/> is copied from (the caller still disposes it). Throws
    /// <see cref="SecretStreamException"/> when the remote header does not fit this handshake.
    /// </summary>
    public static async Task<SecretStream> StartAsync(
        Stream transport, NoiseTransport keys, SecretStreamOptions? options = null, bool ownsTransport = false, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(keys);
        options ??= new SecretStreamOptions();
        options.Validate();

        var header = new byte[Limits.HeaderMessageBytes];
        SecretStreamHeader.StreamId(keys.HandshakeHash, keys.IsInitiator).CopyTo(header, 0);
        var push = new SecretStreamEncryptor(keys.SendKey, header.AsSpan(SecretStreamHeader.StreamIdBytes));
        var stream = new SecretStream(transport, ownsTransport, options.MaxMessageBytes, keys.IsInitiator, keys.HandshakeHash, keys.RemoteStatic, push);
        var receiveKey = keys.ReceiveKey.ToArray();
        try
        {
            await SecureFraming.WriteFrameAsync(transport, header, ct).ConfigureAwait(false);
            var remote = await SecureFraming.ReadFrameAsync(transport, Limits.HeaderMessageBytes, ct).ConfigureAwait(false)
                ?? throw new SecretStreamException(SecretStreamError.Truncated, "The transport ended before the remote's header.");
            if (remote.Length != Limits.HeaderMessageBytes
                || !SecretStreamHeader.IsRemoteId(remote.AsSpan(0, SecretStreamHeader.StreamIdBytes), keys.HandshakeHash, keys.IsInitiator))
                throw new SecretStreamException(SecretStreamError.BadHeader, "The remote's header does not belong to this handshake.");
            stream._pull = new SecretStreamDecryptor(receiveKey, remote.AsSpan(SecretStreamHeader.StreamIdBytes));
            return stream;
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(receiveKey);
        }
    }

    /// <summary>
    /// Runs Noise XX over <paramref name="transport"/> (each handshake message in a uint24 frame, prologue
    /// <see cref="NoiseProtocol.SecretStreamPrologue"/>, empty payloads), then starts the stream as
    /// <see cref="StartAsync"/>. For links with no prior handshake; check <see cref="RemoteStatic"/> afterwards.
    /// </summary>
    public static async Task<SecretStream> HandshakeXXAsync(
        Stream transport, bool initiator, X25519KeyPair staticKey, SecretStreamOptions? options = null,
        bool ownsTransport = false, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(staticKey);
        NoiseTransport keys;
        try
        {
            keys = await RunXXAsync(transport, initiator, staticKey, ct).ConfigureAwait(false);
        }
        catch when (ownsTransport)
        {
            await transport.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        using (keys)
            return await StartAsync(transport, keys, options, ownsTransport, ct).ConfigureAwait(false);
    }

    private static async Task<NoiseTransport> RunXXAsync(Stream transport, bool initiator, X25519KeyPair staticKey, CancellationToken ct)
    {
        using var handshake = new NoiseHandshake(NoisePattern.XX, initiator, staticKey, null, NoiseProtocol.SecretStreamPrologue);
        while (!handshake.IsComplete)
        {
            if (handshake.IsMyTurn)
            {
                byte[] message;
                try
                {
                    message = handshake.WriteMessage([]);
                }
                catch (System.Security.Cryptography.CryptographicException e)
                {
                    throw new SecretStreamException(SecretStreamError.HandshakeFailed, e.Message);
                }
                await SecureFraming.WriteFrameAsync(transport, message, ct).ConfigureAwait(false);
            }
            else
            {
                var message = await SecureFraming.ReadFrameAsync(transport, Limits.MaxHandshakeMessageBytes, ct).ConfigureAwait(false)
                    ?? throw new SecretStreamException(SecretStreamError.Truncated, "The transport ended during the handshake.");
                if (!handshake.TryReadMessage(message, out _))
                    throw new SecretStreamException(SecretStreamError.HandshakeFailed, "A Noise handshake message did not authenticate.");
            }
        }
        return handshake.Split();
    }

    /// <summary>Sends one message of 1 to <see cref="SecretStreamOptions.MaxMessageBytes"/> bytes. Safe to call concurrently.</summary>
    public async ValueTask SendAsync(ReadOnlyMemory<byte> message, CancellationToken ct = default)
    {
        if (message.IsEmpty)
            throw new ArgumentException("An empty message is a keep-alive; use SendKeepAliveAsync.", nameof(message));
        if (message.Length > _maxMessage)
            throw new ArgumentException($"A message on this stream is at most {_maxMessage} bytes; got {message.Length}.", nameof(message));
        await PushAsync(message, final: false, ct).ConfigureAwait(false);
    }

    /// <summary>Sends an empty message, which the remote's receive skips: it keeps NAT mappings and idle timers alive.</summary>
    public ValueTask SendKeepAliveAsync(CancellationToken ct = default) => PushAsync(ReadOnlyMemory<byte>.Empty, final: false, ct);

    /// <summary>Ends this side's sending with a final tag; the remote's receive then answers null. The transport stays open.</summary>
    public async ValueTask CloseAsync(CancellationToken ct = default)
    {
        await PushAsync(ReadOnlyMemory<byte>.Empty, final: true, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// The next message. Null once the remote has closed. Throws <see cref="SecretStreamException"/> on a frame
    /// that does not authenticate or is too large, or when the transport ends without a close; the stream is then
    /// dead. One reader at a time; cancelling a receive mid-frame also ends the stream.
    /// </summary>
    public async ValueTask<byte[]?> ReceiveAsync(CancellationToken ct = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (Interlocked.Exchange(ref _receiving, 1) == 1)
            throw new InvalidOperationException("Another receive is in progress.");
        try
        {
            if (_receiveFailed is not null)
                throw new SecretStreamException(_receiveFailed.Error, "The stream already failed: " + _receiveFailed.Message);
            while (true)
            {
                if (_receiveEnded)
                    return null;
                var frame = await ReadOrFailAsync(ct).ConfigureAwait(false);
                var plaintext = new byte[frame.Length - Limits.FrameOverheadBytes];
                var piece = _pull!.Pull(frame, plaintext);
                if (piece == SecretStreamPiece.Forged)
                    throw new SecretStreamException(SecretStreamError.Forged, "A frame did not authenticate (changed, replayed, reordered or dropped).");
                if (piece == SecretStreamPiece.Final)
                {
                    _receiveEnded = true;
                    return null;
                }
                if (plaintext.Length > 0)
                    return plaintext;
                // An empty message is a keep-alive: nothing to hand up.
            }
        }
        catch (SecretStreamException e)
        {
            _receiveFailed ??= e;
            throw;
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // A read cut off mid-frame leaves the framing unknown: nothing after it can be trusted to line up.
            _receiveFailed ??= new SecretStreamException(SecretStreamError.Truncated, "A receive was cancelled or the transport failed.");
            throw;
        }
        finally
        {
            Volatile.Write(ref _receiving, 0);
        }
    }

    private async ValueTask<byte[]> ReadOrFailAsync(CancellationToken ct)
    {
        var frame = await SecureFraming.ReadFrameAsync(_transport, _maxMessage + Limits.FrameOverheadBytes, ct).ConfigureAwait(false)
            ?? throw new SecretStreamException(SecretStreamError.Truncated, "The transport ended without the remote closing the stream.");
        if (frame.Length < Limits.FrameOverheadBytes)
            throw new SecretStreamException(SecretStreamError.Forged, "A frame is shorter than its authentication tag.");
        return frame;
    }

    private async ValueTask PushAsync(ReadOnlyMemory<byte> message, bool final, CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _sendLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_sendClosed)
                throw new InvalidOperationException("This side of the stream is closed.");
            var frame = new byte[Limits.LengthPrefixBytes + message.Length + Limits.FrameOverheadBytes];
            SecureFraming.WritePrefix(frame, message.Length + Limits.FrameOverheadBytes);
            _push.Push(message.Span, frame.AsSpan(Limits.LengthPrefixBytes), final);
            _sendClosed = final;
            await _transport.WriteAsync(frame, ct).ConfigureAwait(false);
            await _transport.FlushAsync(ct).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Wipes both secretstream states; disposes the transport when this stream owns it.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        _push.Dispose();
        _pull?.Dispose();
        if (_ownsTransport)
            await _transport.DisposeAsync().ConfigureAwait(false);
    }
}
