using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Wisp.Browser.Tests.Support;
using Wisp.Testing;
using static Microsoft.Playwright.Assertions;

namespace Wisp.Browser.Tests;

/// <summary>
/// A community in the page: a real community server beside the network; alice joins by pasting its URL, bob by a
/// picture of its QR code; they post, react and reply; alice, its moderator, deletes bob's message and bans him.
/// </summary>
[Collection(WebNetworkCollection.Name)]
public sealed class CommunityTests(WebNetworkFixture web)
{
    [Fact]
    public async Task Alice_and_bob_join_one_room_post_react_and_reply_and_the_moderator_deletes_and_bans()
    {
        // A pair of its own (nina and omar), so the other tests' alice and bob keep their lists.
        var community = web.Community();
        var nina = await web.StartUserAsync("nina");
        var omar = await web.StartUserAsync("omar");
        await Task.WhenAll(
            Ui.CreateAccountAsync(nina, "Nina", "amber lagoon trellis 3"),
            Ui.CreateAccountAsync(omar, "Omar", "cobalt quarry willow 6"));
        var (n, o) = (nina.Page, omar.Page);
        using var folder = new TempDirectory();

        // Nina pastes the join URL; a wrong one first, which the dialog explains.
        await n.GetByRole(AriaRole.Button, new() { Name = "Join a community" }).First.ClickAsync();
        var join = n.GetByRole(AriaRole.Dialog, new() { Name = "Join a community" });
        await join.GetByLabel("Join URL").FillAsync(community.Url.Split('?')[0]);
        await join.GetByRole(AriaRole.Button, new() { Name = "Join", Exact = true }).ClickAsync();
        await Expect(join.GetByText("has no public_key")).ToBeVisibleAsync();
        await join.GetByLabel("Join URL").FillAsync(community.Url);
        await Screens.AssertAccessibleAsync(n, "join a community");
        await web.Screens.ShootAsync(n, "community-join");
        await join.GetByRole(AriaRole.Button, new() { Name = "Join", Exact = true }).ClickAsync();
        await Expect(join).ToHaveCountAsync(0, new() { Timeout = Ui.Wait });
        await Expect(n.GetByTestId("chat-title")).ToHaveTextAsync(community.RoomName, new() { Timeout = Ui.Wait });

        // The room's details show its QR code; omar chooses a picture of it in his scanner.
        await n.GetByRole(AriaRole.Button, new() { Name = "Community details" }).ClickAsync();
        var details = n.GetByRole(AriaRole.Complementary, new() { Name = "Community details" });
        await Expect(details.GetByTestId("community-url")).ToHaveTextAsync(community.Url);
        var qrPicture = Path.Combine(folder.Path, "room-qr.png");
        await details.GetByRole(AriaRole.Img, new() { NameRegex = new Regex("^QR code of .*join URL$") }).ScreenshotAsync(new() { Path = qrPicture });
        var ninaBlinded = (await details.GetByTestId("blinded-id").InnerTextAsync()).Trim();
        Assert.Matches("^15[0-9a-f]{64}$", ninaBlinded);
        await Screens.AssertAccessibleAsync(n, "community details");
        await web.Screens.ShootAsync(n, "community-details");
        await details.GetByRole(AriaRole.Button, new() { Name = "Close details" }).ClickAsync();

        await o.GetByRole(AriaRole.Button, new() { Name = "Join a community" }).First.ClickAsync();
        var omarJoin = o.GetByRole(AriaRole.Dialog, new() { Name = "Join a community" });
        await omarJoin.GetByRole(AriaRole.Button, new() { Name = "Scan QR code" }).ClickAsync();
        var scanner = o.GetByRole(AriaRole.Dialog, new() { Name = "Scan a QR code" });
        await scanner.GetByTestId("qr-image-input").SetInputFilesAsync(qrPicture);
        await Expect(scanner).ToHaveCountAsync(0, new() { Timeout = Ui.Wait });
        await Expect(omarJoin.GetByLabel("Join URL")).ToHaveValueAsync(community.Url);
        await Expect(omarJoin.GetByRole(AriaRole.Button, new() { Name = "Join", Exact = true })).ToBeFocusedAsync();
        await o.Keyboard.PressAsync("Enter");
        await Expect(omarJoin).ToHaveCountAsync(0, new() { Timeout = Ui.Wait });
        await Expect(o.GetByTestId("chat-title")).ToHaveTextAsync(community.RoomName, new() { Timeout = Ui.Wait });

        // Nina is made the room's moderator by the operator's command; her page shows it when the room's info comes.
        await community.AddModeratorAsync(ninaBlinded);
        await Expect(n.GetByTestId("moderator-chip")).ToBeVisibleAsync(new() { Timeout = Ui.Wait });

        // Nina posts; omar sees it live under her name, reacts and replies; nina sees both.
        await Ui.SendAsync(n, "welcome to the reading room");
        var ninas = Ui.Message(o, "welcome to the reading room");
        await Expect(ninas).ToBeVisibleAsync(new() { Timeout = Ui.Wait });
        await Expect(ninas.GetByTestId("sender")).ToHaveTextAsync(new Regex(@"^Nina:\s*$"));
        // A member has no Delete or Ban on another's message; he may write to her privately.
        await ninas.HoverAsync();
        await Expect(ninas.GetByRole(AriaRole.Button, new() { Name = "Delete" })).ToHaveCountAsync(0);
        await Expect(ninas.GetByRole(AriaRole.Button, new() { Name = "Ban Nina" })).ToHaveCountAsync(0);
        await Expect(ninas.GetByRole(AriaRole.Button, new() { Name = "Message Nina privately" })).ToHaveCountAsync(1);
        await ninas.GetByRole(AriaRole.Button, new() { Name = "React" }).ClickAsync();
        await ninas.GetByRole(AriaRole.Button, new() { Name = "React with 👍" }).ClickAsync();
        await Expect(ninas.GetByRole(AriaRole.Button, new() { Name = "👍 1, yours (remove)" })).ToBeVisibleAsync(new() { Timeout = Ui.Wait });
        await ninas.GetByRole(AriaRole.Button, new() { Name = "Reply" }).ClickAsync();
        await Ui.SendAsync(o, "glad to be here");
        var omars = Ui.Message(n, "glad to be here");
        await Expect(omars).ToBeVisibleAsync(new() { Timeout = Ui.Wait });
        await Expect(omars.Locator(".quote-text")).ToHaveTextAsync("welcome to the reading room");
        await Expect(omars.Locator(".quote-author")).ToHaveTextAsync("You");
        await Expect(Ui.Message(n, "welcome to the reading room").GetByRole(AriaRole.Button, new() { Name = "👍 1" }))
            .ToBeVisibleAsync(new() { Timeout = Ui.Wait });
        await Screens.AssertAccessibleAsync(o, "community room");
        await web.Screens.ShootAsync(o, "community-room");

        // Nina, a moderator, has Delete and Ban on omar's message: she deletes it, then bans him for an hour.
        await omars.HoverAsync();
        await Expect(omars.GetByRole(AriaRole.Button, new() { Name = "Ban Omar" })).ToBeVisibleAsync();
        await omars.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        var deleting = n.GetByRole(AriaRole.Dialog, new() { Name = "Delete message?" });
        await deleting.GetByRole(AriaRole.Button, new() { Name = "Delete for everyone" }).ClickAsync();
        await Expect(deleting).ToHaveCountAsync(0, new() { Timeout = Ui.Wait });
        await Expect(Ui.Message(o, "glad to be here")).ToHaveCountAsync(0, new() { Timeout = Ui.Wait });

        await Ui.SendAsync(o, "one more thing");
        await Expect(Ui.Message(n, "one more thing")).ToBeVisibleAsync(new() { Timeout = Ui.Wait });
        await Ui.Message(n, "one more thing").HoverAsync();
        await Ui.Message(n, "one more thing").GetByRole(AriaRole.Button, new() { Name = "Ban Omar" }).ClickAsync();
        var banning = n.GetByRole(AriaRole.Dialog, new() { Name = "Ban Omar?" });
        await Screens.AssertAccessibleAsync(n, "ban dialog");
        await web.Screens.ShootAsync(n, "community-moderator");
        await banning.GetByRole(AriaRole.Button, new() { Name = "Ban", Exact = true }).ClickAsync();
        await Expect(banning).ToHaveCountAsync(0, new() { Timeout = Ui.Wait });

        // Omar's next post is refused, with the sentence the page gets.
        await Ui.SendAsync(o, "am I still here?");
        await Expect(o.GetByRole(AriaRole.Alert)).ToBeVisibleAsync(new() { Timeout = Ui.Wait });
    }
}
