using System.Security.Cryptography;
using Wisp.Crypto.Interop;
using Wisp.Crypto.Keys;

namespace Wisp.Crypto.Noise;

/// <summary>
/// A Noise HandshakeState (spec rev 34, section 5.3) for <c>Noise_{NN,XX,IK}_25519_ChaChaPoly_BLAKE2b</c>. The two
/// sides take turns calling <see cref="WriteMessage"/> and <see cref="TryReadMessage"/>; once
/// <see cref="IsComplete"/>, <see cref="Split"/> gives the transport keys and the handshake hash. A message that does
/// not authenticate kills the handshake (<see cref="IsFailed"/>). The local static key stays the caller's; the
/// ephemeral key and the chaining key are wiped on <see cref="Split"/> or <see cref="Dispose"/>.
/// </summary>
public sealed unsafe class NoiseHandshake : IDisposable
{
    private readonly NoiseToken[][] _messages;
    private readonly NoiseSymmetricState _symmetric;
    private readonly X25519KeyPair? _s;
    private readonly bool _ownsEphemeral;
    private X25519KeyPair? _e;
    private X25519PublicKey? _rs;
    private X25519PublicKey? _re;
    private int _next;
    private bool _split;
    private bool _disposed;

    /// <summary>
    /// Starts a handshake. <paramref name="localStatic"/> is required for XX and IK and must be null for NN (it is
    /// not disposed by this object); <paramref name="remoteStatic"/> is required for the IK initiator and must be
    /// null otherwise. The <paramref name="prologue"/> must be the same on both sides or the handshake fails.
    /// </summary>
    public NoiseHandshake(
        NoisePattern pattern, bool initiator, X25519KeyPair? localStatic,
        X25519PublicKey? remoteStatic = null, ReadOnlySpan<byte> prologue = default)
        : this(pattern, initiator, localStatic, remoteStatic, prologue, localEphemeral: null)
    {
    }

    /// <summary>As the public constructor, with a fixed ephemeral key (owned by the caller) for the published vectors.</summary>
    internal NoiseHandshake(
        NoisePattern pattern, bool initiator, X25519KeyPair? localStatic,
        X25519PublicKey? remoteStatic, ReadOnlySpan<byte> prologue, X25519KeyPair? localEphemeral)
    {
        if (NoisePatterns.NeedsStatic(pattern) != (localStatic is not null))
            throw new ArgumentException(
                NoisePatterns.NeedsStatic(pattern) ? $"Noise {pattern} needs a local static key." : $"Noise {pattern} takes no static key.",
                nameof(localStatic));
        var needsRemote = initiator && NoisePatterns.ResponderStaticIsKnown(pattern);
        if (needsRemote != (remoteStatic is not null))
            throw new ArgumentException(
                needsRemote ? $"The Noise {pattern} initiator needs the responder's static key." : "Only an IK initiator knows the remote static key in advance.",
                nameof(remoteStatic));

        Pattern = pattern;
        IsInitiator = initiator;
        ProtocolName = NoiseProtocol.Name(pattern);
        _messages = NoisePatterns.Messages(pattern);
        _s = localStatic;
        _rs = remoteStatic;
        _e = localEphemeral;
        _ownsEphemeral = localEphemeral is null;

        _symmetric = new NoiseSymmetricState(ProtocolName);
        _symmetric.MixHash(prologue);
        if (NoisePatterns.ResponderStaticIsKnown(pattern))
            _symmetric.MixHash(initiator ? remoteStatic!.Span : localStatic!.PublicKey.Span);
    }

    /// <summary>The handshake pattern.</summary>
    public NoisePattern Pattern { get; }

    /// <summary>The protocol name hashed into the handshake, e.g. <c>Noise_IK_25519_ChaChaPoly_BLAKE2b</c>.</summary>
    public string ProtocolName { get; }

    /// <summary>True on the side that writes the first message.</summary>
    public bool IsInitiator { get; }

    /// <summary>True when every message of the pattern has been written or read.</summary>
    public bool IsComplete => _next == _messages.Length && !IsFailed;

    /// <summary>True once a message was refused; the handshake cannot go on.</summary>
    public bool IsFailed { get; private set; }

    /// <summary>True when the next call must be <see cref="WriteMessage"/> (false when complete or failed).</summary>
    public bool IsMyTurn => !IsFailed && _next < _messages.Length && (_next % 2 == 0) == IsInitiator;

    /// <summary>The remote's static key: the IK responder learns it from message 1, XX sides from the message carrying it.</summary>
    public X25519PublicKey? RemoteStatic => _rs;

