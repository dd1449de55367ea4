using WelcomeBot;

namespace Wisp.Web.Tests.Bots;

/// <summary>The example bot's decisions on their own: whom it greets, when it answers, what it deletes and when it may not.</summary>
public sealed class WelcomeRulesTests
{
    private static readonly BotSettings Settings = new(new Uri("http://127.0.0.1:1/api/bot/v1/"), "token", "lobby", "Be kind.", ["spamword"]);

    private static Post PostBy(string author, string text, long id = 7, bool own = false) => new(id, author, "Ann", text, own);

    [Fact]
    public void A_first_post_is_greeted_once_with_a_wave_and_a_reply()
    {
        var rules = new WelcomeRules(Settings);
        var first = rules.Decide(PostBy("15aa", "hello"), moderator: false);
        Assert.Equal(new BotAction[] { new BotAction.React(7, "👋"), new BotAction.Say("Welcome, Ann! Type !rules to read the rules.", 7) }, first);
        Assert.Empty(rules.Decide(PostBy("15aa", "hello again", id: 8), moderator: false));
    }

    [Fact]
    public void A_member_who_posted_before_the_bot_started_is_not_greeted_and_rules_are_answered()
    {
        var rules = new WelcomeRules(Settings);
        rules.Remember("15aa");
        Assert.Equal(new BotAction[] { new BotAction.Say("The rules: Be kind.", 9) }, rules.Decide(PostBy("15aa", "  !RULES", id: 9), moderator: false));
    }

    [Fact]
    public void A_banned_word_is_deleted_only_by_a_moderator_and_only_as_a_whole_word()
    {
        var rules = new WelcomeRules(Settings);
        rules.Remember("15aa");
        var asModerator = rules.Decide(PostBy("15aa", "buy SpamWord now"), moderator: true);
        Assert.Equal(new BotAction.Delete(7), asModerator[0]);
        Assert.Empty(rules.Decide(PostBy("15aa", "buy SpamWord now"), moderator: false));
        Assert.Empty(rules.Decide(PostBy("15aa", "antispamwordsmith"), moderator: true));
    }

    [Fact]
    public void The_bots_own_posts_are_ignored()
    {
        var rules = new WelcomeRules(Settings);
        Assert.Empty(rules.Decide(PostBy("15bb", "!rules spamword", own: true), moderator: true));
    }
}
