using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace Wisp.Web.Bots;

/// <summary>
/// The bot API's bearer token: kept in a file (mode 0600) so a bot finds the same one after a restart. A file that
/// exists is read (its trimmed text, at least <see cref="BotLimits.MinTokenLength"/> characters); a missing one is
/// made with a fresh random token.
/// </summary>
public static class BotToken
{
    /// <summary>Reads the token in <paramref name="file"/>, or writes a fresh one there; false with a sentence when neither can be done.</summary>
    public static bool TryLoadOrCreate(string file, [NotNullWhen(true)] out string? token, [NotNullWhen(false)] out string? error)
    {
        token = null;
        error = null;
        try
        {
            if (File.Exists(file))
            {
                if (new FileInfo(file).Length > 1024)
                {
                    error = $"--token-file: {file} is larger than a token can be.";
                    return false;
                }
                var text = File.ReadAllText(file, Encoding.UTF8).Trim();
                if (text.Length < BotLimits.MinTokenLength || text.Any(char.IsWhiteSpace))
                {
                    error = $"--token-file: {file} must hold one token of at least {BotLimits.MinTokenLength} characters (delete it and a fresh one is made).";
                    return false;
                }
                token = text;
                return true;
            }
            var fresh = Convert.ToBase64String(RandomNumberGenerator.GetBytes(BotLimits.TokenBytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            if (Path.GetDirectoryName(Path.GetFullPath(file)) is { } folder)
                Directory.CreateDirectory(folder);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using (var stream = new FileStream(file, options))
                stream.Write(Encoding.UTF8.GetBytes(fresh + "\n"));
            token = fresh;
            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            error = $"--token-file: {file} cannot be used: {exception.Message}";
            return false;
        }
    }
}
