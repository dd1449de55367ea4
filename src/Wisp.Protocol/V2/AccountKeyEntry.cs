using Wisp.Crypto;

namespace Wisp.Protocol.V2;

/// <summary>
/// One row of an account's key ring, as the device group's account key list holds it (<c>s</c> seed, <c>c</c>
/// created, <c>r</c> rotated away; unix seconds on the wire): the current key has no <see cref="RotatedAt"/>.
/// </summary>
public sealed record AccountKeyEntry(byte[] Seed, DateTimeOffset Created, DateTimeOffset? RotatedAt)
{
    /// <summary>Seed length in bytes.</summary>
    public const int SeedBytes = AccountKey.SeedBytes;

    /// <summary>A new current entry with a fresh random seed created at <paramref name="now"/>.</summary>
    public static AccountKeyEntry Create(DateTimeOffset now) => new(RandomBytes.Get(SeedBytes), now, null);

    /// <summary>True for the key in use (not yet rotated away).</summary>
    public bool IsCurrent => RotatedAt is null;

    /// <summary>Expands the seed into the key pairs (dispose the result).</summary>
    public AccountKey Expand() => AccountKey.FromSeed(Seed);

    /// <summary>The public halves of this entry's key.</summary>
    public AccountKeyBundle ToBundle()
    {
        using var key = Expand();
        return key.ToBundle();
    }

    /// <summary>Never prints the seed.</summary>
    public override string ToString() => $"AccountKeyEntry(created {Created:u}, {(RotatedAt is { } r ? $"rotated {r:u}" : "current")})";
}
