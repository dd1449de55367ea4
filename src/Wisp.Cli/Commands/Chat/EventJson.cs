using System.Text.Json.Nodes;
using Wisp.Cli.Output;
using Wisp.Client;

namespace Wisp.Cli.Commands.Chat;

/// <summary>
/// Client events as JSON for <c>chat --json</c> and <c>daemon --json</c>: one compact snake_case object per line,
/// named by <c>event</c>, so a program can read the stream line by line.
/// </summary>
internal static class EventJson
{
    /// <summary>The event as one object.</summary>
    public static JsonObject Of(ClientEvent clientEvent) => clientEvent switch
    {
        ClientEvent.MessageAdded added => new()
        {
            ["event"] = "message",
            ["is_request"] = added.IsRequest,
            ["message"] = MessagePrinting.Json(added.Message),
        },
        ClientEvent.DeliveryChanged changed => new() { ["event"] = "delivery", ["message"] = MessagePrinting.Json(changed.Message) },
        ClientEvent.MessageChanged changed => new() { ["event"] = "changed", ["message"] = MessagePrinting.Json(changed.Message) },
        ClientEvent.MessageRemoved removed => new() { ["event"] = "removed", ["peer"] = removed.Peer.Hex, ["message_id"] = removed.MessageId },
        ClientEvent.MessagesRead read => new() { ["event"] = "read", ["peer"] = read.Peer.Hex, ["count"] = read.Count },
        ClientEvent.Typing typing => new() { ["event"] = "typing", ["peer"] = typing.Peer.Hex, ["started"] = typing.Started },
        ClientEvent.MessagesDisappeared gone => new()
        {
            ["event"] = "disappeared",
            ["peer"] = gone.Peer.Hex,
            ["message_ids"] = new JsonArray([.. gone.MessageIds.Select(id => (JsonNode)id)]),
        },
        ClientEvent.MessageDropped dropped => new() { ["event"] = "dropped", ["reason"] = dropped.Reason },
        ClientEvent.NetworkUnreachable down => new() { ["event"] = "network_unreachable", ["reason"] = down.Reason },
        ClientEvent.NetworkReconnected => new() { ["event"] = "network_reconnected" },
        _ => new() { ["event"] = "unknown" },
    };

    /// <summary>Writes one object as one line.</summary>
    public static void WriteLine(JsonObject value, TextWriter output)
    {
        lock (output)
        {
            output.WriteLine(CliJson.Line(value));
            output.Flush();
        }
    }
}
