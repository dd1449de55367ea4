using System.Text.Json;
using System.Text.Json.Serialization;
using Wisp.Client.LocalData;
using Wisp.Crypto.Keys;

namespace Wisp.Client.Paths;

/// <summary>
/// The guards a client chose, kept across runs in <c>guards.json</c> in its state directory:
/// <c>{"version": 1, "guards": ["&lt;ed25519 hex&gt;", …]}</c>. Keeping guards is what makes them guards: a client
/// that picked new entry nodes on every start would, over time, hand its address to every node. Only keys are
/// stored; addresses come from the pool. A missing or damaged file reads as no guards (they are chosen again).
/// </summary>
internal static class GuardFile
{
    /// <summary>The file's name in the state directory.</summary>
    public const string FileName = "guards.json";

    /// <summary>The format version written.</summary>
    public const int CurrentVersion = 1;

    /// <summary>Largest file read (64 KiB): a few keys are a few hundred bytes; anything larger is not ours.</summary>
    private const int MaxFileBytes = 64 * 1024;

    /// <summary>The guards stored in <paramref name="directory"/>; empty when there is no usable file.</summary>
    public static IReadOnlyList<Ed25519PublicKey> Read(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var path = Path.Combine(directory, FileName);
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists || info.Length > MaxFileBytes)
                return [];
            var document = JsonSerializer.Deserialize(File.ReadAllBytes(path), GuardFileJson.Default.GuardDocument);
            if (document is not { Version: CurrentVersion, Guards: { } guards })
                return [];
            var keys = new List<Ed25519PublicKey>();
            foreach (var hex in guards)
            {
                if (hex is { Length: Ed25519PublicKey.Bytes * 2 } && hex.All(char.IsAsciiHexDigit))
                    keys.Add(Ed25519PublicKey.FromHex(hex));
            }
            return keys;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return [];
        }
    }

    /// <summary>
    /// Replaces the stored guards with <paramref name="guards"/>. The file names the nodes that see this client's
    /// address, so it is private (0600, in a 0700 directory when this creates it) and written atomically under a
    /// temporary name of its own, so two processes of the profile writing at once never clash.
    /// </summary>
    /// <exception cref="IOException">The directory cannot be written.</exception>
    public static void Write(string directory, IEnumerable<Ed25519PublicKey> guards)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(guards);
        PrivateFiles.CreateDirectory(directory);
        var document = new GuardDocument { Version = CurrentVersion, Guards = [.. guards.Select(g => g.ToHex())] };
        PrivateFiles.WriteAtomically(Path.Combine(directory, FileName), JsonSerializer.SerializeToUtf8Bytes(document, GuardFileJson.Default.GuardDocument));
    }
}

/// <summary>The JSON shape of <see cref="GuardFile"/>.</summary>
internal sealed class GuardDocument
{
    [JsonPropertyName("version")] public int Version { get; set; }
    [JsonPropertyName("guards")] public List<string?>? Guards { get; set; }
}

[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(GuardDocument))]
internal sealed partial class GuardFileJson : JsonSerializerContext;
