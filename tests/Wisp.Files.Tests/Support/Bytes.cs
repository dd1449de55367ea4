namespace Wisp.Files.Tests.Support;

/// <summary>Test payloads.</summary>
internal static class Bytes
{
    /// <summary><paramref name="length"/> random bytes.</summary>
    public static byte[] Random(int length)
    {
        var bytes = new byte[length];
        System.Random.Shared.NextBytes(bytes);
        return bytes;
    }
}
