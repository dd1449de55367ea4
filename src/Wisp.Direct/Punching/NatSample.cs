using System.Net;

namespace Wisp.Direct.Punching;

/// <summary>One observation: <paramref name="SeenAs"/> is how DHT node <paramref name="From"/> saw our socket.</summary>
public readonly record struct NatSample(IPEndPoint SeenAs, IPEndPoint From);
