using System.Net;
using Wisp.Testing;
using Wisp.Web.Tests.Support;

namespace Wisp.Web.Tests;

/// <summary>Onboarding over the API: create (the phrase once), restore from it, passphrases, lock and unlock.</summary>
public sealed class WebOnboardingTests : IAsyncLifetime
{
    private readonly TempDirectory _noNetwork = new();
    private WebApp _app = null!;

    public async ValueTask InitializeAsync() => _app = await WebApp.StartAsync(_noNetwork.Path);

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _noNetwork.Dispose();
    }

    [Fact]
    public async Task A_new_account_gets_24_words_once_and_another_app_restores_the_same_account_from_them()
    {
        var session = await _app.GetAsync("/api/session");
        Assert.Equal("no_profile", session.GetProperty("state").GetString());

        var created = await _app.PostAsync("/api/profiles", new { profile = "alice", passphrase = (string?)null });
        var words = created.GetProperty("words").EnumerateArray().Select(w => w.GetString()!).ToList();
        Assert.Equal(24, words.Count);
        var accountId = created.GetProperty("account_id").GetString()!;
        session = await _app.GetAsync("/api/session");
        Assert.Equal("ready", session.GetProperty("state").GetString());
        Assert.Equal(accountId, session.GetProperty("account_id").GetString());
        Assert.DoesNotContain(words[0], (await _app.GetAsync("/api/account")).GetRawText(), StringComparison.Ordinal);

        await _app.PostAsync("/api/profiles", new { profile = "alice", passphrase = (string?)null }, HttpStatusCode.Conflict);

        await using var other = await WebApp.StartAsync(_noNetwork.Path);
        var restored = await other.PostAsync("/api/profiles/restore", new { profile = "again", words = string.Join(' ', words), passphrase = (string?)null });
        Assert.Equal(accountId, restored.GetProperty("account_id").GetString());
        words[3] = words[3] == "abbey" ? "about" : "abbey";
        var refused = await other.PostAsync("/api/profiles/restore", new { profile = "typo", words = string.Join(' ', words), passphrase = (string?)null },
            HttpStatusCode.BadRequest);
        Assert.Contains("recovery phrase", refused.GetProperty("error").GetString()!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_passphrase_must_be_given_explicitly_and_unlocks_only_when_right()
    {
        var missing = await _app.PostAsync("/api/profiles", new { profile = "bob" }, HttpStatusCode.BadRequest);
        Assert.Contains("passphrase", missing.GetProperty("error").GetString()!, StringComparison.Ordinal);

        await _app.PostAsync("/api/profiles", new { profile = "bob", passphrase = "correct horse battery staple" });
        await _app.PostAsync("/api/lock", expected: HttpStatusCode.NoContent);
        Assert.Equal("locked", (await _app.GetAsync("/api/session")).GetProperty("state").GetString());
        await _app.GetAsync("/api/conversations", HttpStatusCode.Conflict);

        var wrong = await _app.PostAsync("/api/unlock", new { profile = "bob", passphrase = "wrong horse" }, HttpStatusCode.Unauthorized);
        Assert.Equal("wrong passphrase", wrong.GetProperty("error").GetString());
        var unlocked = await _app.PostAsync("/api/unlock", new { profile = "bob", passphrase = "correct horse battery staple" });
        Assert.Equal("ready", unlocked.GetProperty("state").GetString());

        await _app.PostAsync("/api/account/passphrase", new { old = "wrong horse", @new = "a new long passphrase" }, HttpStatusCode.Unauthorized);
        await _app.PostAsync("/api/account/passphrase", new { old = "correct horse battery staple", @new = "a new long passphrase" }, HttpStatusCode.NoContent);
        await _app.PostAsync("/api/lock", expected: HttpStatusCode.NoContent);
        await _app.PostAsync("/api/unlock", new { profile = "bob", passphrase = "correct horse battery staple" }, HttpStatusCode.Unauthorized);
        await _app.PostAsync("/api/unlock", new { profile = "bob", passphrase = "a new long passphrase" });
    }

    [Fact]
    public async Task Bad_input_gets_a_400_with_a_sentence()
    {
        await _app.CreateAccountAsync("carol");
        var badName = await _app.PostAsync("/api/profiles", new { profile = "Not A Name", passphrase = (string?)null }, HttpStatusCode.BadRequest);
        Assert.False(string.IsNullOrWhiteSpace(badName.GetProperty("error").GetString()));
        var badPeer = await _app.PostAsync("/api/conversations/05abc/messages", new { text = "hi" }, HttpStatusCode.BadRequest);
        Assert.Equal("'05abc' is 5 hex characters; an Account ID is 66 (05 followed by 64). Some characters were probably lost in copying.",
            badPeer.GetProperty("error").GetString());
        var blinded = await _app.CallAsync(HttpMethod.Put, $"/api/contacts/15{new string('a', 64)}", new { nickname = "x" }, HttpStatusCode.BadRequest);
        Assert.Contains("a blinded ID", blinded.GetProperty("error").GetString()!, StringComparison.Ordinal);
        await _app.PostAsync("/api/unlock", new { profile = "carol", passphrase = (string?)null, extra = 1 }, HttpStatusCode.BadRequest);
        await _app.CallAsync(HttpMethod.Put, "/api/settings", new { read_receipts = true, typing_indicators = true, theme = "neon" }, HttpStatusCode.BadRequest);
        await _app.GetAsync("/api/conversations?state=sideways", HttpStatusCode.BadRequest);
        using var notJson = await _app.SendAsync(HttpMethod.Post, "/api/unlock");
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
    }

    [Fact]
    public async Task Settings_are_kept_per_profile_and_a_display_name_shows_in_the_session()
    {
        await _app.CreateAccountAsync("dave", "Dave");
        Assert.Equal("Dave", (await _app.GetAsync("/api/session")).GetProperty("display_name").GetString());
        var defaults = await _app.GetAsync("/api/settings");
        Assert.True(defaults.GetProperty("read_receipts").GetBoolean());
        await _app.CallAsync(HttpMethod.Put, "/api/settings", new { read_receipts = false, typing_indicators = true, theme = "dark" });
        await _app.PostAsync("/api/lock", expected: HttpStatusCode.NoContent);
        await _app.PostAsync("/api/unlock", new { profile = "dave", passphrase = (string?)null });
        var kept = await _app.GetAsync("/api/settings");
        Assert.False(kept.GetProperty("read_receipts").GetBoolean());
        Assert.Equal("dark", kept.GetProperty("theme").GetString());
    }

    [Fact]
    public async Task Locking_ends_the_event_stream_and_a_new_one_is_refused_until_unlocked()
    {
        await _app.CreateAccountAsync("erin");
        var reader = await _app.OpenEventsAsync();
        await using (reader)
        {
            Assert.False(reader.Ended.IsCompleted);
            await _app.PostAsync("/api/lock", expected: HttpStatusCode.NoContent);
            await reader.Ended.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        }
        await _app.GetAsync("/api/events", HttpStatusCode.Conflict);
    }
}
