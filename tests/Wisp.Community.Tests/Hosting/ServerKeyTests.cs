using Microsoft.Extensions.Logging;
using Wisp.Community.Hosting;
using Wisp.Protocol.Community;
using Wisp.Testing;

namespace Wisp.Community.Tests.Hosting;

public sealed class ServerKeyTests
{
    [Fact]
    public async Task The_server_key_and_rooms_survive_a_restart_and_the_run_file_names_the_key()
    {
        using var directory = new TempDirectory();
        var options = new CommunityServerOptions { DataDirectory = directory.Path, Port = 0, LogLevel = LogLevel.Warning };
        string first;
        await using (var server = await WispCommunityServer.StartAsync(options, TestContext.Current.CancellationToken))
        {
            first = server.PublicKey.ToHex();
            await server.Services.Rooms.AddAsync("lobby", "Lobby", null, TestContext.Current.CancellationToken);
        }

        await using var again = await WispCommunityServer.StartAsync(options, TestContext.Current.CancellationToken);
        var run = CommunityRunFile.TryParse(File.ReadAllBytes(Path.Combine(directory.Path, CommunityRunFile.FileName)));

        Assert.Equal(first, again.PublicKey.ToHex());
        Assert.Equal(first, run!.PublicKey);
        Assert.Equal(again.Url, run.Url);
        Assert.NotNull(await again.Services.Rooms.FindAsync("LOBBY", TestContext.Current.CancellationToken));
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(directory.Path, "key_x25519")));
    }

    [Fact]
    public async Task A_key_file_of_the_wrong_size_stops_the_start_with_a_reason()
    {
        using var directory = new TempDirectory();
        Directory.CreateDirectory(directory.Path);
        await File.WriteAllBytesAsync(Path.Combine(directory.Path, "key_x25519"), new byte[5], TestContext.Current.CancellationToken);

        var problem = await Assert.ThrowsAsync<Wisp.Community.Auth.CommunityServerStartException>(() =>
            WispCommunityServer.StartAsync(new CommunityServerOptions { DataDirectory = directory.Path, Port = 0 }, TestContext.Current.CancellationToken));

        Assert.Contains("is not a community server key (5 bytes, not 32)", problem.Message);
    }
}
