namespace Wisp.Network.Registry;

/// <summary>Field rules for what a node announces: a host that can be dialled, a port in range, a short printable version.</summary>
public static class RegistryRules
{
    /// <summary>Null when <paramref name="host"/> is acceptable; otherwise what is wrong with it.</summary>
    /// <remarks>1–253 characters from A–Z, a–z, 0–9, '.', '-', ':' (a DNS name, IPv4, or bare IPv6 address).</remarks>
    public static string? CheckHost(string? host)
    {
        if (string.IsNullOrEmpty(host))
            return "the host is empty";
        if (host.Length > RegistryLimits.MaxHostBytes)
            return $"the host is {host.Length} characters; at most {RegistryLimits.MaxHostBytes} are allowed";
        for (var i = 0; i < host.Length; i++)
        {
            var c = host[i];
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '-' or ':'))
                return $"the host has '{Printable(c)}' at position {i + 1}; only letters, digits, '.', '-' and ':' are allowed";
        }
        return null;
    }

    /// <summary>Null when <paramref name="port"/> is 1–65535; otherwise what is wrong with it.</summary>
    public static string? CheckPort(int port) =>
        port is < RegistryLimits.MinPort or > RegistryLimits.MaxPort
            ? $"the port is {port}; it must be {RegistryLimits.MinPort}–{RegistryLimits.MaxPort}"
            : null;

    /// <summary>Null when <paramref name="softwareVersion"/> is 1–64 printable ASCII characters without spaces; otherwise what is wrong.</summary>
    public static string? CheckSoftwareVersion(string? softwareVersion)
    {
        if (string.IsNullOrEmpty(softwareVersion))
            return "the software version is empty";
        if (softwareVersion.Length > RegistryLimits.MaxSoftwareVersionBytes)
            return $"the software version is {softwareVersion.Length} characters; at most {RegistryLimits.MaxSoftwareVersionBytes} are allowed";
        for (var i = 0; i < softwareVersion.Length; i++)
        {
            if (softwareVersion[i] is < '!' or > '~')
                return $"the software version has '{Printable(softwareVersion[i])}' at position {i + 1}; only printable ASCII without spaces is allowed";
        }
        return null;
    }

    /// <summary>Null when host, port and version are all acceptable; otherwise the first problem.</summary>
    public static string? CheckAddress(string? host, int port, string? softwareVersion) =>
        CheckHost(host) ?? CheckPort(port) ?? CheckSoftwareVersion(softwareVersion);

    private static string Printable(char c) => char.IsControl(c) || char.IsWhiteSpace(c) ? $"U+{(int)c:X4}" : c.ToString();
}
