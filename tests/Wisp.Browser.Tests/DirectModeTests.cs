using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Wisp.Browser.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Wisp.Browser.Tests;

/// <summary>Direct mode from the chat's details: the IP exposure is shown and confirmed before it is on, on both sides.</summary>
[Collection(WebNetworkCollection.Name)]
public sealed class DirectModeTests(WebNetworkFixture web)
{
    private static ILocator Switch(IPage page) => page.GetByRole(AriaRole.Switch, new() { Name = "Direct connection" });

    private static async Task OpenDetailsAsync(IPage page)
    {
        if (!await Switch(page).IsVisibleAsync())
            await page.GetByRole(AriaRole.Button, new() { Name = "Conversation details" }).ClickAsync();
        await Expect(Switch(page)).ToBeVisibleAsync(Ui.Visible);
    }

    [Fact]
    public async Task Dora_turns_direct_mode_on_only_after_confirming_the_ip_exposure_and_eve_accepting_turns_it_on_for_both()
    {
        // Their own accounts, so the other tests' blocks and chats between alice and bob do not matter here.
        var dora = await web.StartUserAsync("dora");
        var eve = await web.StartUserAsync("eve");
        await Task.WhenAll(Ui.CreateAccountAsync(dora, "Dora", "copper willow beacon 3"), Ui.CreateAccountAsync(eve, "Eve", "amber tundra violin 8"));
        await Ui.StartConversationAsync(dora.Page, eve.AccountId, "Eve");
        await Ui.SendAsync(dora.Page, "Hello Eve");

        // Off at first; switching it on asks first, in plain words, and cancelling changes nothing.
        await OpenDetailsAsync(dora.Page);
        await Expect(Switch(dora.Page)).Not.ToBeCheckedAsync();
        await Switch(dora.Page).ClickAsync();
        var dialog = dora.Page.GetByRole(AriaRole.Dialog, new() { Name = "Talk directly with Eve?" });
        await Expect(dialog).ToContainTextAsync("Eve will learn this device's IP address", new() { Timeout = Ui.Wait });
        await web.Screens.ShootAsync(dora.Page, "direct-confirm");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(Switch(dora.Page)).Not.ToBeCheckedAsync();

        // Confirmed: on for her, and the panel says eve has not turned it on yet.
        await Switch(dora.Page).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Turn on and share my IP address" }).ClickAsync();
        await Expect(Switch(dora.Page)).ToBeCheckedAsync(new() { Timeout = Ui.Wait });
        await Expect(dora.Page.Locator("#details-direct-state")).ToContainTextAsync("Eve has not turned it on yet", new() { Timeout = Ui.Wait });

        // Eve accepts the chat; her details say dora asks, and she confirms too.
        await Ui.OpenConversationAsync(eve.Page, dora.AccountId);
        await eve.Page.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
        await OpenDetailsAsync(eve.Page);
        await Expect(eve.Page.Locator("#details-direct-state")).ToContainTextAsync("Dora asks to talk directly", new() { Timeout = Ui.Wait });
        await Switch(eve.Page).ClickAsync();
        await eve.Page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Turn on and share my IP address" }).ClickAsync();
        await Expect(eve.Page.Locator("#details-direct-state")).ToHaveAttributeAsync("data-state", "on", new() { Timeout = Ui.Wait });

        // Dora's panel follows once eve's answer arrives; the Network page lists her in direct mode.
        await Expect(dora.Page.Locator("#details-direct-state")).ToHaveAttributeAsync("data-state", "on", new() { Timeout = Ui.Wait });
        await Expect(Switch(dora.Page)).ToBeCheckedAsync();
        await web.Screens.ShootAsync(dora.Page, "direct-on");
        await dora.Page.GetByRole(AriaRole.Button, new() { Name = "Network" }).ClickAsync();
        await Expect(dora.Page.GetByTestId("p2p-status")).ToContainTextAsync(new Regex("Eve: on"), new() { Timeout = Ui.Wait });

        // Turning it off needs no confirmation.
        await Ui.OpenConversationAsync(dora.Page, eve.AccountId);
        await OpenDetailsAsync(dora.Page);
        await Switch(dora.Page).ClickAsync();
        await Expect(Switch(dora.Page)).Not.ToBeCheckedAsync(new() { Timeout = Ui.Wait });
        await Expect(dora.Page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
    }
}
