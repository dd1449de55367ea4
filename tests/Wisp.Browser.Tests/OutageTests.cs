using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Wisp.Browser.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Wisp.Browser.Tests;

/// <summary>The whole network stops while erin writes; when it is back, her message arrives once and nothing is lost.</summary>
[Collection(WebNetworkCollection.Name)]
public sealed class OutageTests(WebNetworkFixture web)
{
    [Fact]
    public async Task A_message_written_while_the_network_is_down_arrives_once_it_is_back_and_nothing_is_lost()
    {
        // A pair of its own: the other tests' alice and bob keep the pages and conversations they expect, in any order.
        var erin = await web.StartUserAsync("erin");
        var frank = await web.StartUserAsync("frank");
        await Task.WhenAll(
            Ui.CreateAccountAsync(erin, "Erin", "amber quarry lantern 9"),
            Ui.CreateAccountAsync(frank, "Frank", "cobalt orchard whistle 3"));
        var (alice, bob) = (erin.Page, frank.Page);
        await Ui.StartConversationAsync(alice, frank.AccountId, "Frank");
        await Ui.SendAsync(alice, "before the outage");
        await Expect(Ui.Message(alice, "before the outage")).ToHaveAttributeAsync("data-state", new Regex("^(sent|read)$"), new() { Timeout = Ui.Wait });
        await Ui.OpenConversationAsync(bob, erin.AccountId);
        await Expect(Ui.Message(bob, "before the outage")).ToBeVisibleAsync(Ui.Visible);
        var bobHad = await bob.GetByTestId("message").CountAsync();
        var aliceHad = await alice.GetByTestId("message").CountAsync();

        await web.StopNetworkAsync();
        await Ui.SendAsync(alice, "written during the outage");
        // Shown at once, still sending: it waits in the outbox.
        await Expect(Ui.Message(alice, "written during the outage")).ToHaveAttributeAsync("data-state", "sending");
        await web.Screens.ShootAsync(alice, "outage");

        await web.StartNetworkAsync();
        var arrived = Ui.Message(bob, "written during the outage");
        await Expect(arrived).ToBeVisibleAsync(new() { Timeout = 240_000 });
        await Expect(Ui.Message(alice, "written during the outage")).ToHaveAttributeAsync("data-state", new Regex("^(sent|read)$"), new() { Timeout = Ui.Wait });

        // Exactly one copy, and every earlier message still there on both sides.
        await Expect(arrived).ToHaveCountAsync(1);
        Assert.Equal(bobHad + 1, await bob.GetByTestId("message").CountAsync());
        Assert.Equal(aliceHad + 1, await alice.GetByTestId("message").CountAsync());
        await Expect(Ui.Message(bob, "before the outage")).ToHaveCountAsync(1);
    }
}
