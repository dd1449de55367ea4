namespace Wisp.Cli.Commands.Chat;

/// <summary>The waits of <c>wisp chat</c>.</summary>
internal static class ChatLimits
{
    /// <summary>How long leaving a chat waits for pending messages (15 s): long enough for a send with a retry on another path.</summary>
    public static readonly TimeSpan FlushOnExit = TimeSpan.FromSeconds(15);

    /// <summary>How often that wait looks at the outbox (100 ms).</summary>
    public static readonly TimeSpan FlushPoll = TimeSpan.FromMilliseconds(100);
}
