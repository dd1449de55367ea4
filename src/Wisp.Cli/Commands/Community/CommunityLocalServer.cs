using System.Globalization;
using Wisp.Community.Admin;
using Wisp.Protocol.Community;

namespace Wisp.Cli.Commands.Community;

/// <summary>
/// The community server of a local network, run by <c>wisp up</c> as its own <c>wisp community run</c> process on
/// 127.0.0.1 with its data in <c>&lt;network folder&gt;/community</c> and a room <c>lobby</c> made on first use. Once
/// it answers, <c>community/local-community.json</c> tells clients its URL, key and the lobby's join URL. It keeps the
/// port of its last run when that port is free; its output goes to <c>community/community.log</c>; SIGTERM stops it.
/// </summary>
internal sealed class CommunityLocalServer : IAsyncDisposable
{
    private readonly LocalServerProcess _process;

    private CommunityLocalServer(LocalServerProcess process, LocalCommunityFile file, int port)
    {
        _process = process;
        File = file;
        Port = port;
    }

    /// <summary>What the run file says: URL, key, the lobby's join URL.</summary>
    public LocalCommunityFile File { get; }

    /// <summary>The port it listens on (the nodes' relays must allow it).</summary>
    public int Port { get; }

    /// <summary>Makes the lobby when missing, starts the server and waits until it has written its run file; null and why when it cannot.</summary>
    public static async Task<(CommunityLocalServer? Server, string? Problem)> StartAsync(string networkFolder, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(networkFolder, LocalCommunityFile.LocalNetworkFolder);
        Directory.CreateDirectory(directory);
        var previous = ReadRunFile(directory);
        try
        {
            using var admin = CommunityAdmin.Open(directory);
            if (!(await admin.RoomInfoAsync(LocalCommunityFile.LobbyToken, cancellationToken)).Ok)
                await admin.AddRoomAsync(LocalCommunityFile.LobbyToken, "Lobby", "The local network's community room.", cancellationToken);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or Wisp.Community.Auth.CommunityServerStartException)
        {
            return (null, $"the community server's data in {directory} cannot be used: {exception.Message}");
        }
        var (server, problem) = await TryStartAsync(directory, previous?.Port ?? 0, cancellationToken);
        if (server is null && previous is not null)
            (server, problem) = await TryStartAsync(directory, 0, cancellationToken);
        return (server, problem);
    }

    private static async Task<(CommunityLocalServer?, string?)> TryStartAsync(string directory, int port, CancellationToken cancellationToken)
    {
        var (process, run, problem) = await LocalServerProcess.StartAsync(
            "community server", directory, "community.log",
            ["community", "run", "--data", directory, "--listen", $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"],
            () => ReadRunFile(directory), run => run.ProcessId, cancellationToken);
        if (process is null)
            return (null, problem);
        try
        {
            string joinUrl;
            using (var admin = CommunityAdmin.Open(directory))
                joinUrl = admin.JoinUrl(LocalCommunityFile.LobbyToken, run!.Url);
            var file = new LocalCommunityFile(run.Url, run.PublicKey, run.ProcessId, directory, joinUrl);
            var path = Path.Combine(directory, LocalCommunityFile.FileName);
            await System.IO.File.WriteAllBytesAsync(path + ".tmp", file.ToBytes(), cancellationToken);
            System.IO.File.Move(path + ".tmp", path, overwrite: true);
            return (new CommunityLocalServer(process, file, run.Port), null);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    private static CommunityRunFile? ReadRunFile(string directory) =>
        LocalServerProcess.ReadRunFile(Path.Combine(directory, CommunityRunFile.FileName), bytes => CommunityRunFile.TryParse(bytes));

    /// <summary>Stops the server (SIGTERM, then kill after 15 s).</summary>
    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
