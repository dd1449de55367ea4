using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Wisp.Browser.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Wisp.Browser.Tests;

/// <summary>A closed group made in the page: created with a member picked from the contacts, joined from the invite, messages both ways.</summary>
[Collection(WebNetworkCollection.Name)]
public sealed class GroupTests(WebNetworkFixture web)
{
    [Fact]
    public async Task Gina_makes_a_group_with_hal_who_joins_from_the_invite_and_they_write_to_each_other()
    {
        // A pair of its own, so the other tests' alice and bob keep their pages and lists.
        var gina = await web.StartUserAsync("gina");
        var hal = await web.StartUserAsync("hal");
        await Task.WhenAll(
            Ui.CreateAccountAsync(gina, "Gina", "saffron beacon tundra 5"),
            Ui.CreateAccountAsync(hal, "Hal", "pewter canyon ribbon 8"));
        var (g, h) = (gina.Page, hal.Page);

        // Hal becomes gina's contact (a nickname), so the group dialog offers him.
        await Ui.StartConversationAsync(g, hal.AccountId, "Hal");
        await g.GetByRole(AriaRole.Button, new() { Name = "New group" }).ClickAsync();
        var dialog = g.GetByRole(AriaRole.Dialog, new() { Name = "New group" });
        await dialog.GetByLabel("Group name").FillAsync("Hiking club");
        await dialog.GetByRole(AriaRole.Checkbox, new() { Name = "Hal" }).CheckAsync();
        await Screens.AssertAccessibleAsync(g, "new group");
        await web.Screens.ShootAsync(g, "group-new");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create group" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0, new() { Timeout = Ui.Wait });
        await Expect(g.GetByTestId("chat-title")).ToHaveTextAsync("Hiking club", new() { Timeout = Ui.Wait });
        await Expect(g.GetByTestId("member-count")).ToHaveTextAsync("2 members", new() { Timeout = Ui.Wait });

        // The invite waits under hal's requests; he joins.
        await h.GetByRole(AriaRole.Button, new() { Name = "Chats" }).ClickAsync();
        await Expect(h.GetByTestId("requests-row")).ToBeVisibleAsync(Ui.Visible);
        await h.GetByTestId("requests-row").ClickAsync();
        await h.Locator("[data-testid=conversation][data-kind=group]").ClickAsync();
        var invite = h.GetByRole(AriaRole.Region, new() { Name = "Group invite" });
        await Expect(invite).ToContainTextAsync("Hiking club", new() { Timeout = Ui.Wait });
        await web.Screens.ShootAsync(h, "group-invite");
        await invite.GetByRole(AriaRole.Button, new() { Name = "Join group" }).ClickAsync();
        await Expect(invite).ToHaveCountAsync(0, new() { Timeout = Ui.Wait });

        // Hal writes; gina sees it under his name. Gina answers; hal sees hers under hers.
        await Ui.SendAsync(h, "hello from the trail");
        var fromHal = Ui.Message(g, "hello from the trail");
        await Expect(fromHal).ToBeVisibleAsync(new() { Timeout = 240_000 });
        await Expect(fromHal.GetByTestId("sender")).ToHaveTextAsync("Hal:");
        await Ui.SendAsync(g, "see you at the summit");
        var fromGina = Ui.Message(h, "see you at the summit");
        await Expect(fromGina).ToBeVisibleAsync(new() { Timeout = 240_000 });
        // Her display name when hal's client has it, else her short Account ID.
        await Expect(fromGina.GetByTestId("sender")).ToHaveTextAsync(new Regex($@"^(Gina|{gina.AccountId[..10]}…{gina.AccountId[^4..]}):\s*$"));
        await Screens.AssertAccessibleAsync(g, "group chat");
        await web.Screens.ShootAsync(g, "group-chat");

        // The members panel: gina is the admin and may remove or promote hal.
        await g.GetByRole(AriaRole.Button, new() { Name = "Conversation details" }).ClickAsync();
        var panel = g.GetByRole(AriaRole.Complementary, new() { Name = "Group details" });
        await Expect(panel.GetByTestId("member")).ToHaveCountAsync(2, new() { Timeout = Ui.Wait });
        await Expect(panel.GetByRole(AriaRole.Button, new() { Name = "Remove Hal" })).ToBeVisibleAsync();
        await Expect(panel.GetByRole(AriaRole.Button, new() { Name = "Promote Hal" })).ToBeVisibleAsync();
        await Screens.AssertAccessibleAsync(g, "group members");
        await web.Screens.ShootAsync(g, "group-members");
    }
}
