namespace WelcomeBot;

/// <summary>What the welcome bot is told: where the bot API is, its token, which room, the rules, the banned words.</summary>
public sealed record BotSettings(Uri ApiUrl, string Token, string Room, string Rules, IReadOnlyList<string> BannedWords)
{
    /// <summary>Reads <c>--api URL --token-file FILE --room ROOM [--rules TEXT] [--ban WORD]…</c>; null with a sentence when something is missing.</summary>
    public static BotSettings? Parse(string[] args, out string? error)
    {
        string? api = null, tokenFile = null, room = null;
        var rules = "Be kind. No spam. Stay on topic.";
        var banned = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--api": api = value; i++; break;
                case "--token-file": tokenFile = value; i++; break;
                case "--room": room = value; i++; break;
                case "--rules": rules = value ?? rules; i++; break;
                case "--ban": if (value is not null) banned.Add(value); i++; break;
                default:
                    error = $"unknown argument '{args[i]}'.";
                    return null;
            }
        }
        if (api is null || tokenFile is null || room is null)
        {
            error = "usage: WelcomeBot --api http://127.0.0.1:PORT/api/bot/v1/ --token-file FILE --room ROOM [--rules TEXT] [--ban WORD]...";
            return null;
        }
        if (!Uri.TryCreate(api.EndsWith('/') ? api : api + "/", UriKind.Absolute, out var url))
        {
            error = $"--api: '{api}' is not a URL.";
            return null;
        }
        error = null;
        return new BotSettings(url, File.ReadAllText(tokenFile).Trim(), room, rules, banned);
    }
}
