using Microsoft.Playwright;
using Wisp.Browser.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Wisp.Browser.Tests;

/// <summary>axe on every screen, light and dark: no serious or critical violation.</summary>
[Collection(WebNetworkCollection.Name)]
public sealed class AccessibilityTests(WebNetworkFixture web)
{
    [Fact]
    public async Task Onboarding_screens_have_no_serious_axe_violation()
    {
        var carol = await web.StartUserAsync("carol");
        var page = carol.Page;
        await page.GotoAsync(carol.Host.Url);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Welcome to Wisp" })).ToBeVisibleAsync(Ui.Visible);
        await Screens.AssertAccessibleAsync(page, "welcome");
        await page.GetByRole(AriaRole.Button, new() { Name = "I have an account (restore)" }).ClickAsync();
        await Screens.AssertAccessibleAsync(page, "restore");
        await page.GetByLabel("Recovery phrase").FillAsync("one two three");
        await page.GetByRole(AriaRole.Button, new() { Name = "Restore" }).ClickAsync();
        // A phrase of the wrong length is explained before anything is sent; the error is announced.
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("24 words");
        await web.Screens.ShootAsync(page, "onboarding-restore");
        await Screens.AssertAccessibleAsync(page, "restore with an error");
        await page.GetByRole(AriaRole.Button, new() { Name = "Back" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account", Exact = true }).ClickAsync();
        await Screens.AssertAccessibleAsync(page, "create");
    }

    [Fact]
    public async Task Messenger_screens_have_no_serious_axe_violation_in_light_and_dark()
    {
        await web.AccountsAsync();
        var page = web.Alice.Page;
        await Ui.StartConversationAsync(page, web.Bob.AccountId, "Bob");
        await Ui.SendAsync(page, "an accessible hello");
        await Expect(Ui.Message(page, "an accessible hello")).ToBeVisibleAsync(Ui.Visible);

        foreach (var theme in new[] { "Light", "Dark" })
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Settings" }).ClickAsync();
            await page.GetByRole(AriaRole.Radio, new() { Name = theme }).CheckAsync();
            await Screens.AssertAccessibleAsync(page, $"settings ({theme})");
            await page.GetByRole(AriaRole.Button, new() { Name = "Contacts" }).ClickAsync();
            await Screens.AssertAccessibleAsync(page, $"contacts ({theme})");
            await page.GetByRole(AriaRole.Button, new() { Name = "Network" }).ClickAsync();
            await Expect(page.GetByTestId("network-status")).ToBeVisibleAsync(Ui.Visible);
            await Screens.AssertAccessibleAsync(page, $"network ({theme})");
            await Ui.OpenConversationAsync(page, web.Bob.AccountId);
            await Expect(Ui.Message(page, "an accessible hello")).ToBeVisibleAsync(Ui.Visible);
            await Screens.AssertAccessibleAsync(page, $"chat ({theme})");
            await page.GetByRole(AriaRole.Button, new() { Name = "Conversation details" }).ClickAsync();
            await Screens.AssertAccessibleAsync(page, $"chat details ({theme})");
            await page.Keyboard.PressAsync("Escape");
            await page.GetByRole(AriaRole.Button, new() { Name = "New conversation" }).First.ClickAsync();
            await Expect(page.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync();
            await Screens.AssertAccessibleAsync(page, $"new conversation ({theme})");
            await page.Keyboard.PressAsync("Escape");
            await Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        }
        await page.GetByRole(AriaRole.Button, new() { Name = "Settings" }).ClickAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = "Light" }).CheckAsync();
    }

    [Fact]
    public async Task Keyboard_shortcuts_focus_search_and_switch_conversations()
    {
        await web.AccountsAsync();
        var page = web.Alice.Page;
        await Ui.StartConversationAsync(page, web.Bob.AccountId, "Bob");
        await Ui.SendAsync(page, "shortcut check");
        await Expect(Ui.Message(page, "shortcut check")).ToBeVisibleAsync(Ui.Visible);

        await page.Keyboard.PressAsync("Control+k");
        await Expect(page.GetByRole(AriaRole.Searchbox)).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Escape");
        await page.Keyboard.PressAsync("Alt+ArrowDown");
        await Expect(page.GetByTestId("chat-title")).ToBeVisibleAsync();
    }
}
