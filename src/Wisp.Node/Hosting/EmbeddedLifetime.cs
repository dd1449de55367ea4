using Microsoft.Extensions.Hosting;

namespace Wisp.Node.Hosting;

/// <summary>
/// A host lifetime that handles no signals: whoever embeds the node (the <c>wisp</c> command, a test) decides when it
/// stops. The default console lifetime would add a second SIGTERM handler racing the command line's own.
/// </summary>
internal sealed class EmbeddedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
