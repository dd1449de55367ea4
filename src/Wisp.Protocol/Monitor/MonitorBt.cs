using System.Text;
using Wisp.Protocol.Bencode;

namespace Wisp.Protocol.Monitor;

/// <summary>Typed look-ups in a bt dict for the monitor records: null when absent or of another type.</summary>
internal static class MonitorBt
{
    public static long? Integer(BencodeDictionary dict, string key) =>
        dict.TryGetValue(key, out var value) && value is BencodeInteger i ? i.Value : null;

    public static ReadOnlyMemory<byte>? Bytes(BencodeDictionary dict, string key) =>
        dict.TryGetValue(key, out var value) && value is BencodeString s ? s.Bytes : (ReadOnlyMemory<byte>?)null;

    public static string? Text(BencodeDictionary dict, string key)
    {
        if (Bytes(dict, key) is not { } bytes)
            return null;
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes.Span);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    public static bool Has(BencodeDictionary dict, string key) => dict.TryGetValue(key, out _);

    public static KeyValuePair<string, BencodeValue> Entry(string key, long value) => new(key, new BencodeInteger(value));

    public static KeyValuePair<string, BencodeValue> Entry(string key, ReadOnlyMemory<byte> value) => new(key, new BencodeString(value));

    public static KeyValuePair<string, BencodeValue> Entry(string key, string value) => new(key, BencodeString.FromUtf8(value));
}
