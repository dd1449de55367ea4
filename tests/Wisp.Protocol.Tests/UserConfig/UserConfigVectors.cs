using Wisp.Crypto.Keys;

namespace Wisp.Protocol.Tests.UserConfig;

/// <summary>Reads Vectors/libsession-util/user_configs.txt (<c>name = hex</c> lines).</summary>
internal static class UserConfigVectors
{
    private static readonly Lazy<Dictionary<string, string>> Values = new(() =>
        File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Vectors", "libsession-util", "user_configs.txt"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split(" = ", 2))
            .ToDictionary(p => p[0], p => p[1]));

    public static string Hex(string name) => Values.Value[name];

    public static byte[] Bytes(string name) => Convert.FromHexString(Values.Value[name]);

    /// <summary>The account of libsession's tests (seed 0123456789abcdef0123456789abcdef followed by 16 zero bytes).</summary>
    public static Ed25519KeyPair Account() => Ed25519KeyPair.FromSeed(Bytes("seed"));

    public static string SessionId(char digit) => "05" + new string(digit, 64);
}
