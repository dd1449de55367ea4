namespace Wisp.Client.Direct;

/// <summary>Direct mode with one contact, as this device sees it. Only <see cref="On"/> lets anything go direct.</summary>
public enum DirectState
{
    /// <summary>Neither side asked, or one side turned it off.</summary>
    Off,

    /// <summary>This account turned it on and sent an offer; the contact has not answered.</summary>
    Offered,

    /// <summary>The contact turned it on; this account has not (a request to answer).</summary>
    Requested,

    /// <summary>Both turned it on: messages and files go direct when both are online.</summary>
    On,
}

/// <summary>
/// The agreement's state machine: both sides must turn direct mode on before anything goes direct, and either side
/// turning it off turns it off for both.
/// </summary>
public static class DirectStates
{
    /// <summary>What a person is told before turning direct mode on, word for word, by every front end (<c>{0}</c>: the contact).</summary>
    public const string Exposure =
        "Talking directly means {0} will learn this device's IP address (and so roughly where you are and who your " +
        "internet provider is), as long as direct mode is on and you are both online. Anyone watching the DHT will see a " +
        "random key come online at that IP address, but not your Account ID. Messages stay end-to-end encrypted, and " +
        "go through the swarm as before whenever a direct session is not up.";

    /// <summary>After this account turns it on.</summary>
    public static DirectState AfterLocalOn(DirectState state) => state is DirectState.Requested or DirectState.On ? DirectState.On : DirectState.Offered;

    /// <summary>After the contact's signed "on" arrives (an offer, an answer, or a new device of theirs).</summary>
    public static DirectState AfterTheirOn(DirectState state) => state is DirectState.Offered or DirectState.On ? DirectState.On : DirectState.Requested;

    /// <summary>After either side turns it off.</summary>
    public static DirectState AfterOff(DirectState state) => DirectState.Off;

    /// <summary>The word stored and printed.</summary>
    public static string Word(DirectState state) => state switch
    {
        DirectState.Offered => "offered",
        DirectState.Requested => "requested",
        DirectState.On => "on",
        _ => "off",
    };

    /// <summary>"direct", "relayed" or "swarm".</summary>
    public static string Word(MessagePath path) => path switch
    {
        MessagePath.Direct => "direct",
        MessagePath.Relayed => "relayed",
        _ => "swarm",
    };

    /// <summary>The way a file went or came: "direct", "relayed", or "file_server" (null: not on a direct session).</summary>
    public static string FileWord(MessagePath? path) => path switch
    {
        MessagePath.Direct => "direct",
        MessagePath.Relayed => "relayed",
        _ => "file_server",
    };

    /// <summary>The state a stored word stands for (anything unknown is off).</summary>
    public static DirectState Parse(string? word) => word switch
    {
        "offered" => DirectState.Offered,
        "requested" => DirectState.Requested,
        "on" => DirectState.On,
        _ => DirectState.Off,
    };
}

/// <summary>Which way a message went (or came).</summary>
public enum MessagePath
{
    /// <summary>Through the recipient's swarm, over onion paths.</summary>
    Swarm,

    /// <summary>On a direct session, peer to peer.</summary>
    Direct,

    /// <summary>On a direct session carried by a blind relay on a service node.</summary>
    Relayed,
}
