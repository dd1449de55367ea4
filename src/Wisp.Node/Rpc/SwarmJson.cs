using System.Globalization;
using System.Text.Json.Nodes;

namespace Wisp.Node.Rpc;

/// <summary>The <c>get_swarm</c> body, also sent with a 421: Session's field names and shapes.</summary>
internal static class SwarmJson
{
    public static JsonObject Of(SwarmView swarm)
    {
        var snodes = new JsonArray();
        foreach (var member in swarm.Members)
        {
            snodes.Add(new JsonObject
            {
                ["pubkey_ed25519"] = member.Ed25519.ToHex(),
                ["pubkey_x25519"] = member.X25519.ToHex(),
                ["ip"] = member.Ip,
                ["port_https"] = member.HttpsPort,
                ["port_omq"] = member.OmqPort,
                // Deprecated in Session (a string copy of port_https), kept for clients that still read it.
                ["port"] = member.HttpsPort.ToString(CultureInfo.InvariantCulture),
            });
        }
        return new JsonObject
        {
            ["snodes"] = snodes,
            ["swarm"] = swarm.SwarmId.ToString("x", CultureInfo.InvariantCulture),
        };
    }
}
