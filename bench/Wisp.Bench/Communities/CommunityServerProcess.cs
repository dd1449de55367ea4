using System.Text.Json;
using Wisp.Bench.Storage;
using Wisp.Client.Communities;
using Wisp.Crypto.Blinding;
using Wisp.Crypto.Keys;

namespace Wisp.Bench.Communities;

/// <summary>
/// A <c>wisp community run</c> process on 127.0.0.1 with one room, <c>bench</c>, whose posters are made global
/// moderators first (the admin command on the data folder) so that the per-member post rate limit, which a real
/// room spreads over many members, does not cap the measured rate.
/// </summary>
internal sealed class CommunityServerProcess : IAsyncDisposable
{
    public const string RoomToken = "bench";

    private readonly HelperProcess _process;
    private readonly string _data;

    private CommunityServerProcess(HelperProcess process, string data, CommunityServer server)
    {
        _process = process;
        _data = data;
        Server = server;
    }

    /// <summary>Where the server listens and its key.</summary>
    public CommunityServer Server { get; }

    /// <summary>The room measured.</summary>
    public string Room => RoomToken;

    public static async Task<CommunityServerProcess> StartAsync(string folder, IReadOnlyList<Ed25519KeyPair> moderators)
    {
        var data = Path.Combine(folder, "community");
        var (fileName, leading) = Wisp();
        await RunAsync(fileName, [.. leading, "community", "room", "add", RoomToken, "Bench", "--data", data, "--no-qr"]);
        var process = HelperProcess.Start(fileName, [.. leading, "community", "run", "--data", data, "--listen", "127.0.0.1:0", "--json", "--log-level", "Warning"]);
        var line = await process.ReadFirstLineAsync(TimeSpan.FromSeconds(120));
        process.DrainStandardOutput();
        using var view = JsonDocument.Parse(line);
        var url = new Uri(view.RootElement.GetProperty("url").GetString()!);
        var key = X25519PublicKey.FromHex(view.RootElement.GetProperty("public_key").GetString()!);
        foreach (var moderator in moderators)
        {
            using var blinded = Blind15.CreateKeyPair(moderator, key);
            await RunAsync(fileName, [.. leading, "community", "moderator", "add", blinded.Id.Hex, "--global", "--hidden", "--data", data]);
        }
        return new CommunityServerProcess(process, data, new CommunityServer(url, key));
    }

    /// <summary>Resident memory now, MB.</summary>
    public double ResidentMb() => _process.ResidentBytes / 1e6;

    /// <summary>Peak resident memory, MB.</summary>
    public double PeakMb() => _process.PeakResidentBytes / 1e6;

    /// <summary>The database and its WAL on disk, MB.</summary>
    public double DatabaseMb() =>
        Directory.EnumerateFiles(_data, "community.db*").Sum(f => new FileInfo(f).Length) / 1e6;

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    private static (string FileName, string[] Leading) Wisp()
    {
        var apphost = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "wisp.exe" : "wisp");
        return File.Exists(apphost) ? (apphost, []) : ("dotnet", [Path.Combine(AppContext.BaseDirectory, "wisp.dll")]);
    }

    private static async Task RunAsync(string fileName, string[] arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = System.Diagnostics.Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"wisp {string.Join(' ', arguments.Where(a => !a.EndsWith(".dll", StringComparison.Ordinal)))} failed ({process.ExitCode}): {await stderr} {await stdout}");
    }
}
