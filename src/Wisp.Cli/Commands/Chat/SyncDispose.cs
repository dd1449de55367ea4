namespace Wisp.Cli.Commands.Chat;

/// <summary>Disposes a session opened without the network from synchronous code (nothing in it waits).</summary>
internal readonly struct SyncDispose(ChatSession session) : IDisposable
{
    public void Dispose() => session.DisposeAsync().AsTask().GetAwaiter().GetResult();
}
