using System.Buffers.Binary;
using System.Net;
using Wisp.Dht.Routing;
using Wisp.Protocol.Dht;

namespace Wisp.Dht;

// The dispatcher of incoming requests: one line per command; the logic lives in the other parts.
public sealed partial class DhtNode
{
    private void OnRequest(DhtRequest request, IPEndPoint from)
    {
        if (request.Id is not null) Saw(request.Id, from);
        var target = request.Target is null ? (DhtId?)null : DhtId.FromBytes(request.Target);
        switch (request.Command)
        {
            case DhtCommand.Ping:
                Reply(request, from, null, null);
                break;
            case DhtCommand.PingNat:
                OnPingNat(request, from);
                break;
            case DhtCommand.FindNode when target is { } t:
                Reply(request, from, null, Closer(t, from));
                break;
            case DhtCommand.DownHint:
                OnDownHint(request, from);
                break;
            case DhtCommand.Lookup when target is { } t:
                Reply(request, from, _rpc.Tokens.Create(from.Address), Closer(t, from), value: LookupValue(t));
                break;
            case DhtCommand.FindPeer when target is { } t:
                Reply(request, from, _rpc.Tokens.Create(from.Address), Closer(t, from), value: _forwards.Get(t)?.Record.Encode());
                break;
            case DhtCommand.Announce or DhtCommand.Unannounce when target is { } t:
                Reply(request, from, _rpc.Tokens.Create(from.Address), Closer(t, from), OnAnnounce(request, t, from));
                break;
            case DhtCommand.PeerHandshake or DhtCommand.PeerHolepunch when target is { } t:
                OnPeerMessage(request, t, from);
                break;
            default:
                Reply(request, from, null, null, DhtError.UnknownCommand);
                break;
        }
    }

    private void Reply(DhtRequest request, IPEndPoint to, byte[]? token, IReadOnlyList<IPEndPoint>? closer, DhtError error = DhtError.None, byte[]? value = null) =>
        _ = _rpc.ReplyAsync(to, request.Tid, token, closer, error, value).AsTask();

    /// <summary>The k closest nodes we know to <paramref name="target"/>, leaving out the asker.</summary>
    private List<IPEndPoint> Closer(DhtId target, IPEndPoint asker) =>
        [.. _table.Closest(target, Limits.K + 1).Select(c => c.EndPoint).Where(e => !e.Equals(asker)).Take(Limits.K)];

    // PING_NAT: reply to the port named in the value, at the asker's host, from our second socket: it arrives only if
    // that port takes datagrams from an address it never wrote to. No second socket: no answer (see DhtOptions).
    private void OnPingNat(DhtRequest request, IPEndPoint from)
    {
        if (_checkSocket is not { } check || request.Value is not { Length: 2 }) return;
        var port = BinaryPrimitives.ReadUInt16LittleEndian(request.Value);
        if (port == 0) return;
        var to = new IPEndPoint(from.Address, port);
        _ = check.SendAsync(new DhtResponse(request.Tid, to, null, null, null, DhtError.None, null).Encode(), to).AsTask();
    }

    // DOWN_HINT: someone found a node we gave out silent; check it ourselves rather than trust the hint.
    private void OnDownHint(DhtRequest request, IPEndPoint from)
    {
        Reply(request, from, null, null);
        if (request.Value is not { Length: DhtAddress.Bytes }) return;
        var suspect = _table.Get(Contact.IdOf(DhtAddress.Read(request.Value)));
        if (suspect is null) return;
        if (Interlocked.Increment(ref _downChecks) > Limits.MaxConcurrentDownChecks)
        {
            Interlocked.Decrement(ref _downChecks);
            return;
        }
        _ = CheckDownAsync(suspect);
    }

    private async Task CheckDownAsync(Contact suspect)
    {
        try
        {
            await CheckAliveAsync(suspect).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _downChecks);
        }
    }
}
