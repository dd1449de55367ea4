namespace Wisp.Protocol.Rpc;

/// <summary>The two content types of storage RPC replies: JSON bodies, and Session's plain-text error bodies.</summary>
public static class RpcContentTypes
{
    /// <summary>A JSON reply body.</summary>
    public const string Json = "application/json";

    /// <summary>A text reply body: Session answers most errors as bare text ("invalid json", "no method X" …).</summary>
    public const string Text = "text/plain";
}
