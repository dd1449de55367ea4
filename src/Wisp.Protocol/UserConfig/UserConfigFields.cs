using System.Text;
using Wisp.Protocol.Groups;

namespace Wisp.Protocol.UserConfig;

/// <summary>The user configs' field conventions beyond the group ones (libsession's internal.hpp).</summary>
internal static class UserConfigFields
{
    /// <summary>UTF-8 bytes: a profile name or nickname (contact_info::MAX_NAME_LENGTH).</summary>
    public const int NameMaxBytes = 100;

    /// <summary>set_nonzero_int: stored unless zero.</summary>
    public static void SetNonZero(ConfigDict data, string key, long value)
    {
        if (value != 0)
            data.Set(key, new ConfigScalar(value));
        else
            data.Remove(key);
    }

    public static string String(ConfigDict data, string key) =>
        data[key] is ConfigScalar { Bytes: { } bytes } ? Encoding.UTF8.GetString(bytes) : "";

    public static long Int(ConfigDict data, string key) => ConfigFields.Integer(data, key) ?? 0;

    /// <summary>The dictionary under <paramref name="key"/> (a binary key), or null.</summary>
    public static ConfigDict? Child(ConfigDict data, byte[] key) => data.Entries.GetValueOrDefault(key) as ConfigDict;

    /// <summary>The dictionary under <paramref name="key"/>, created when missing (an empty one is pruned on write).</summary>
    public static ConfigDict Ensure(ConfigDict data, byte[] key)
    {
        if (data.Entries.GetValueOrDefault(key) is ConfigDict existing)
            return existing;
        var created = new ConfigDict();
        data.Entries[key] = created;
        return created;
    }

    public static ConfigDict Ensure(ConfigDict data, string key) => Ensure(data, Encoding.UTF8.GetBytes(key));

    public static ConfigDict? Child(ConfigDict data, string key) => Child(data, Encoding.UTF8.GetBytes(key));

    /// <summary>A 33-byte Session ID (prefix byte and key) from its 66 hex digits, checked as libsession checks it.</summary>
    public static byte[] SessionIdBytes(string sessionId, byte prefix)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        if (sessionId.Length != 66 || !sessionId.All(Uri.IsHexDigit))
            throw new ArgumentException($"Invalid session ID: expected 66 hex digits; got {sessionId.Length}", nameof(sessionId));
        var bytes = Convert.FromHexString(sessionId);
        if (bytes[0] != prefix)
            throw new ArgumentException($"Invalid session ID: must start with {prefix:x2}", nameof(sessionId));
        return bytes;
    }

    /// <summary>Truncates UTF-8 text to at most <paramref name="maxBytes"/> without splitting a character.</summary>
    public static string Truncate(string text, int maxBytes)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        if (bytes.Length <= maxBytes)
            return text;
        var end = maxBytes;
        while (end > 0 && (bytes[end] & 0xC0) == 0x80)
            end--;
        return Encoding.UTF8.GetString(bytes, 0, end);
    }
}
