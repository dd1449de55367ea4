using System.Net;
using Wisp.Direct.Streams;

namespace Wisp.Direct.Relay;

/// <summary>
/// The relay of last resort on a service node: pairs two peers presenting the same 32-byte token and forwards their
/// stream packets by rewriting stream ids. It sees only ciphertext (the streams carry SecretStream frames).
/// </summary>
public sealed class BlindRelayServer(IPacketSink sink, TimeProvider time, RelayOptions? options = null) : IDisposable
{
    private readonly IPacketSink _sink = sink;
    private readonly TimeProvider _time = time;
    private readonly RelayOptions _options = options ?? new RelayOptions();

    /// <summary>Handles a datagram starting with <c>0x04</c> (control) or <c>0xFF</c> (a stream packet to forward). Never throws.</summary>
    public void OnDatagram(IPEndPoint from, ReadOnlySpan<byte> datagram) => throw new NotImplementedException();

    /// <summary>The counters.</summary>
    public RelayStats Stats => throw new NotImplementedException();

    /// <summary>Stops the sweep timer; pairs are forgotten.</summary>
    public void Dispose() => GC.KeepAlive((_sink, _time, _options));
}
