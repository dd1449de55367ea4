namespace Wisp.Client.Keys;

/// <summary>How a 1:1 message was sealed (Session protocol v2 or v1), which says whether it is forward-secret.</summary>
public enum MessageSealing
{
    /// <summary>Protocol v2 to the peer's rotating account keys (<c>00 02</c>): forward-secret, post-quantum.</summary>
    V2,

    /// <summary>Protocol v2's non-PFS form (<c>00 01</c>), sealed to the long-term key: not forward-secret.</summary>
    V2NonPfs,

    /// <summary>Protocol v1, sealed to the long-term key: not forward-secret.</summary>
    V1,
}

/// <summary>How <see cref="MessageSealing"/> is spelled in the database, the CLI's JSON and the web API.</summary>
public static class MessageSealings
{
    /// <summary>The marker the CLI and web show beside a message that is not forward-secret.</summary>
    public const string NotForwardSecretNote = "not forward-secret: sent with the account's long-term key";

    /// <summary>"v2", "v2-nonpfs" or "v1".</summary>
    public static string Text(this MessageSealing sealing) => sealing switch
    {
        MessageSealing.V2 => "v2",
        MessageSealing.V2NonPfs => "v2-nonpfs",
        _ => "v1",
    };

    /// <summary>True only for <see cref="MessageSealing.V2"/>.</summary>
    public static bool IsForwardSecret(this MessageSealing sealing) => sealing == MessageSealing.V2;

    /// <summary>Reads the database's spelling; null for anything else (a group message has none).</summary>
    public static MessageSealing? Parse(string? text) => text switch
    {
        "v2" => MessageSealing.V2,
        "v2-nonpfs" => MessageSealing.V2NonPfs,
        "v1" => MessageSealing.V1,
        _ => null,
    };
}
