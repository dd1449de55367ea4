using System.Text.Json;
using Wisp.Crypto.Keys;

namespace Wisp.Protocol.Tests.V2;

/// <summary>The independent Python reference (Vectors/reference-python/protocol_v2.json) and its keys.</summary>
internal static class V2Vectors
{
    public static readonly JsonElement Root = Load();

    public static byte[] Hex(this JsonElement element, string name) =>
        Convert.FromHexString(element.GetProperty(name).GetString() ?? throw new InvalidDataException(name));

    public static Ed25519KeyPair Sender() => Ed25519KeyPair.FromSeed(Root.Hex("sender_seed"));

    public static Ed25519KeyPair Recipient() => Ed25519KeyPair.FromSeed(Root.Hex("recipient_seed"));

    public static JsonElement Message(string name) =>
        Root.GetProperty("messages").EnumerateArray().Single(m => m.GetProperty("name").GetString() == name);

    private static JsonElement Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Vectors", "reference-python", "protocol_v2.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.Clone();
    }
}
