using Microsoft.Playwright;
using Wisp.Browser.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Wisp.Browser.Tests;

/// <summary>Two people in two browsers on a real network: a request, its answer, receipts, typing, replies, a block.</summary>
[Collection(WebNetworkCollection.Name)]
public sealed class ConversationTests(WebNetworkFixture web)
{
    private static readonly LocatorAssertionsToHaveAttributeOptions Long = new() { Timeout = Ui.Wait };

    [Fact]
    public async Task Alice_and_bob_onboard_in_the_browser_and_talk_both_ways_with_receipts_typing_replies_and_a_block()
    {
        await web.AccountsAsync();
        var (alice, bob) = (web.Alice.Page, web.Bob.Page);

        // Alice finds bob by his Account ID; her first message reaches his swarm.
        await Ui.StartConversationAsync(alice, web.Bob.AccountId, "Bob", web.Screens);
        await Ui.SendAsync(alice, "Hello Bob, it is Alice");
        await Expect(Ui.Message(alice, "Hello Bob, it is Alice")).ToHaveAttributeAsync("data-state", new System.Text.RegularExpressions.Regex("^(sent|read)$"), Long);

        // Bob: an unknown sender is a request; he opens and accepts it, then answers.
        await Expect(bob.GetByTestId("requests-row")).ToBeVisibleAsync(Ui.Visible);
        await bob.GetByTestId("requests-row").ClickAsync();
        await bob.Locator($"[data-testid=conversation][data-peer='{web.Alice.AccountId}']").ClickAsync();
        await Expect(Ui.Message(bob, "Hello Bob, it is Alice")).ToBeVisibleAsync(Ui.Visible);
        await Expect(bob.GetByTestId("chat-title")).ToHaveTextAsync("Alice"); // her display name travelled with it
        await web.Screens.ShootAsync(bob, "requests");
        await bob.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
        await Expect(bob.GetByRole(AriaRole.Region, new() { Name = "Message request" })).ToHaveCountAsync(0);
        await Ui.SendAsync(bob, "Hi Alice! Bob here");
        await Expect(Ui.Message(alice, "Hi Alice! Bob here")).ToBeVisibleAsync(Ui.Visible);

        // Bob has the chat open: what alice sends now is read at once, and alice sees the receipt.
        await Ui.SendAsync(alice, "Lunch on Friday?");
        await Expect(Ui.Message(bob, "Lunch on Friday?")).ToBeVisibleAsync(Ui.Visible);
        await Expect(Ui.Message(alice, "Lunch on Friday?")).ToHaveAttributeAsync("data-state", "read", Long);

        // Typing: bob types without sending; alice sees it, and it goes when bob sends.
        await bob.GetByRole(AriaRole.Textbox, new() { Name = "Message to" }).PressSequentiallyAsync("Yes, at noon");
        await Expect(alice.GetByTestId("typing")).ToBeVisibleAsync(Ui.Visible);
        await web.Screens.ShootAsync(alice, "chat-typing");
        await bob.GetByRole(AriaRole.Textbox, new() { Name = "Message to" }).PressAsync("Enter");
        await Expect(Ui.Message(alice, "Yes, at noon")).ToBeVisibleAsync(Ui.Visible);
        await Expect(alice.GetByTestId("typing")).ToHaveCountAsync(0, new() { Timeout = Ui.Wait });

        // A reply quoting bob's message, and bob's reaction to it.
        var noon = Ui.Message(alice, "Yes, at noon");
        await noon.HoverAsync();
        await noon.GetByRole(AriaRole.Button, new() { Name = "Reply" }).ClickAsync();
        await Ui.SendAsync(alice, "Perfect, see you there");
        var reply = Ui.Message(bob, "Perfect, see you there");
        await Expect(reply.Locator(".quote")).ToContainTextAsync("Yes, at noon", new() { Timeout = Ui.Wait });
        await reply.HoverAsync();
        await reply.GetByRole(AriaRole.Button, new() { Name = "React", Exact = true }).ClickAsync();
        await reply.GetByRole(AriaRole.Button, new() { Name = "React with 👍" }).ClickAsync();
        await Expect(Ui.Message(alice, "Perfect, see you there").GetByRole(AriaRole.Button, new() { Name = "👍 1" })).ToBeVisibleAsync(Ui.Visible);

        // The chat, light and dark.
        await web.Screens.ShootAsync(alice, "chat-light");
        await SetThemeAsync(alice, "Dark");
        await Ui.OpenConversationAsync(alice, web.Bob.AccountId);
        await Expect(Ui.Message(alice, "Perfect, see you there")).ToBeVisibleAsync(Ui.Visible);
        await web.Screens.ShootAsync(alice, "chat-dark");
        await SetThemeAsync(alice, "Light");

        // Deleting for everyone takes it from bob's screen too.
        await Ui.OpenConversationAsync(alice, web.Bob.AccountId);
        var mistake = "this one was a mistake";
        await Ui.SendAsync(alice, mistake);
        await Expect(Ui.Message(bob, mistake)).ToBeVisibleAsync(Ui.Visible);
        await Ui.Message(alice, mistake).HoverAsync();
        await Ui.Message(alice, mistake).GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await alice.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Delete for everyone" }).ClickAsync();
        await Expect(Ui.Message(bob, mistake)).ToHaveCountAsync(0, new() { Timeout = Ui.Wait });

        // Bob blocks alice from the details panel, then unblocks her.
        await bob.GetByRole(AriaRole.Button, new() { Name = "Conversation details" }).ClickAsync();
        await bob.GetByRole(AriaRole.Button, new() { Name = "Block Alice" }).ClickAsync();
        await Expect(bob.GetByRole(AriaRole.Region, new() { Name = "Blocked" })).ToBeVisibleAsync(Ui.Visible);
        await Expect(bob.GetByRole(AriaRole.Textbox, new() { Name = "Message to" })).ToHaveCountAsync(0);
        await bob.GetByRole(AriaRole.Region, new() { Name = "Blocked" }).GetByRole(AriaRole.Button, new() { Name = "Unblock" }).ClickAsync();
        await Expect(bob.GetByRole(AriaRole.Region, new() { Name = "Blocked" })).ToHaveCountAsync(0, new() { Timeout = Ui.Wait });
    }

