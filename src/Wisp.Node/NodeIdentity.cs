using Wisp.Crypto.Keys;

namespace Wisp.Node;

/// <summary>Who this node is: its long-term key pair and the address clients reach it at.</summary>
public sealed record NodeIdentity(Ed25519KeyPair Keys, string Host, int Port)
{
    /// <summary>The HTTPS base URL (IPv6 hosts in brackets).</summary>
    public string Url => Host.Contains(':') ? $"https://[{Host}]:{Port}" : $"https://{Host}:{Port}";
}
