using System.Text;
using Wisp.Crypto.DeviceGroups;

namespace Wisp.Crypto.Kdf;

/// <summary>
/// The 16-byte seed of a device link request's short authentication string (Session's protocol v2, "Handshake short
/// authentication string"): Argon2id of the signed request with salt BLAKE2b-16(request, pers "SessionLinkEmoji"),
/// 2 passes over 16 MiB. Memory-hard so that a seed holder cannot find a look-alike request in the minutes a link takes.
/// </summary>
public static class LinkSasSeed
{
    /// <summary>Seed length in bytes.</summary>
    public const int Bytes = 16;

    /// <summary>Argon2id passes, as libsession.</summary>
    public const ulong Operations = 2;

    /// <summary>Argon2id memory in bytes (16 MiB), as libsession.</summary>
    public const nuint MemoryBytes = 16 * 1024 * 1024;

    private static readonly byte[] Personal = Encoding.ASCII.GetBytes("SessionLinkEmoji");

    /// <summary>Derives the seed of <paramref name="signedRequest"/> (the decrypted, signed request dict) into <paramref name="seed"/>.</summary>
    public static void Derive(ReadOnlySpan<byte> signedRequest, Span<byte> seed)
    {
        if (seed.Length != Bytes)
            throw new ArgumentException($"A SAS seed is {Bytes} bytes; got {seed.Length}.", nameof(seed));
        Span<byte> salt = stackalloc byte[PasswordKdf.SaltBytes];
        DeviceGroupPrimitives.Blake2b(salt, default, Personal, signedRequest);
        PasswordKdf.DeriveBytes(signedRequest, salt, new PasswordKdfLimits(Operations, MemoryBytes), seed);
    }

    /// <summary>Derives the seed as a new array.</summary>
    public static byte[] Derive(ReadOnlySpan<byte> signedRequest)
    {
        var seed = new byte[Bytes];
        Derive(signedRequest, seed);
        return seed;
    }
}
