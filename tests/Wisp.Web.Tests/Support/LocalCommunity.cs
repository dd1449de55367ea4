using System.Text.Json;
using Wisp.Testing;

namespace Wisp.Web.Tests.Support;

/// <summary>
/// The community server <c>wisp up</c> runs beside the nodes (its lobby room), as its run file
/// <c>community/local-community.json</c> in the network's folder describes it, and the operator's commands on it.
/// </summary>
public sealed record LocalCommunity(string JoinUrl, string Data)
{
    /// <summary>The lobby's web id in <c>wisp web</c>'s API (token@host:port), URL-encoded for a path.</summary>
    public string RoomPath => "/api/communities/" + Uri.EscapeDataString($"lobby@{new Uri(JoinUrl).Authority}");

    /// <summary>Reads the run file (written by <c>wisp up</c> once the server answers).</summary>
    public static LocalCommunity Read(string networkFolder)
    {
        var path = Path.Combine(networkFolder, "community", "local-community.json");
        using var json = JsonDocument.Parse(File.ReadAllBytes(path));
        return new LocalCommunity(json.RootElement.GetProperty("join_url").GetString()!, json.RootElement.GetProperty("data").GetString()!);
    }

    /// <summary><c>wisp community moderator add ID --room lobby --data DIR</c>, as the operator types it; fails the test if it fails.</summary>
    public async Task AddModeratorAsync(string member)
    {
        var (exitCode, stdout, stderr) = await WispProcess.RunAsync("community", "moderator", "add", member, "--room", "lobby", "--data", Data);
        Assert.True(exitCode == 0, $"moderator add exited {exitCode}: {stdout} {stderr}");
    }
}
