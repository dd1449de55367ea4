using System.Text;

namespace Wisp.Web.Bots;

/// <summary>The bot API's checks of what a bot sends, each a sentence saying what is wrong (null: fine).</summary>
internal static class BotChecks
{
    public static string? TextProblem(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return "text must not be empty.";
        return text.Length > BotLimits.MaxTextLength ? $"text is {text.Length} characters; a post may have at most {BotLimits.MaxTextLength}." : null;
    }

    /// <summary>A reaction: 1–12 Unicode code points, as pysogs takes them.</summary>
    public static string? EmojiProblem(string emoji)
    {
        var count = emoji.EnumerateRunes().Count();
        if (count == 0)
            return "the reaction is empty: put one emoji, percent-encoded, in the path.";
        if (count > BotLimits.MaxEmojiCodePoints)
            return $"a reaction has at most {BotLimits.MaxEmojiCodePoints} Unicode code points; this one has {count}.";
        return emoji.EnumerateRunes().Any(r => Rune.IsControl(r) || Rune.IsWhiteSpace(r)) ? "a reaction may not hold spaces or control characters." : null;
    }

    /// <summary>A member as a community sees them: 66 hex characters starting 15, 25 (blinded) or 05.</summary>
    public static string? SessionIdProblem(string id)
    {
        if (id.Length != 66 || !id.All(char.IsAsciiHexDigit))
            return $"session_id must be 66 hex characters (a member's ID as the community shows it: 15…, 25… or 05…); this one has {id.Length}.";
        return id[..2] is "15" or "25" or "05" ? null : "session_id must start with 15 or 25 (blinded) or 05.";
    }

}
