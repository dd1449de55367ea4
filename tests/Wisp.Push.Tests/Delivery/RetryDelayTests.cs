using Microsoft.Extensions.DependencyInjection;
using Wisp.Push.Delivery;
using Wisp.Push.Tests.Support;

namespace Wisp.Push.Tests.Delivery;

/// <summary>The wait between attempts doubles from the configured delay and never exceeds the cap.</summary>
public sealed class RetryDelayTests
{
    [Fact]
    public async Task RetryDelay_Doubles_UpToFiveMinutes()
    {
        await using var server = await TestPushServer.StartAsync(o => o with { RetryDelay = TimeSpan.FromSeconds(5) });
        var worker = server.Server.Services.GetRequiredService<DeliveryWorker>();

        Assert.Equal(
            [5, 10, 20, 40, 80, 160, 300, 300],
            Enumerable.Range(1, 8).Select(attempt => worker.RetryDelay(attempt).TotalSeconds));
        Assert.Equal(Limits.MaxRetryDelay, worker.RetryDelay(1000));
    }
}
