using System.Text;
using System.Text.Json.Nodes;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Signing;
using Wisp.Protocol.Groups;
using Wisp.Protocol.Storage;

namespace Wisp.Bench.Groups;

/// <summary>The storage requests of the groups bench, as a libsession client would send them to the group's swarm.</summary>
internal static class GroupRequests
{
    public const long TtlMs = 14L * 24 * 60 * 60 * 1000;

    /// <summary>A store signed by the group key (an admin).</summary>
    public static byte[] AdminStore(Ed25519KeyPair group, int ns, byte[] data, long now) => Body("store", new JsonObject
    {
        ["pubkey"] = "03" + group.PublicKey.ToHex(),
        ["namespace"] = ns,
        ["timestamp"] = now,
        ["ttl"] = TtlMs,
        ["data"] = Convert.ToBase64String(data),
        ["signature"] = Convert.ToBase64String(Ed25519.Sign(group, SignatureStrings.Store(ns, now))),
    });

    /// <summary>A member's signed retrieve with its subaccount grant, after <paramref name="lastHash"/> when given, answer capped at <paramref name="maxSize"/> bytes when positive.</summary>
    public static byte[] MemberRetrieve(Ed25519KeyPair group, Ed25519KeyPair member, byte[] grant, int ns, long now, string? lastHash, int maxSize = 0)
    {
        var auth = GroupSubaccount.Sign(grant, member, SignatureStrings.Retrieve(ns, now));
        var parameters = new JsonObject
        {
            ["pubkey"] = "03" + group.PublicKey.ToHex(),
            ["namespace"] = ns,
            ["timestamp"] = now,
            ["subaccount"] = auth.Token.ToString(),
            ["subaccount_sig"] = Convert.ToBase64String(auth.SubaccountSignature),
            ["signature"] = Convert.ToBase64String(auth.Signature),
        };
        if (lastHash is not null)
            parameters["last_hash"] = lastHash;
        if (maxSize > 0)
            parameters["max_size"] = maxSize;
        return Body("retrieve", parameters);
    }

    private static byte[] Body(string method, JsonObject parameters) =>
        Encoding.UTF8.GetBytes(new JsonObject { ["method"] = method, ["params"] = parameters }.ToJsonString());
}
