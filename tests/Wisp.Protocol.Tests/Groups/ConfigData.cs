using Wisp.Protocol.Groups;

namespace Wisp.Protocol.Tests.Groups;

/// <summary>Short builders for config data in tests.</summary>
internal static class Data
{
    public static ConfigScalar S(string text) => ConfigScalar.FromUtf8(text);

    public static ConfigScalar I(long value) => new(value);

    public static ConfigSet Set(params ConfigScalar[] items)
    {
        var set = new ConfigSet();
        set.Items.UnionWith(items);
        return set;
    }

    public static ConfigDict Dict(params (string Key, ConfigValue Value)[] entries)
    {
        var dict = new ConfigDict();
        foreach (var (key, value) in entries)
            dict.Set(key, value);
        return dict;
    }

    public static ConfigDict D(this ConfigDict dict, string key) => (ConfigDict)dict[key]!;

    public static ConfigSet SetAt(this ConfigDict dict, string key) => (ConfigSet)dict[key]!;

    public static string Printable(byte[] bytes) => System.Text.Encoding.Latin1.GetString(bytes);
}
