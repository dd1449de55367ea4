namespace Wisp.Protocol.Tests.Groups;

/// <summary>Reads the libsession vector files (<c>name = hex</c> lines) kept under Groups/Vectors/libsession.</summary>
internal static class ConfigVectors
{
    private static readonly Lazy<Dictionary<string, string>> Messages = new(() => Load("config_messages.txt"));
    private static readonly Lazy<Dictionary<string, string>> Encryption = new(() => Load("config_encryption.txt"));

    public static byte[] Message(string name) => Convert.FromHexString(Messages.Value[name]);

    public static string EncryptionText(string name) => Encryption.Value[name];

    public static byte[] EncryptionBytes(string name) => Convert.FromHexString(Encryption.Value[name]);

    private static Dictionary<string, string> Load(string file) =>
        File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Groups", "Vectors", "libsession", file))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split(" = ", 2))
            .ToDictionary(p => p[0], p => p[1]);
}
