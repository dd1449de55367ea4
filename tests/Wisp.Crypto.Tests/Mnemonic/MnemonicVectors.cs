using System.Text.Json;

namespace Wisp.Crypto.Tests.Mnemonic;

/// <summary>The published mnemonic vector files under Vectors/ (see each folder's README for provenance).</summary>
internal static class MnemonicVectors
{
    public static JsonElement Load(params string[] path) => PublishedVectors.Load(Path.Combine(path));

    public static string[] Words(string phrase) => phrase.Split(' ');
}
