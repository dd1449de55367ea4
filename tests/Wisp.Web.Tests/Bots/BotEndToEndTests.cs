using System.Net.Http.Json;
using System.Text.Json;
using Wisp.Client;
using Wisp.Client.Account;
using Wisp.Client.Communities;
using Wisp.Crypto.Kdf;
using Wisp.Protocol.Community;
using Wisp.Testing;
using Wisp.Web.Tests.Support;
using WelcomeBot;

namespace Wisp.Web.Tests.Bots;

/// <summary>
/// The example welcome bot on a real local network: <c>wisp up</c>'s node processes and its community server, the bot's
/// account behind the bot API in this process, a member's client posting through onion paths. The bot sees each post
/// on its WebSocket and answers over HTTP: a greeting and a 👋 on a first post, the rules on <c>!rules</c>, and, made a
/// moderator, the deletion of a post with a banned word.
/// </summary>
public sealed class BotEndToEndTests(FiveNodeNetwork network) : IClassFixture<FiveNodeNetwork>, IAsyncDisposable
{
    private readonly TempDirectory _memberHome = new();
    private WispClient? _member;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        if (_member is not null)
            await _member.DisposeAsync();
        _memberHome.Dispose();
    }

    [Fact]
    public async Task The_welcome_bot_greets_a_first_post_answers_rules_and_deletes_a_banned_word()
    {
        var community = LocalCommunityFile.TryParse(await File.ReadAllBytesAsync(
            Path.Combine(network.Folder, LocalCommunityFile.LocalNetworkFolder, LocalCommunityFile.FileName), Token))!;
        await using var bot = await BotApp.StartAsync(network.Folder);
        // The host connects the bot's account in the background: joining works once it has.
        CommunityRoomView? joined = null;
        await Eventually.TrueAsync(async () =>
            (joined = (await bot.Client.Communities.JoinAsync(community.JoinUrl, Token)).Value) is not null, "the bot joins the lobby", TimeSpan.FromSeconds(90));
        var (code, _, stderr) = await WispProcess.RunAsync("community", "moderator", "add", joined!.BlindedId, "--room", "lobby", "--data", community.Data);
        Assert.True(code == 0, $"moderator add: exit {code}: {stderr}");
        await Eventually.TrueAsync(async () =>
        {
            await bot.Client.Communities.JoinAsync(community.JoinUrl, Token); // refreshes the bot's permissions
            var room = await bot.Http.GetFromJsonAsync<JsonElement>("rooms/lobby", Token);
            return room.GetProperty("moderator").GetBoolean();
        }, "the bot API says the bot moderates the lobby", TimeSpan.FromSeconds(60));

        using var stopBot = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var log = new StringWriter();
        var settings = new BotSettings(new Uri(bot.Host.Url), bot.Token, "lobby", "Be kind.", ["spamword"]);
        var running = Task.Run(() => Welcome.RunAsync(settings, TextWriter.Synchronized(log), stopBot.Token), stopBot.Token);
        try
        {
            var member = await MemberAsync(community.JoinUrl);
            var first = Ok(await member.Communities.PostAsync("lobby", "!rules please", Token));
            await FetchUntilAsync(member, () =>
                Replies(member, first.Id).Any(m => m.Text!.StartsWith("Welcome, Member!", StringComparison.Ordinal))
                && Replies(member, first.Id).Any(m => m.Text == "The rules: Be kind.")
                && member.Communities.Message("lobby", first.Id)!.Reactions.Any(r => r.Emoji == "👋" && r.Count == 1), log);
            Assert.All(Replies(member, first.Id), reply => Assert.Equal(joined.BlindedId, reply.Sender));

            var banned = Ok(await member.Communities.PostAsync("lobby", "cheap SPAMWORD here", Token));
            await FetchUntilAsync(member, () => member.Communities.Message("lobby", banned.Id) is { Deleted: true }, log);
            Assert.False(member.Communities.Message("lobby", first.Id)!.Deleted);
        }
        finally
        {
            await stopBot.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        }
    }

    private static IEnumerable<CommunityMessageView> Replies(WispClient member, long id) =>
        member.Communities.History("lobby", 100).Where(m => m.ReplyTo == id && !m.Deleted && m.Text is not null);

    private async Task<WispClient> MemberAsync(string joinUrl)
    {
        var home = WispHome.At(_memberHome.Path);
        AccountVault.Create(home, ProfileName.Parse("member"), null, PasswordKdfLimits.Fast).Value!.Dispose();
        _member = WispClient.Open(home, ProfileName.Parse("member"), null).Value!;
        Assert.True(_member.TrySetDisplayName("Member", out var nameError), nameError);
        Assert.True(_member.ConnectLocalNetwork(network.Folder, out var error), error);
        Ok(await _member.Communities.JoinAsync(joinUrl, Token));
        return _member;
    }

    private static async Task FetchUntilAsync(WispClient member, Func<bool> condition, StringWriter log) =>
        await Eventually.TrueAsync(async () =>
        {
            await member.Communities.FetchAsync(Token);
            return condition();
        }, $"the bot's answer reaches the member (bot log: {log})", TimeSpan.FromSeconds(90));

    private static T Ok<T>(CommunityResult<T> result)
    {
        Assert.True(result.Ok, result.Error);
        return result.Value!;
    }
}
