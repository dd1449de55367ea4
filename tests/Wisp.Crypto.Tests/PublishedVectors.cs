using System.Text.Json;

namespace Wisp.Crypto.Tests;

/// <summary>Reads the published vector files under Vectors/ (copied next to the test assembly).</summary>
internal static class PublishedVectors
{
    public static JsonElement Load(string relativePath)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Vectors", relativePath);
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.Clone();
    }

    public static byte[] Hex(this JsonElement element, string name) => Convert.FromHexString(element.Text(name));

    public static string Text(this JsonElement element, string name) =>
        element.GetProperty(name).GetString() ?? throw new InvalidDataException($"Vector field '{name}' is null.");
}
