using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Wisp.Browser.Tests.Support;
using Wisp.Testing;
using static Microsoft.Playwright.Assertions;

namespace Wisp.Browser.Tests;

/// <summary>Finding a friend by QR code: alice reads bob's Account ID from a picture of the QR code his page shows.</summary>
[Collection(WebNetworkCollection.Name)]
public sealed class QrScanTests(WebNetworkFixture web)
{
    [Fact]
    public async Task A_picture_of_bobs_QR_code_fills_his_Account_ID_and_a_picture_without_one_says_so()
    {
        await web.AccountsAsync();
        using var folder = new TempDirectory();
        var (alice, bob) = (web.Alice.Page, web.Bob.Page);

        // Bob's QR code as his page shows it, saved as a PNG; and a PNG of his ID as text, which holds no QR code.
        var bobsDialog = await OpenNewConversationAsync(bob);
        var qrPicture = Path.Combine(folder.Path, "bob-qr.png");
        var textPicture = Path.Combine(folder.Path, "bob-id-text.png");
        await bobsDialog.GetByRole(AriaRole.Img, new() { Name = "QR code of your Account ID" }).ScreenshotAsync(new() { Path = qrPicture });
        await bobsDialog.GetByTestId("own-account-id").ScreenshotAsync(new() { Path = textPicture });
        await bob.Keyboard.PressAsync("Escape");

        var dialog = await OpenNewConversationAsync(alice);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Scan QR code" }).ClickAsync();
        var scanner = alice.GetByRole(AriaRole.Dialog, new() { Name = "Scan a QR code" });
        await Expect(scanner).ToBeVisibleAsync();
        var result = scanner.GetByRole(AriaRole.Status);

        // Headless Chromium here has no camera to give: the page says so (or that access was refused) instead of failing silently.
        await scanner.GetByRole(AriaRole.Button, new() { Name = "Use camera" }).ClickAsync();
        await Expect(result).ToHaveTextAsync(new Regex("^(No camera was found|Camera access was refused)"));

        await scanner.GetByTestId("qr-image-input").SetInputFilesAsync(textPicture);
        await Expect(result).ToHaveTextAsync("No QR code found in “bob-id-text.png”.");
        await web.Screens.ShootAsync(alice, "qr-scanner");
        await Screens.AssertAccessibleAsync(alice, "QR scanner");

        // Esc closes the scanner only; the New conversation dialog stays, focus back on the scan button.
        await alice.Keyboard.PressAsync("Escape");
        await Expect(scanner).ToHaveCountAsync(0);
        await Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Scan QR code" })).ToBeFocusedAsync();

        await dialog.GetByRole(AriaRole.Button, new() { Name = "Scan QR code" }).ClickAsync();
        await scanner.GetByTestId("qr-image-input").SetInputFilesAsync(qrPicture);
        await Expect(scanner).ToHaveCountAsync(0);
        await Expect(dialog.GetByLabel("Their Account ID")).ToHaveValueAsync(web.Bob.AccountId);
        await Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Start chat" })).ToBeFocusedAsync();
        await alice.Keyboard.PressAsync("Escape");
    }

    [Fact]
    public async Task Bobs_QR_code_held_in_front_of_a_camera_fills_his_Account_ID()
    {
        await web.AccountsAsync();
        using var folder = new TempDirectory();

        // The camera's picture: a JPEG of bob's page around his QR code, which Chromium plays as a fake camera.
        var bobsDialog = await OpenNewConversationAsync(web.Bob.Page);
        var box = await bobsDialog.GetByRole(AriaRole.Img, new() { Name = "QR code of your Account ID" }).BoundingBoxAsync();
        Assert.NotNull(box);
        var frame = Path.Combine(folder.Path, "camera.mjpeg");
        await web.Bob.Page.ScreenshotAsync(new()
        {
            Path = frame,
            Type = ScreenshotType.Jpeg,
            Quality = 95,
            Clip = new() { X = box.X + (box.Width / 2) - 160, Y = box.Y + (box.Height / 2) - 120, Width = 320, Height = 240 },
        });
        await web.Bob.Page.Keyboard.PressAsync("Escape");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("WISP_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream", "--use-file-for-fake-video-capture=" + frame],
        });
        var page = await browser.NewPageAsync(new() { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        // Keeps each stream the page is given (the real one, untouched), to see afterwards that the camera was stopped.
        await page.AddInitScriptAsync("""
            const real = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
            window.wispStreams = [];
            navigator.mediaDevices.getUserMedia = async (c) => { const s = await real(c); window.wispStreams.push(s); return s; };
            """);
        await page.GotoAsync(web.Alice.Host.Url);
        var dialog = await OpenNewConversationAsync(page);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Scan QR code" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Use camera" }).ClickAsync();

        await Expect(dialog.GetByLabel("Their Account ID")).ToHaveValueAsync(web.Bob.AccountId, new() { Timeout = Ui.Wait });
        await Expect(page.GetByRole(AriaRole.Dialog, new() { Name = "Scan a QR code" })).ToHaveCountAsync(0);
        // The camera was stopped on success: a stream was given, and none of its tracks is still live.
        Assert.Equal(1, await page.EvaluateAsync<int>("() => window.wispStreams.length"));
        Assert.Equal(0, await page.EvaluateAsync<int>("() => window.wispStreams.flatMap(s => s.getTracks()).filter(t => t.readyState === 'live').length"));
    }

    private static async Task<ILocator> OpenNewConversationAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Chats" }).ClickAsync();
        // Another test may have left this page in the message requests list, which has no New conversation button.
        var back = page.GetByRole(AriaRole.Button, new() { Name = "Back to conversations" });
        if (await back.IsVisibleAsync())
            await back.ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "New conversation" }).First.ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "New conversation" });
        await Expect(dialog).ToBeVisibleAsync();
        return dialog;
    }
}
