using System.Text;
using System.Text.Json;
using Wisp.Crypto.Keys;

namespace Wisp.Crypto.Tests.Blinding;

/// <summary>The published blinding vectors (see Vectors/libsession-util/blinding and Vectors/session-pysogs).</summary>
internal static class BlindingVectors
{
    public static readonly JsonElement Libsession = PublishedVectors.Load(Path.Combine("libsession-util", "blinding", "blinding.json"));
    public static readonly JsonElement Pysogs = PublishedVectors.Load(Path.Combine("session-pysogs", "blinding.json"));

    /// <summary>The account of a libsession key name ("seed1", "seed2"): its 64-byte secret key starts with the seed.</summary>
    public static Ed25519KeyPair Account(string name)
    {
        var secretKey = Convert.FromHexString(Key(name).GetProperty("secret_key").GetString()!);
        var account = Ed25519KeyPair.FromSeed(secretKey.AsSpan(0, 32));
        // The vector's second half is the public key; a mismatch would mean the vector was copied wrong.
        if (!account.PublicKey.Span.SequenceEqual(secretKey.AsSpan(32)))
            throw new InvalidOperationException($"{name}: the secret key's second half is not its public key.");
        return account;
    }

    public static AccountId SessionId(string name) => AccountId.Parse(Key(name).GetProperty("session_id").GetString()!);

    public static X25519PublicKey Server(JsonElement row) => X25519PublicKey.FromHex(row.GetProperty("server_pk").GetString()!);

    public static byte[] Message(JsonElement row) => Encoding.ASCII.GetBytes(row.GetProperty("message").GetString()!);

    public static string Text(JsonElement row, string name) => row.GetProperty(name).GetString()!;

    private static JsonElement Key(string name) => Libsession.GetProperty("keys").GetProperty(name);
}
