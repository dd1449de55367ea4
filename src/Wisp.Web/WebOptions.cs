using Microsoft.Extensions.Logging;
using Wisp.Client.Account;
using Wisp.Crypto.Kdf;

namespace Wisp.Web;

/// <summary>What <c>wisp web</c> serves: which home and profile, on which port, over which local network.</summary>
public sealed class WebOptions
{
    /// <summary>The Wisp home holding the profiles.</summary>
    public required WispHome Home { get; init; }

    /// <summary>The profile asked for (<c>--profile</c>); null: the only profile, else <c>default</c>.</summary>
    public ProfileName? Profile { get; init; }

    /// <summary>The port on 127.0.0.1; 0 (the default) picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>The folder of the local network (<c>wisp up</c>'s), connected to once an account is unlocked.</summary>
    public required string NetworkFolder { get; init; }

    /// <summary>
    /// DHT nodes the direct path starts from (<c>--dht-bootstrap ip:port</c>); empty: the network's service nodes. The
    /// endpoint runs only while a contact's direct mode is on or offered.
    /// </summary>
    public IReadOnlyList<string> DhtBootstrap { get; init; } = [];

    /// <summary>Argon2id work for new passphrases: <see cref="PasswordKdfLimits.Moderate"/> except in tests.</summary>
    public PasswordKdfLimits KdfLimits { get; init; } = PasswordKdfLimits.Moderate;

    /// <summary>Least level logged (to stderr).</summary>
    public LogLevel LogLevel { get; init; } = LogLevel.Warning;

    /// <summary>The token the page must send; null: a fresh random one (tests may fix it).</summary>
    internal string? Token { get; init; }

    /// <summary>Front-end files by path (tests); null: the ones embedded in this assembly.</summary>
    internal IReadOnlyDictionary<string, byte[]>? FrontEnd { get; init; }

    /// <summary>Problems with the options, in words; empty when they can be used.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Port is < 0 or > 65535)
            problems.Add($"--port: {Port} is not a port (0 picks a free one, else 1–65535).");
        foreach (var entry in DhtBootstrap)
        {
            if (!Wisp.Client.Direct.DhtBootstrap.TryParse(entry, out _, out var error))
                problems.Add($"--dht-bootstrap: {error}");
        }
        return problems;
    }
}
