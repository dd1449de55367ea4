using System.Text.RegularExpressions;

namespace WelcomeBot;

/// <summary>What the bot does about one post; no I/O, so its choices can be read (and tested) on their own.</summary>
public sealed class WelcomeRules(BotSettings settings)
{
    private readonly HashSet<string> _seen = [];

    /// <summary>Remembers authors who posted before the bot started, so they are not greeted as new.</summary>
    public void Remember(string author) => _seen.Add(author);

    /// <summary>The actions for <paramref name="post"/>, in order.</summary>
    public IReadOnlyList<BotAction> Decide(Post post, bool moderator)
    {
        if (post.Own)
            return [];
        var actions = new List<BotAction>();
        if (moderator && BannedWord(post.Text) is { } word)
        {
            // The post goes; its author is told why (not greeted: their first post did not stay).
            actions.Add(new BotAction.Delete(post.Id));
            actions.Add(new BotAction.Say($"A post was removed: \"{word}\" is not allowed here. The rules: {settings.Rules}", null));
            return actions;
        }
        if (_seen.Add(post.Author))
        {
            actions.Add(new BotAction.React(post.Id, "👋"));
            actions.Add(new BotAction.Say($"Welcome, {post.AuthorName ?? "newcomer"}! Type !rules to read the rules.", post.Id));
        }
        if (post.Text.Trim().StartsWith("!rules", StringComparison.OrdinalIgnoreCase))
            actions.Add(new BotAction.Say($"The rules: {settings.Rules}", post.Id));
        return actions;
    }

    private string? BannedWord(string text) =>
        settings.BannedWords.FirstOrDefault(word => Regex.IsMatch(text, $@"\b{Regex.Escape(word)}\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant));
}

/// <summary>A post as the bot API's <c>message</c> object gives it (the fields this bot uses).</summary>
public sealed record Post(long Id, string Author, string? AuthorName, string Text, bool Own);

/// <summary>One thing the bot does: post (optionally as a reply), react, or delete.</summary>
public abstract record BotAction
{
    public sealed record Say(string Text, long? ReplyTo) : BotAction;

    public sealed record React(long Id, string Emoji) : BotAction;

    public sealed record Delete(long Id) : BotAction;
}
