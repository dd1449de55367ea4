using System.Net;
using Wisp.Crypto.Keys;

namespace Wisp.Direct.Connect;

/// <summary>What a <see cref="DirectEndpoint"/> needs; checked by <see cref="DirectEndpoint.StartAsync"/>.</summary>
public sealed class DirectEndpointOptions
{
    /// <summary>This device's direct key (never the account key); its X25519 form is the Noise static key. Not disposed by the endpoint.</summary>
    public required Ed25519KeyPair KeyPair { get; init; }

    /// <summary>DHT nodes to bootstrap from (service nodes' UDP port, the same number as their HTTPS port).</summary>
    public IReadOnlyList<IPEndPoint> Bootstrap { get; init; } = [];

    /// <summary>Blind relays (service nodes' UDP) for when no punch can work; empty means no relay fallback.</summary>
    public IReadOnlyList<IPEndPoint> RelayNodes { get; init; } = [];

    /// <summary>Inbound gate: true lets this remote direct key in from this address; null lets everyone in. Keep it fast.</summary>
    public Func<X25519PublicKey, IPEndPoint, bool>? Firewall { get; init; }

    /// <summary>The one UDP socket's address (DHT, probes and streams share it).</summary>
    public IPEndPoint Bind { get; init; } = new(IPAddress.Any, 0);

    /// <summary>The clock for timeouts and throttles.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Punch timings (tests and the bench shorten the random probe interval).</summary>
    public PunchTimings Timings { get; init; } = PunchTimings.Default;
}
