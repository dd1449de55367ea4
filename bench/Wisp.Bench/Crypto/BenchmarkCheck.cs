namespace Wisp.Bench.Crypto;

/// <summary>The correctness checks every benchmark class runs once in its global setup, before anything is timed.</summary>
internal static class BenchmarkCheck
{
    /// <summary>Throws, naming <paramref name="what"/>, unless <paramref name="condition"/> holds.</summary>
    public static void That(bool condition, string what)
    {
        if (!condition)
            throw new InvalidOperationException($"Correctness check failed before benchmarking: {what}.");
    }

    /// <summary>A libsodium return code that must be 0.</summary>
    public static void Succeeded(int sodiumResult, string call) => That(sodiumResult == 0, $"{call} returned {sodiumResult}");

    /// <summary>Deterministic test bytes (not secret; the same in every run).</summary>
    public static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
