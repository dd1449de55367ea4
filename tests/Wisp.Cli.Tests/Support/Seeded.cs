using Wisp.Client;
using Wisp.Client.Account;
using Wisp.Client.Conversations;
using Wisp.Crypto.Keys;

namespace Wisp.Cli.Tests.Support;

/// <summary>Puts messages into the default profile of a <see cref="CliHarness"/> as if they had arrived from the swarm.</summary>
internal static class Seeded
{
    private const long Start = 1_750_000_000_000;

    public static WispClient Open(CliHarness cli)
    {
        Assert.True(WispClient.Open(cli.Home, ProfileName.Default, passphrase: null).TryGet(out var client, out var error), error?.Message);
        return client;
    }

    public static void Receive(CliHarness cli, AccountId from, params string[] texts)
    {
        var client = Open(cli);
        try
        {
            foreach (var text in texts)
            {
                var n = Interlocked.Increment(ref _count);
                client.Data.Messages.AddIncoming($"hash-{n}", from, MessageKind.Text, text, Start + n, Start + n, null, Start + 100_000_000);
            }
        }
        finally
        {
            client.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static int _count;
}
