using System.Text;

namespace Wisp.Protocol.Groups;

/// <summary>libsession's field conventions (internal.cpp): what is stored for a value, and what erases it.</summary>
internal static class ConfigFields
{
    public static string? NonEmptyString(ConfigDict data, string key) =>
        data[key] is ConfigScalar { Bytes: { Length: > 0 } bytes } ? Encoding.UTF8.GetString(bytes) : null;

    public static long? Integer(ConfigDict data, string key) => data[key] is ConfigScalar { Integer: { } value } ? value : null;

    /// <summary>A picture: both a non-empty URL (<c>p</c>) and a 32-byte key (<c>q</c>), else none.</summary>
    public static GroupPicture? Picture(ConfigDict data) =>
        data["p"] is ConfigScalar { Bytes: { Length: > 0 } url } && data["q"] is ConfigScalar { Bytes.Length: ConfigLimits.PictureKeyBytes } key
            ? new GroupPicture(Encoding.UTF8.GetString(url), key.Bytes!.ToArray())
            : null;

    public static void CheckPicture(GroupPicture? picture, string parameter)
    {
        if (picture is null)
            return;
        if (picture.Key is null || picture.Key.Length != ConfigLimits.PictureKeyBytes)
            throw new ArgumentException($"A picture key is {ConfigLimits.PictureKeyBytes} bytes.", parameter);
        if (picture.Url is null || Encoding.UTF8.GetByteCount(picture.Url) > ConfigLimits.PictureUrlMaxBytes)
            throw new ArgumentException($"A picture URL is at most {ConfigLimits.PictureUrlMaxBytes} bytes.", parameter);
    }

    /// <summary>set_nonempty_str: stored if non-empty, erased otherwise.</summary>
    public static void SetNonEmptyString(ConfigDict data, string key, string? value)
    {
        if (string.IsNullOrEmpty(value))
            data.Remove(key);
        else
            data.Set(key, ConfigScalar.FromUtf8(value));
    }

    /// <summary>set_positive_int: stored if positive, erased otherwise.</summary>
    public static void SetPositive(ConfigDict data, string key, long? value)
    {
        if (value is > 0)
            data.Set(key, new ConfigScalar(value.Value));
        else
            data.Remove(key);
    }

    /// <summary>set_flag: 1 when true, erased when false.</summary>
    public static void SetFlag(ConfigDict data, string key, bool value) => SetPositive(data, key, value ? 1 : 0);

    /// <summary>set_pair_if: URL and key together when the URL is non-empty, both erased otherwise.</summary>
    public static void SetPicture(ConfigDict data, GroupPicture? picture)
    {
        if (picture is { Url.Length: > 0 })
        {
            data.Set("p", ConfigScalar.FromUtf8(picture.Url));
            data.Set("q", new ConfigScalar(picture.Key.ToArray()));
        }
        else
        {
            data.Remove("p");
            data.Remove("q");
        }
    }
}