    [Fact]
    public async Task Contacts_settings_and_the_network_page_show_the_account_and_its_onion_path()
    {
        await web.AccountsAsync();
        var alice = web.Alice.Page;
        await Ui.StartConversationAsync(alice, web.Bob.AccountId, "Bob");
        await Ui.SendAsync(alice, "checking the network page");
        await Expect(Ui.Message(alice, "checking the network page")).ToHaveAttributeAsync("data-state", new System.Text.RegularExpressions.Regex("^(sent|read)$"), Long);

        await alice.GetByRole(AriaRole.Button, new() { Name = "Contacts" }).ClickAsync();
        await Expect(alice.GetByTestId("contact").Filter(new() { HasText = "Bob" })).ToBeVisibleAsync(Ui.Visible);
        await web.Screens.ShootAsync(alice, "contacts");

        await alice.GetByRole(AriaRole.Button, new() { Name = "Settings" }).ClickAsync();
        await Expect(alice.GetByTestId("settings-account-id")).ToHaveTextAsync(web.Alice.AccountId, new() { Timeout = Ui.Wait });
        await web.Screens.ShootAsync(alice, "settings");

        await alice.GetByRole(AriaRole.Button, new() { Name = "Network" }).ClickAsync();
        await Expect(alice.GetByTestId("onion-path")).ToBeVisibleAsync(Ui.Visible);
        // A guard, relays and a destination, each drawn; and this account's swarm marked.
        Assert.True(await alice.GetByTestId("hop").CountAsync() >= 3);
        await Expect(alice.GetByTestId("my-swarm")).ToHaveCountAsync(1);
        await web.Screens.ShootAsync(alice, "network");
    }

    private static async Task SetThemeAsync(IPage page, string theme)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Settings" }).ClickAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = theme }).CheckAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", theme.ToLowerInvariant());
    }
}
