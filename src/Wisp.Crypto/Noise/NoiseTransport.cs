using Wisp.Crypto.Keys;

namespace Wisp.Crypto.Noise;

/// <summary>
/// What a finished Noise handshake leaves: a sending and a receiving <see cref="NoiseCipherState"/>, the
/// 64-byte handshake hash that names the session, and the remote's static key. Dispose wipes both keys.
/// </summary>
public sealed class NoiseTransport : IDisposable
{
    private readonly byte[] _handshakeHash;

    internal NoiseTransport(bool isInitiator, NoiseCipherState send, NoiseCipherState receive, ReadOnlySpan<byte> handshakeHash, X25519PublicKey? remoteStatic)
    {
        IsInitiator = isInitiator;
        Send = send;
        Receive = receive;
        _handshakeHash = handshakeHash.ToArray();
        RemoteStatic = remoteStatic;
    }

    /// <summary>True on the side that wrote the first handshake message.</summary>
    public bool IsInitiator { get; }

    /// <summary>The remote's static key (null for NN).</summary>
    public X25519PublicKey? RemoteStatic { get; }

    /// <summary>The final handshake hash h (64 bytes). Not secret, but unique to this session: layers above bind to it.</summary>
    public ReadOnlySpan<byte> HandshakeHash => _handshakeHash;

    /// <summary>Encrypts Noise transport messages to the remote.</summary>
    public NoiseCipherState Send { get; }

    /// <summary>Decrypts the remote's Noise transport messages.</summary>
    public NoiseCipherState Receive { get; }

    /// <summary>The 32-byte sending key, for a layer that runs its own cipher on it (a secret stream's push side).</summary>
    public ReadOnlySpan<byte> SendKey => Send.Key;

    /// <summary>The 32-byte receiving key (a secret stream's pull side).</summary>
    public ReadOnlySpan<byte> ReceiveKey => Receive.Key;

    /// <summary>Wipes both keys.</summary>
    public void Dispose()
    {
        Send.Dispose();
        Receive.Dispose();
    }
}
