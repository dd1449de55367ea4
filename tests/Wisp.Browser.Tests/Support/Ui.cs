using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Wisp.Browser.Tests.Support;

/// <summary>What a person does in the web app, step by step, as clicks and typing (no API shortcuts).</summary>
public static partial class Ui
{
    /// <summary>Generous: the machine is loaded and a message goes through onion paths and swarms.</summary>
    public static readonly float Wait = 90_000;

    public static LocatorAssertionsToBeVisibleOptions Visible => new() { Timeout = Wait };

    /// <summary>Onboarding: create, read the 24 words, confirm three of them, read the Account ID.</summary>
    public static async Task CreateAccountAsync(WebUser user, string displayName, string passphrase, Screens? screens = null)
    {
        var page = user.Page;
        await page.GotoAsync(user.Host.Url);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Welcome to Wisp" })).ToBeVisibleAsync(Visible);
        if (screens is not null) await screens.ShootAsync(page, "onboarding-welcome");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account", Exact = true }).ClickAsync();
        await page.GetByLabel("Your name").FillAsync(displayName);
        await page.GetByLabel("Passphrase", new() { Exact = true }).FillAsync(passphrase);
        await page.GetByLabel("Passphrase again").FillAsync(passphrase);
        if (screens is not null) await screens.ShootAsync(page, "onboarding-create");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account", Exact = true }).ClickAsync();

        var phrase = page.GetByTestId("recovery-phrase");
        await Expect(phrase).ToBeVisibleAsync(Visible);
        var words = await phrase.Locator(".word").AllInnerTextsAsync();
        Assert.Equal(24, words.Count);
        if (screens is not null) await screens.ShootAsync(page, "onboarding-phrase");
        await page.GetByRole(AriaRole.Button, new() { Name = "I wrote them down" }).ClickAsync();

        var asked = page.GetByLabel(WordLabel());
        await Expect(asked.First).ToBeVisibleAsync(Visible);
        foreach (var input in await asked.AllAsync())
        {
            var id = await input.GetAttributeAsync("id");
            var label = await page.Locator($"label[for='{id}']").InnerTextAsync();
            var position = int.Parse(WordLabel().Match(label).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            await input.FillAsync(words[position - 1]);
        }
        if (screens is not null) await screens.ShootAsync(page, "onboarding-confirm");
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();

        var accountId = page.GetByTestId("account-id");
        await Expect(accountId).ToBeVisibleAsync(Visible);
        user.AccountId = (await accountId.InnerTextAsync()).Trim();
        Assert.Matches("^05[0-9a-f]{64}$", user.AccountId);
        if (screens is not null) await screens.ShootAsync(page, "onboarding-account-id");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start messaging" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Chats" })).ToBeVisibleAsync(Visible);
    }

    /// <summary>New conversation: the Account ID (and a nickname) typed into the dialog.</summary>
    public static async Task StartConversationAsync(IPage page, string accountId, string nickname, Screens? screens = null)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Chats" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "New conversation" }).First.ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Their Account ID").FillAsync(accountId);
        await dialog.GetByLabel("Nickname").FillAsync(nickname);
        if (screens is not null) await screens.ShootAsync(page, "new-conversation");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Start chat" }).ClickAsync();
        // The chat may already be open under the dialog: wait for the dialog to go, or typing would go into the dialog.
        await Expect(dialog).ToHaveCountAsync(0, new() { Timeout = Wait });
        await Expect(page.GetByTestId("chat-title")).ToHaveTextAsync(nickname, new() { Timeout = Wait });
    }

    /// <summary>Opens the conversation with <paramref name="accountId"/> from the list (or from the requests).</summary>
    public static async Task OpenConversationAsync(IPage page, string accountId)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Chats" }).ClickAsync();
        var row = page.Locator($"[data-testid=conversation][data-peer='{accountId}']");
        var requests = page.GetByTestId("requests-row");
        await Expect(row.Or(requests)).ToBeVisibleAsync(Visible);
        if (!await row.IsVisibleAsync())
            await requests.ClickAsync();
        await row.ClickAsync();
    }

    /// <summary>Types into the composer and presses Enter.</summary>
    public static async Task SendAsync(IPage page, string text)
    {
        var composer = page.GetByRole(AriaRole.Textbox, new() { Name = "Message to" });
        await composer.FillAsync(text);
        await composer.PressAsync("Enter");
    }

    /// <summary>The bubble holding <paramref name="text"/>.</summary>
    public static ILocator Message(IPage page, string text) =>
        page.GetByTestId("message").Filter(new() { Has = page.GetByTestId("message-text").GetByText(text, new() { Exact = true }) });

    [GeneratedRegex(@"^Word (\d+)$")]
    private static partial Regex WordLabel();
}
