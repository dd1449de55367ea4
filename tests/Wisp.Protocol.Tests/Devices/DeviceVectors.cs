namespace Wisp.Protocol.Tests.Devices;

/// <summary>The device-group vectors under Vectors/libsession (see its README for provenance).</summary>
internal static class DeviceVectors
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Vectors", "libsession");

    private static readonly Lazy<Dictionary<string, string>> Values = new(() => File.ReadAllLines(Path.Combine(Folder, "device_group_vectors.txt"))
        .Where(l => l.Contains('=', StringComparison.Ordinal))
        .ToDictionary(l => l[..l.IndexOf('=', StringComparison.Ordinal)], l => l[(l.IndexOf('=', StringComparison.Ordinal) + 1)..]));

    public static string Text(string key) => Values.Value[key];

    public static byte[] Bytes(string key) => Convert.FromHexString(Text(key));

    public static int[] Indices(string key) => [.. Text(key).Split(',').Select(int.Parse)];

    public static IReadOnlyList<string> Emoji() => [.. File.ReadAllLines(Path.Combine(Folder, "sas_emoji.txt"))
        .Select(l => string.Concat(l.Split(' ')[2].Split('-').Select(cp => char.ConvertFromUtf32(Convert.ToInt32(cp, 16)))))];
}
