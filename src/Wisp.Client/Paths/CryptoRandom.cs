using System.Security.Cryptography;

namespace Wisp.Client.Paths;

/// <summary>
/// A <see cref="Random"/> whose numbers come from the operating system's CSPRNG: what production path selection
/// uses, so nobody can predict which nodes a client will pick. Tests pass a seeded <see cref="Random"/> instead.
/// Thread-safe.
/// </summary>
internal sealed class CryptoRandom : Random
{
    /// <summary>One shared instance (it holds no state).</summary>
    public static CryptoRandom Instance { get; } = new();

    /// <inheritdoc/>
    public override int Next() => RandomNumberGenerator.GetInt32(int.MaxValue);

    /// <inheritdoc/>
    public override int Next(int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxValue);
        return maxValue <= 1 ? 0 : RandomNumberGenerator.GetInt32(maxValue);
    }

    /// <inheritdoc/>
    public override int Next(int minValue, int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minValue, maxValue);
        return maxValue - minValue <= 1 ? minValue : RandomNumberGenerator.GetInt32(minValue, maxValue);
    }

    /// <inheritdoc/>
    public override double NextDouble() => (RandomNumberGenerator.GetInt32(1 << 30) * (double)(1 << 23) + RandomNumberGenerator.GetInt32(1 << 23)) / (1L << 53);

    /// <inheritdoc/>
    public override void NextBytes(byte[] buffer) => RandomNumberGenerator.Fill(buffer);

    /// <inheritdoc/>
    public override void NextBytes(Span<byte> buffer) => RandomNumberGenerator.Fill(buffer);

    /// <inheritdoc/>
    protected override double Sample() => NextDouble();
}
