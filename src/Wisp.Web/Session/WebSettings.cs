using System.Text.Json;
using System.Text.Json.Serialization;
using Wisp.Client.Account;

namespace Wisp.Web.Session;

/// <summary>
/// The web app's settings for a profile: whether new conversations send read receipts and typing indicators, and the
/// theme. Kept beside the profile in <c>web-settings.json</c> (0600): none of it is secret, and the CLI ignores it.
/// </summary>
internal sealed record WebSettings(bool ReadReceipts, bool TypingIndicators, string Theme)
{
    public const string FileName = "web-settings.json";

    /// <summary>The themes the page knows.</summary>
    public static readonly IReadOnlySet<string> Themes = new HashSet<string>(["light", "dark", "system"], StringComparer.Ordinal);

    public static WebSettings Default { get; } = new(true, true, "system");

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>The profile's settings; the defaults when none were saved or the file cannot be read.</summary>
    public static WebSettings Load(WispHome home, ProfileName profile)
    {
        try
        {
            var path = Path.Combine(home.ProfileDirectory(profile), FileName);
            if (!File.Exists(path) || new FileInfo(path).Length > 4096)
                return Default;
            var read = JsonSerializer.Deserialize<WebSettings>(File.ReadAllText(path), Json);
            return read is not null && Themes.Contains(read.Theme) ? read : Default;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or JsonException)
        {
            return Default;
        }
    }

    /// <summary>Saves the settings atomically (a new file renamed over the old), readable by the owner only.</summary>
    public void Save(WispHome home, ProfileName profile)
    {
        var path = Path.Combine(home.ProfileDirectory(profile), FileName);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(temporary, options))
            JsonSerializer.Serialize(stream, this, Json);
        File.Move(temporary, path, overwrite: true);
    }

    [JsonIgnore]
    public bool IsValid => Themes.Contains(Theme);
}
