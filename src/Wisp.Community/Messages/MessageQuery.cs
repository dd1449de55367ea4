namespace Wisp.Community.Messages;

/// <summary>Which messages a read asks for (exactly one of pysogs's <c>sequence</c>, <c>before</c>, <c>recent</c>, <c>single</c>).</summary>
internal abstract record MessageQuery
{
    /// <summary>Updates with a seqno above <paramref name="Seqno"/>, in seqno order; reaction-only rows when <paramref name="ReactionUpdates"/> (<c>?t=r</c>).</summary>
    public sealed record Since(long Seqno, bool ReactionUpdates) : MessageQuery;

    /// <summary>Messages with an id below <paramref name="Id"/>, newest first.</summary>
    public sealed record Before(long Id) : MessageQuery;

    /// <summary>The newest messages, newest first.</summary>
    public sealed record Recent : MessageQuery;

    /// <summary>The one message <paramref name="Id"/>.</summary>
    public sealed record Single(long Id) : MessageQuery;
}
