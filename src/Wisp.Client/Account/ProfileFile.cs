using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Wisp.Crypto.Aead;
using Wisp.Crypto.Kdf;
using Wisp.Crypto.Keys;

namespace Wisp.Client.Account;

/// <summary>The Argon2id settings a passphrase-protected profile was made with.</summary>
/// <param name="Limits">Passes and memory.</param>
/// <param name="Salt">The 16-byte salt.</param>
internal sealed record KdfSettings(PasswordKdfLimits Limits, byte[] Salt);

/// <summary>
/// A profile's <c>profile.json</c>: what can be known without the passphrase (format version, Account ID, Ed25519
/// public key, how the data key is protected) and the wrapped data key. Nothing in it is secret except, for a profile
/// made without a passphrase, the wrapping key itself, stored in the clear beside what it wraps.
/// </summary>
/// <remarks>
/// <code>
/// { "format": "wisp-profile", "version": 1, "account_id": "05…", "ed25519_public_key": "…",
///   "passphrase": true,
///   "kdf": { "algorithm": "argon2id13", "operations": 3, "memory_bytes": 268435456, "salt": "32 hex" },  // or null
///   "wrapping_key": null,                                       // 64 hex when "passphrase" is false
///   "data_key": { "nonce": "48 hex", "ciphertext": "96 hex" } }  // XChaCha20-Poly1305 of the 32-byte data key
/// </code>
/// </remarks>
internal sealed record ProfileFile(
    AccountId AccountId, Ed25519PublicKey Ed25519PublicKey, KdfSettings? Kdf, byte[]? WrappingKey, byte[] DataKeyNonce, byte[] WrappedDataKey)
{
    public const string FileName = "profile.json";
    public const int CurrentVersion = 1;
    private const string Format = "wisp-profile";
    private const string Argon2id = "argon2id13";

    /// <summary>A profile file is a few hundred bytes; anything much larger is not one, and is not read.</summary>
    public const int MaxBytes = 16 * 1024;

    // Bounds on stored KDF settings, so that a tampered file cannot make opening it take hours or all memory.
    private const ulong MaxOperations = 64;
    private const ulong MaxMemoryBytes = 4UL * 1024 * 1024 * 1024;
    private const ulong MinMemoryBytes = 8 * 1024;

    public bool UsesPassphrase => Kdf is not null;

    public byte[] ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("format", Format);
            json.WriteNumber("version", CurrentVersion);
            json.WriteString("account_id", AccountId.Hex);
            json.WriteString("ed25519_public_key", Ed25519PublicKey.ToHex());
            json.WriteBoolean("passphrase", UsesPassphrase);
            if (Kdf is null)
            {
                json.WriteNull("kdf");
                json.WriteString("wrapping_key", Convert.ToHexStringLower(WrappingKey!));
            }
            else
            {
                json.WriteStartObject("kdf");
                json.WriteString("algorithm", Argon2id);
                json.WriteNumber("operations", Kdf.Limits.Operations);
                json.WriteNumber("memory_bytes", (ulong)Kdf.Limits.MemoryBytes);
                json.WriteString("salt", Convert.ToHexStringLower(Kdf.Salt));
                json.WriteEndObject();
                json.WriteNull("wrapping_key");
            }
            json.WriteStartObject("data_key");
            json.WriteString("nonce", Convert.ToHexStringLower(DataKeyNonce));
            json.WriteString("ciphertext", Convert.ToHexStringLower(WrappedDataKey));
            json.WriteEndObject();
            json.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <summary>Reads a profile file; on failure, <paramref name="problem"/> says what is wrong and <paramref name="newer"/> whether it is from a newer Wisp.</summary>
    public static bool TryParse(ReadOnlySpan<byte> bytes, [NotNullWhen(true)] out ProfileFile? profile, [NotNullWhen(false)] out string? problem, out bool newer)
    {
        profile = null;
        newer = false;
        if (bytes.Length > MaxBytes)
        {
            problem = $"{FileName} is {bytes.Length} bytes, more than a profile file can be ({MaxBytes}).";
            return false;
        }
        try
        {
            using var document = JsonDocument.Parse(bytes.ToArray());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String ||
                format.GetString() != Format)
            {
                problem = $"{FileName} is not a Wisp profile file.";
                return false;
            }
            var version = root.GetProperty("version").GetInt32();
            if (version > CurrentVersion)
            {
                newer = true;
                problem = $"{FileName} is format version {version}; this Wisp reads version {CurrentVersion}.";
                return false;
            }
            if (version != CurrentVersion)
            {
                problem = $"{FileName} has an unknown format version {version}.";
                return false;
            }
            if (!AccountId.TryParse(root.GetProperty("account_id").GetString(), out var accountId, out var idError))
            {
                problem = $"{FileName}: {idError}";
                return false;
            }
            var publicKey = new Ed25519PublicKey(Hex(root, "ed25519_public_key", Ed25519PublicKey.Bytes));
            var usesPassphrase = root.GetProperty("passphrase").GetBoolean();
            var dataKey = root.GetProperty("data_key");
            var nonce = Hex(dataKey, "nonce", XChaCha20Poly1305.NonceBytes);
            var wrapped = Hex(dataKey, "ciphertext", LocalData.DataKey.Bytes + XChaCha20Poly1305.TagBytes);
            if (!usesPassphrase)
            {
                profile = new ProfileFile(accountId, publicKey, null, Hex(root, "wrapping_key", XChaCha20Poly1305.KeyBytes), nonce, wrapped);
                problem = null;
                return true;
            }
            if (!TryReadKdf(root.GetProperty("kdf"), out var kdf, out problem))
                return false;
            profile = new ProfileFile(accountId, publicKey, kdf, null, nonce, wrapped);
            return true;
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or KeyNotFoundException or FormatException or ArgumentException)
        {
            problem = $"{FileName} is damaged ({exception.Message})";
            return false;
        }
    }

    private static bool TryReadKdf(JsonElement kdf, [NotNullWhen(true)] out KdfSettings? settings, [NotNullWhen(false)] out string? problem)
    {
        settings = null;
        if (kdf.GetProperty("algorithm").GetString() != Argon2id)
        {
            problem = $"{FileName} names an unknown key derivation '{kdf.GetProperty("algorithm").GetString()}'.";
            return false;
        }
        var operations = kdf.GetProperty("operations").GetUInt64();
        var memory = kdf.GetProperty("memory_bytes").GetUInt64();
        if (operations is < 1 or > MaxOperations || memory is < MinMemoryBytes or > MaxMemoryBytes || memory > nuint.MaxValue)
        {
            problem = $"{FileName} has out-of-range Argon2id settings ({operations} passes, {memory} bytes).";
            return false;
        }
        settings = new KdfSettings(new PasswordKdfLimits(operations, (nuint)memory), Hex(kdf, "salt", PasswordKdf.SaltBytes));
        problem = null;
        return true;
    }

    private static byte[] Hex(JsonElement parent, string name, int bytes)
    {
        var text = parent.GetProperty(name).GetString() ?? throw new FormatException($"'{name}' is null.");
        if (text.Length != bytes * 2)
            throw new FormatException($"'{name}' must be {bytes * 2} hex characters; got {text.Length}.");
        return Convert.FromHexString(text);
    }
}
