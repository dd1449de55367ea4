using Wisp.Crypto.Keys;

namespace Wisp.Protocol.Tests.Groups;

/// <summary>Reads the libsession vector files (see Vectors/libsession/README.md) and makes test keys.</summary>
internal static class GroupVectors
{
    /// <summary>The lines of a vector file as (name, rest), skipping comments.</summary>
    public static List<(string Name, string Value)> Lines(string file) =>
        [.. File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Groups", "Vectors", "libsession", file))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split(' ', 2))
            .Select(p => (p[0], p[1]))];

    /// <summary>The single value named <paramref name="name"/>.</summary>
    public static string Value(string file, string name) => Lines(file).Single(l => l.Name == name).Value;

    public static Ed25519KeyPair Key(string seedHex) => Ed25519KeyPair.FromSeed(Convert.FromHexString(seedHex));

    /// <summary>A key pair from a small number, so tests with many members stay deterministic.</summary>
    public static Ed25519KeyPair Numbered(int n)
    {
        var seed = new byte[32];
        BitConverter.TryWriteBytes(seed, n);
        seed[31] = 0x77;
        return Ed25519KeyPair.FromSeed(seed);
    }
}
