using System.Text.Json;

namespace Wisp.Client.Tests.Support;

/// <summary>The recovery-phrase vectors in Vectors/recovery-phrases/phrases.json (see its README for provenance).</summary>
internal static class Phrases
{
    private static readonly JsonElement Root = JsonDocument.Parse(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Vectors", "recovery-phrases", "phrases.json"))).RootElement;

    public static string SessionWords => Root.GetProperty("session").GetProperty("words").GetString()!;

    public static string SessionAccountId => Root.GetProperty("session").GetProperty("account_id").GetString()!;

    public static string Bip39Words => Root.GetProperty("bip39").GetProperty("words").GetString()!;

    public static byte[] Bip39Entropy => Convert.FromHexString(Root.GetProperty("bip39").GetProperty("entropy").GetString()!);
}
