using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Wisp.Crypto.Keys;

namespace Wisp.Network.Local;

/// <summary>
/// <c>registry.key</c>: exactly the registry's 32-byte Ed25519 seed, mode 0600. Whoever holds it decides which nodes
/// are in the network, so it is created owner-only from the first byte and refused if someone loosened its mode.
/// </summary>
public static class RegistryKeyFile
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode GroupOrOther =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Makes a new registry key and writes its seed to <paramref name="path"/>, which must not exist.</summary>
    /// <exception cref="IOException">The file exists or cannot be written.</exception>
    public static Ed25519KeyPair Create(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var keys = Ed25519KeyPair.Generate();
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = OwnerOnly;
            using var stream = new FileStream(path, options);
            stream.Write(keys.Seed);
            stream.Flush(flushToDisk: true);
            return keys;
        }
        catch
        {
            keys.Dispose();
            throw;
        }
    }

    /// <summary>Loads the registry key; fails (with the reason and the fix) when it is missing, malformed or exposed.</summary>
    public static bool TryLoad(string path, [NotNullWhen(true)] out Ed25519KeyPair? keys, [NotNullWhen(false)] out string? problem)
    {
        ArgumentNullException.ThrowIfNull(path);
        keys = null;
        if (!File.Exists(path))
        {
            problem = $"{path} does not exist: without the registry key the network's nodes cannot be changed";
            return false;
        }
        var length = new FileInfo(path).Length;
        if (length != Ed25519KeyPair.SeedBytes)
        {
            problem = $"{path} is {length} bytes; a registry key is exactly {Ed25519KeyPair.SeedBytes} bytes (the Ed25519 seed)";
            return false;
        }
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & GroupOrOther) != 0)
        {
            problem = $"{path} can be read by other users; it holds the registry's secret key. Run `chmod 600 {path}`";
            return false;
        }
        var seed = File.ReadAllBytes(path);
        try
        {
            keys = Ed25519KeyPair.FromSeed(seed);
            problem = null;
            return true;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
        }
    }
}