    /// <summary>The current handshake hash h (64 bytes); after the last message it names the session.</summary>
    public ReadOnlySpan<byte> HandshakeHash
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _symmetric.HandshakeHash;
        }
    }

    /// <summary>
    /// Writes the next handshake message carrying <paramref name="payload"/> (encrypted once a key exists).
    /// Throws when it is not this side's turn, when the message would pass 65,535 bytes, or (as a
    /// <see cref="CryptographicException"/>, killing the handshake) when the remote's key is a low-order point.
    /// </summary>
    public byte[] WriteMessage(ReadOnlySpan<byte> payload)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!IsMyTurn)
            throw new InvalidOperationException(IsFailed ? "The handshake failed." : "It is not this side's turn to write.");
        var tokens = _messages[_next];
        var length = MessageLength(tokens, _symmetric.HasKey, payload.Length);
        if (length > NoiseProtocol.MaxMessageBytes)
            throw new ArgumentException($"A Noise message is at most {NoiseProtocol.MaxMessageBytes} bytes; this one would be {length}.", nameof(payload));

        var message = new byte[length];
        var at = 0;
        foreach (var token in tokens)
        {
            switch (token)
            {
                case NoiseToken.E:
                    _e ??= X25519KeyPair.Generate();
                    _e.PublicKey.Span.CopyTo(message.AsSpan(at));
                    _symmetric.MixHash(_e.PublicKey.Span);
                    at += NoiseProtocol.DhBytes;
                    break;
                case NoiseToken.S:
                    at += _symmetric.EncryptAndHash(_s!.PublicKey.Span, message.AsSpan(at));
                    break;
                default:
                    if (!MixDh(token))
                    {
                        Fail();
                        throw new CryptographicException("The remote's Noise key is a low-order point.");
                    }
                    break;
            }
        }
        _symmetric.EncryptAndHash(payload, message.AsSpan(at));
        _next++;
        return message;
    }

    /// <summary>
    /// Reads the remote's next handshake message and returns its payload. False when the message is refused (wrong
    /// length, a key or payload that does not authenticate, a low-order key): the handshake is then failed.
    /// </summary>
    public bool TryReadMessage(ReadOnlySpan<byte> message, out byte[] payload)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        payload = [];
        if (IsFailed || IsComplete || IsMyTurn)
            throw new InvalidOperationException(IsFailed ? "The handshake failed." : "It is not this side's turn to read.");
        if (message.Length > NoiseProtocol.MaxMessageBytes)
            return Fail();

        var tokens = _messages[_next];
        Span<byte> rs = stackalloc byte[NoiseProtocol.DhBytes];
        foreach (var token in tokens)
        {
            switch (token)
            {
                case NoiseToken.E:
                    if (message.Length < NoiseProtocol.DhBytes)
                        return Fail();
                    _re = new X25519PublicKey(message[..NoiseProtocol.DhBytes]);
                    _symmetric.MixHash(_re.Span);
                    message = message[NoiseProtocol.DhBytes..];
                    break;
                case NoiseToken.S:
                    var sLength = NoiseProtocol.DhBytes + (_symmetric.HasKey ? NoiseProtocol.TagBytes : 0);
                    if (message.Length < sLength)
                        return Fail();
                    if (!_symmetric.DecryptAndHash(message[..sLength], rs))
                        return Fail();
                    _rs = new X25519PublicKey(rs);
                    message = message[sLength..];
                    break;
                default:
                    if (!MixDh(token))
                        return Fail();
                    break;
            }
        }
        var tag = _symmetric.HasKey ? NoiseProtocol.TagBytes : 0;
        if (message.Length < tag)
            return Fail();
        var plaintext = new byte[message.Length - tag];
        if (!_symmetric.DecryptAndHash(message, plaintext))
            return Fail();
        _next++;
        payload = plaintext;
        return true;
    }

    /// <summary>
    /// Split: the transport keys (initiator sends with the first) and the final handshake hash. Once only, after
    /// <see cref="IsComplete"/>; wipes this handshake's secrets.
    /// </summary>
    public NoiseTransport Split()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!IsComplete)
            throw new InvalidOperationException("The handshake is not complete.");
        if (_split)
            throw new InvalidOperationException("The handshake was already split.");
        var (first, second) = _symmetric.Split();
        var transport = IsInitiator
            ? new NoiseTransport(true, first, second, _symmetric.HandshakeHash, _rs)
            : new NoiseTransport(false, second, first, _symmetric.HandshakeHash, _rs);
        _split = true;
        Dispose();
        return transport;
    }

    private static int MessageLength(NoiseToken[] tokens, bool keyed, int payloadLength)
    {
        var length = 0;
        foreach (var token in tokens)
        {
            if (token == NoiseToken.E)
                length += NoiseProtocol.DhBytes;
            else if (token == NoiseToken.S)
                length += NoiseProtocol.DhBytes + (keyed ? NoiseProtocol.TagBytes : 0);
            else
                keyed = true;
        }
        return length + payloadLength + (keyed ? NoiseProtocol.TagBytes : 0);
    }

    // The DH tokens (spec 5.3): es = DH(e, rs) on the initiator, DH(s, re) on the responder; se the mirror.
    private bool MixDh(NoiseToken token)
    {
        var (local, remote) = token switch
        {
            NoiseToken.EE => (_e, _re),
            NoiseToken.SS => (_s, _rs),
            NoiseToken.ES => IsInitiator ? (_e, _rs) : (_s, _re),
            NoiseToken.SE => IsInitiator ? (_s, _re) : (_e, _rs),
            _ => throw new InvalidOperationException($"Not a DH token: {token}."),
        };
        if (local is null || remote is null)
            throw new InvalidOperationException($"The {token} token has no key; the pattern table is wrong.");
        Span<byte> shared = stackalloc byte[NoiseProtocol.DhBytes];
        try
        {
            fixed (byte* q = shared, n = local.SecretKey, p = remote.Span)
            {
                // libsodium refuses (-1) an all-zero result, which a low-order remote key forces.
                if (Sodium.crypto_scalarmult(q, n, p) != 0)
                    return false;
            }
            _symmetric.MixKey(shared);
            return true;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(shared);
        }
    }

    private bool Fail()
    {
        IsFailed = true;
        return false;
    }

    /// <summary>Wipes the ephemeral key (when this object made it) and the chaining key.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _symmetric.Dispose();
        if (_ownsEphemeral)
            _e?.Dispose();
        _disposed = true;
    }
}
