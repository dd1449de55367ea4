using Microsoft.Playwright;
using Wisp.Browser.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Wisp.Browser.Tests;

/// <summary>Files sent from the page: an image that arrives as a thumbnail on the other side, and a larger file's progress bar.</summary>
[Collection(WebNetworkCollection.Name)]
public sealed class AttachmentTests(WebNetworkFixture web)
{
    [Fact]
    public async Task An_image_sent_by_jack_shows_as_a_thumbnail_on_kates_side_and_opens_in_the_viewer()
    {
        var jack = await web.StartUserAsync("jack");
        var kate = await web.StartUserAsync("kate");
        await Task.WhenAll(
            Ui.CreateAccountAsync(jack, "Jack", "marble sparrow engine 2"),
            Ui.CreateAccountAsync(kate, "Kate", "linen glacier falcon 6"));
        var (j, k) = (jack.Page, kate.Page);
        await Ui.StartConversationAsync(j, kate.AccountId, "Kate");

        // A real PNG: a picture of jack's own page.
        var png = await j.ScreenshotAsync(new() { Clip = new() { X = 0, Y = 0, Width = 320, Height = 200 } });
        await j.GetByTestId("file-input").SetInputFilesAsync(new FilePayload { Name = "view.png", MimeType = "image/png", Buffer = png });
        await Expect(j.GetByTestId("staged")).ToContainTextAsync("view.png");
        await Screens.AssertAccessibleAsync(j, "chat with a staged file");
        var composer = j.GetByRole(AriaRole.Textbox, new() { Name = "Message to" });
        await composer.FillAsync("the view from here");
        await composer.PressAsync("Enter");

        // Kate's side: the request holds the image, fetched, checked and shown as a thumbnail.
        await Ui.OpenConversationAsync(k, jack.AccountId);
        var thumbnail = k.GetByTestId("thumbnail");
        await Expect(thumbnail).ToBeVisibleAsync(new() { Timeout = 240_000 });
        Assert.Equal(320, await thumbnail.EvaluateAsync<int>("img => img.naturalWidth"));
        Assert.StartsWith("blob:", await thumbnail.GetAttributeAsync("src"), StringComparison.Ordinal);
        await Expect(Ui.Message(k, "the view from here")).ToBeVisibleAsync();
        await web.Screens.ShootAsync(k, "attachment-thumbnail");

        await k.GetByRole(AriaRole.Button, new() { Name = "Open image view.png" }).ClickAsync();
        var viewer = k.GetByRole(AriaRole.Dialog, new() { Name = "view.png" });
        await Expect(viewer.GetByTestId("viewer-image")).ToBeVisibleAsync();
        await Screens.AssertAccessibleAsync(k, "image viewer");
        await web.Screens.ShootAsync(k, "attachment-viewer");
        await k.Keyboard.PressAsync("Escape");
        await Expect(viewer).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_larger_file_shows_a_progress_bar_with_its_rate_while_it_uploads_and_then_arrives()
    {
        var lena = await web.StartUserAsync("lena");
        var mark = await web.StartUserAsync("mark");
        await Task.WhenAll(
            Ui.CreateAccountAsync(lena, "Lena", "copper willow signal 1"),
            Ui.CreateAccountAsync(mark, "Mark", "velvet harbor prism 0"));
        var page = lena.Page;
        await Ui.StartConversationAsync(page, mark.AccountId, "Mark");

        // 24 MiB: six 4 MiB chunks through onion paths. How long that takes depends on the machine, so the page's rows
        // are recorded as they change (a MutationObserver) and the assertions read that record, not the moment.
        var bytes = new byte[24 << 20];
        new Random(15).NextBytes(bytes);
        await page.EvaluateAsync(RecordUploadRows);
        await page.GetByTestId("file-input").SetInputFilesAsync(new FilePayload { Name = "archive.bin", MimeType = "application/octet-stream", Buffer = bytes });
        await page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();

        var uploading = page.GetByTestId("upload").Filter(new() { HasText = "Uploading archive.bin" });
        await page.WaitForFunctionAsync("() => window.uploadRows.some(r => r.bar && r.text.includes('Uploading archive.bin') && r.text.includes('of 25 MB') && r.text.includes('/s'))",
            null, new() { Timeout = 240_000 });
        // The picture only while the bar is still there (a fast machine may already be done).
        if (await uploading.CountAsync() > 0)
            await web.Screens.ShootAsync(page, "attachment-progress");

        // Done: the bar goes and the message carries the file, on both sides.
        await Expect(uploading).ToHaveCountAsync(0, new() { Timeout = 240_000 });
        await Expect(page.GetByTestId("file-name")).ToHaveTextAsync("archive.bin", new() { Timeout = Ui.Wait });
        await Ui.OpenConversationAsync(mark.Page, lena.AccountId);
        await Expect(mark.Page.GetByTestId("file-name")).ToHaveTextAsync("archive.bin", new() { Timeout = 240_000 });
        await Expect(mark.Page.GetByRole(AriaRole.Button, new() { Name = "Download archive.bin" })).ToBeVisibleAsync();
    }

    /// <summary>Keeps every state of the upload rows the page shows (their text, and whether a progress bar, a <c>progress</c> element, is in them).</summary>
    private const string RecordUploadRows = """
        () => {
          window.uploadRows = [];
          const record = () => document.querySelectorAll('[data-testid="upload"]').forEach(row =>
            window.uploadRows.push({ text: row.textContent ?? '', bar: row.querySelector('progress') !== null }));
          new MutationObserver(record).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
        }
        """;
}
