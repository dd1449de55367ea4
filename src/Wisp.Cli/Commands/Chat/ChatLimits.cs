namespace Wisp.Cli.Commands.Chat;

/// <summary>The waits of the messaging commands.</summary>
internal static class ChatLimits
{
    /// <summary>How long leaving a chat waits for pending messages (15 s): long enough for a send with a retry on another path.</summary>
    public static readonly TimeSpan FlushOnExit = TimeSpan.FromSeconds(15);

    /// <summary>How long <c>wisp send</c> waits for its message to be stored (2 min): room for several retries of the outbox.</summary>
    public static readonly TimeSpan SendPatience = TimeSpan.FromMinutes(2);

    /// <summary>How long <c>wisp inbox --fetch</c> and <c>wisp retry</c> give the outbox (10 s): one attempt each, with a retry.</summary>
    public static readonly TimeSpan QuickFlush = TimeSpan.FromSeconds(10);
}
