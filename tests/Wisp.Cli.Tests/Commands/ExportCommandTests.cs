using System.Text.Json;
using Wisp.Cli.Tests.Support;
using Wisp.Crypto.Keys;

namespace Wisp.Cli.Tests.Commands;

public class ExportCommandTests
{
    [Fact]
    public void ExportWritesEveryConversationToAPrivateFileAndShowsProgressForLongOnes()
    {
        using var cli = new CliHarness();
        Assert.Equal(0, cli.Run("account", "new", "--no-passphrase", "--skip-confirm").Code);
        for (var i = 0; i < 25; i++)
            Seeded.Receive(cli, Ed25519KeyPair.Generate().AccountId, $"message {i}");
        var path = Path.Combine(cli.Root, "out", "export.json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);

        var (code, stdout, stderr) = cli.Run("export", "--out", path, "--json");

        Assert.Equal(0, code);
        using (var summary = JsonDocument.Parse(stdout))
        {
            Assert.Equal(25, summary.RootElement.GetProperty("conversations").GetInt32());
            Assert.Equal(path, summary.RootElement.GetProperty("path").GetString());
        }
        Assert.Contains("exported 25/25 conversations (25 messages)", stderr);
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        using var export = JsonDocument.Parse(File.ReadAllBytes(path));
        var bodies = export.RootElement.GetProperty("conversations").EnumerateArray()
            .SelectMany(c => c.GetProperty("messages").EnumerateArray()).Select(m => m.GetProperty("body").GetString()).ToHashSet();
        Assert.Equal(25, bodies.Count);
        Assert.Contains("message 7", bodies);
        Assert.Equal(["export.json"], Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName));
    }

    [Fact]
    public void ExportToADirectoryIsAUsageError()
    {
        using var cli = new CliHarness();
        Assert.Equal(0, cli.Run("account", "new", "--no-passphrase", "--skip-confirm").Code);

        var (code, _, stderr) = cli.Run("export", "--out", cli.Root);

        Assert.Equal(2, code);
        Assert.Contains("is a directory", stderr);
    }
}
