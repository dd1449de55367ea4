using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Wisp.Browser.Tests.Support;

/// <summary>
/// Screenshots of each screen into the clone's <c>docs/screens/</c> (the README shows them), and the axe check of a
/// screen: no serious or critical violation.
/// </summary>
public sealed class Screens
{
    private readonly string _folder;

    public Screens()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Wisp.slnx")))
            directory = directory.Parent;
        // Outside a clone (a copied test folder) the pictures go next to the tests instead.
        _folder = Path.Combine(directory?.FullName ?? AppContext.BaseDirectory, "docs", "screens");
        Directory.CreateDirectory(_folder);
    }

    public async Task ShootAsync(IPage page, string name)
    {
        // The pointer out of the way (no hover menu in the picture), then two animation frames: a just-opened screen (a dialog, a new theme) is painted before the picture.
        await page.Mouse.MoveAsync(2, 790);
        await page.EvaluateAsync("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(_folder, name + ".png"), Animations = ScreenshotAnimations.Disabled });
    }

    /// <summary>Runs axe on the page as it is; fails with each serious or critical violation and where it is.</summary>
    public static async Task AssertAccessibleAsync(IPage page, string screen)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"axe on the {screen} screen: " + string.Join("; ", serious.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => string.Join(" ", n.Target)))}")));
    }
}
