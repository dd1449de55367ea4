using System.Buffers;
using System.Text.Json;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Signing;

namespace Wisp.Network.Registry;

/// <summary>
/// The registry file's JSON shape. Only the values matter (hashes are over <see cref="RegistryEncoding"/>), so
/// whitespace and property order are free; binary values are lowercase hex.
/// </summary>
/// <remarks>
/// <code>
/// { "format": "wisp-registry/1", "registryKey": hex32,
///   "entries": [ { "version": 1, "previousHash": hex32, "timeMs": unix-ms, "hash": hex32,
///                  "change": { "type": "join", "node": hex32, "x25519": hex32, "host": "127.0.0.1", "port": 22100, "softwareVersion": "0.1.0" }
///                         | { "type": "leave", "node": hex32 }
///                         | { "type": "update", "node": hex32, "host": …, "port": …, "softwareVersion": … } }, … ],
///   "signature": hex64 }
/// </code>
/// </remarks>
internal static class RegistryJson
{
    public const string Format = "wisp-registry/1";

    private static readonly JsonDocumentOptions ReadOptions = new()
    {
        MaxDepth = RegistryLimits.MaxJsonDepth,
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
        AllowDuplicateProperties = false,
    };

    public static RegistryResult<RegistryDocument> Parse(ReadOnlyMemory<byte> json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, ReadOptions);
        }
        catch (JsonException e)
        {
            return Malformed($"the file is not valid JSON ({e.Message})");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return Malformed("the file must be a JSON object");
            if (!TryString(root, "format", out var format) || format != Format)
                return Malformed($"\"format\" must be \"{Format}\"");
            if (!TryHex(root, "registryKey", Ed25519PublicKey.Bytes, out var key))
                return Malformed("\"registryKey\" must be 64 hex characters");
            if (!TryHex(root, "signature", Ed25519.SignatureBytes, out var signature))
                return Malformed("\"signature\" must be 128 hex characters");
            if (!root.TryGetProperty("entries", out var entriesElement) || entriesElement.ValueKind != JsonValueKind.Array)
                return Malformed("\"entries\" must be an array");
            var count = entriesElement.GetArrayLength();
            if (count > RegistryLimits.MaxEntries)
                return new RegistryError(RegistryErrorKind.TooManyEntries, $"the file has {count} entries; at most {RegistryLimits.MaxEntries} are allowed");

            var entries = new List<RegistryVersion>(count);
            var position = 0L;
            foreach (var element in entriesElement.EnumerateArray())
            {
                position++;
                var entry = ParseEntry(element, position);
                if (!entry.IsSuccess)
                    return entry.Error;
                entries.Add(entry.Value);
            }
            return RegistryResult<RegistryDocument>.Success(new RegistryDocument(new Ed25519PublicKey(key), entries, signature));
        }
    }

    public static byte[] Write(Ed25519PublicKey registryKey, IReadOnlyList<RegistryVersion> entries, ReadOnlySpan<byte> signature)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("format", Format);
            writer.WriteString("registryKey", registryKey.ToHex());
            writer.WriteStartArray("entries");
            foreach (var entry in entries)
                WriteEntry(writer, entry);
            writer.WriteEndArray();
            writer.WriteString("signature", Convert.ToHexStringLower(signature));
            writer.WriteEndObject();
        }
        buffer.Write("\n"u8);
        return buffer.WrittenSpan.ToArray();
    }

    private static RegistryResult<RegistryVersion> ParseEntry(JsonElement element, long position)
    {
        if (element.ValueKind != JsonValueKind.Object)
            return EntryMalformed(position, "must be a JSON object");
        if (!element.TryGetProperty("version", out var versionElement) || versionElement.ValueKind != JsonValueKind.Number || !versionElement.TryGetInt64(out var version))
            return EntryMalformed(position, "\"version\" must be an integer");
        if (!TryHex(element, "previousHash", RegistryHash.Bytes, out var previous))
            return EntryMalformed(position, "\"previousHash\" must be 64 hex characters");
        if (!TryHex(element, "hash", RegistryHash.Bytes, out var hash))
            return EntryMalformed(position, "\"hash\" must be 64 hex characters");
        if (!element.TryGetProperty("timeMs", out var timeElement) || timeElement.ValueKind != JsonValueKind.Number || !timeElement.TryGetInt64(out var timeMs)
            || timeMs < 0 || timeMs > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
            return EntryMalformed(position, "\"timeMs\" must be a non-negative integer of Unix milliseconds");
        if (!element.TryGetProperty("change", out var changeElement) || changeElement.ValueKind != JsonValueKind.Object)
            return EntryMalformed(position, "\"change\" must be a JSON object");
        var change = ParseChange(changeElement, position);
        if (!change.IsSuccess)
            return change.Error;
        return RegistryResult<RegistryVersion>.Success(new RegistryVersion(
            version, new RegistryHash(previous), DateTimeOffset.FromUnixTimeMilliseconds(timeMs), change.Value, new RegistryHash(hash)));
    }

    private static RegistryResult<RegistryChange> ParseChange(JsonElement change, long position)
    {
        if (!TryString(change, "type", out var type))
            return EntryMalformed(position, "\"change.type\" must be \"join\", \"leave\" or \"update\"");
        if (!TryHex(change, "node", Ed25519PublicKey.Bytes, out var node))
            return EntryMalformed(position, "\"change.node\" must be 64 hex characters");
        var nodeKey = new Ed25519PublicKey(node);
        switch (type)
        {
            case "leave":
                return RegistryResult<RegistryChange>.Success(new NodeLeave(nodeKey));
            case "join":
                if (!TryHex(change, "x25519", X25519PublicKey.Bytes, out var x25519))
                    return EntryMalformed(position, "\"change.x25519\" must be 64 hex characters");
                if (!TryAddress(change, position, out var joinHost, out var joinPort, out var joinVersion, out var joinError))
                    return joinError;
                return RegistryResult<RegistryChange>.Success(new NodeJoin(nodeKey, new X25519PublicKey(x25519), joinHost, joinPort, joinVersion));
            case "update":
                if (!TryAddress(change, position, out var host, out var port, out var softwareVersion, out var updateError))
                    return updateError;
                return RegistryResult<RegistryChange>.Success(new NodeAddressUpdate(nodeKey, host, port, softwareVersion));
            default:
                return EntryMalformed(position, $"\"change.type\" is \"{type}\"; it must be \"join\", \"leave\" or \"update\"");
        }
    }

    private static bool TryAddress(JsonElement change, long position, out string host, out int port, out string softwareVersion, out RegistryError error)
    {
        host = softwareVersion = "";
        port = 0;
        error = null!;
        if (!TryString(change, "host", out host!))
            error = EntryMalformed(position, "\"change.host\" must be a string");
        else if (!change.TryGetProperty("port", out var portElement) || portElement.ValueKind != JsonValueKind.Number || !portElement.TryGetInt32(out port))
            error = EntryMalformed(position, "\"change.port\" must be an integer");
        else if (!TryString(change, "softwareVersion", out softwareVersion!))
            error = EntryMalformed(position, "\"change.softwareVersion\" must be a string");
        return error is null;
    }

    private static void WriteEntry(Utf8JsonWriter writer, RegistryVersion entry)
    {
        writer.WriteStartObject();
        writer.WriteNumber("version", entry.Number);
        writer.WriteString("previousHash", entry.PreviousHash.ToHex());
        writer.WriteNumber("timeMs", entry.Time.ToUnixTimeMilliseconds());
        writer.WriteStartObject("change");
        switch (entry.Change)
        {
            case NodeJoin join:
                writer.WriteString("type", "join");
                writer.WriteString("node", join.Node.ToHex());
                writer.WriteString("x25519", join.X25519Key.ToHex());
                WriteAddress(writer, join.Host, join.Port, join.SoftwareVersion);
                break;
            case NodeLeave leave:
                writer.WriteString("type", "leave");
                writer.WriteString("node", leave.Node.ToHex());
                break;
            case NodeAddressUpdate update:
                writer.WriteString("type", "update");
                writer.WriteString("node", update.Node.ToHex());
                WriteAddress(writer, update.Host, update.Port, update.SoftwareVersion);
                break;
        }
        writer.WriteEndObject();
        writer.WriteString("hash", entry.Hash.ToHex());
        writer.WriteEndObject();
    }

    private static void WriteAddress(Utf8JsonWriter writer, string host, int port, string softwareVersion)
    {
        writer.WriteString("host", host);
        writer.WriteNumber("port", port);
        writer.WriteString("softwareVersion", softwareVersion);
    }

    private static bool TryString(JsonElement element, string name, out string? value)
    {
        value = element.TryGetProperty(name, out var property) && property.ValueKind == JsonValueKind.String ? property.GetString() : null;
        return value is not null;
    }

    private static bool TryHex(JsonElement element, string name, int bytes, out byte[] value)
    {
        value = [];
        if (!TryString(element, name, out var hex) || hex!.Length != bytes * 2)
            return false;
        foreach (var c in hex)
        {
            if (!char.IsAsciiHexDigit(c))
                return false;
        }
        value = Convert.FromHexString(hex);
        return true;
    }

    private static RegistryError Malformed(string message) => new(RegistryErrorKind.Malformed, message);

    private static RegistryError EntryMalformed(long position, string message) =>
        RegistryError.InEntry(RegistryErrorKind.Malformed, position, message);
}
