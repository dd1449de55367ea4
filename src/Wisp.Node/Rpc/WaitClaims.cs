using System.Net;
using System.Net.Sockets;
using Wisp.Node.Admission;
using Wisp.Node.Storage;
using Wisp.Protocol.Rpc;

namespace Wisp.Node.Rpc;

/// <summary>
/// Who a waiting retrieve counts against (<see cref="MessageArrivals"/>): the caller's address, IPv6 per /64 as the
/// rate limiter counts it, unless the request came out of an onion layer, whose address is the last relay's and is
/// shared by every client routed through it (there only the account and unsigned caps apply); whether it was signed;
/// and, when a subaccount token signed it, that token, so that each member of a group account has its own places.
/// </summary>
internal static class WaitClaims
{
    public static WaitClaim For(RpcCaller caller, RetrieveRequest request) => new(
        caller.ViaOnion ? null : AddressKey(caller.RemoteAddress),
        request.Signature is not null,
        request.Signature?.Subaccount is { } subaccount ? request.Pubkey.Hex + "/" + Convert.ToHexStringLower(subaccount.Token.Bytes) : null);

    private static string AddressKey(string remote)
    {
        if (!IPAddress.TryParse(remote, out var address))
            return remote;
        if (address.IsIPv4MappedToIPv6)
            return address.MapToIPv4().ToString();
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
            return address.ToString();
        // One host usually holds a whole /64: counting single IPv6 addresses would be free to dodge.
        var bytes = address.GetAddressBytes();
        var prefixBytes = Limits.Ipv6RateLimitPrefixBits / 8;
        Array.Clear(bytes, prefixBytes, bytes.Length - prefixBytes);
        return new IPAddress(bytes) + "/" + Limits.Ipv6RateLimitPrefixBits;
    }
}
