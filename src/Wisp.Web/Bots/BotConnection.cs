using Wisp.Client;

namespace Wisp.Web.Bots;

/// <summary>
/// Connects the bot's client to the local network, trying again every <see cref="BotLimits.NetworkRetryInterval"/>
/// while it is not there (<c>wisp up</c> may start later), then starts it so its rooms are polled.
/// </summary>
internal sealed class BotConnection(WispClient client, string networkFolder)
{
    private readonly CancellationTokenSource _stop = new();
    private Task _running = Task.CompletedTask;

    /// <summary>Why the network cannot be reached now; null once connected.</summary>
    public string? Problem { get; private set; } = "not connected yet";

    public void Begin() => _running = Task.Run(() => ConnectAsync(_stop.Token));

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _running;
    }

    private async Task ConnectAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!client.ConnectLocalNetwork(networkFolder, out var problem))
            {
                Problem = problem;
                await Task.Delay(BotLimits.NetworkRetryInterval, cancellationToken);
            }
            Problem = null;
            client.Start();
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
        catch (ObjectDisposedException)
        {
            // The client was closed while connecting.
        }
    }
}
