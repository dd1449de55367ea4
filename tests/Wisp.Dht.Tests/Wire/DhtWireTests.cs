using System.Net;
using Wisp.Protocol.Dht;

namespace Wisp.Dht.Tests.Wire;

/// <summary>Each DHT wire record reads what it writes, and refuses bytes that are not one without throwing.</summary>
public sealed class DhtWireTests
{
    private static readonly IPEndPoint Somewhere = new(IPAddress.Parse("192.0.2.7"), 49737);

    [Fact]
    public void ARequest_RoundTrips_WithEveryField()
    {
        var request = new DhtRequest(0xBEEF, Somewhere, Filled(1), Filled(2), DhtCommand.Announce, Filled(3), [4, 5, 6]);

        var parsed = DhtRequest.Parse(request.Encode());

        Assert.NotNull(parsed);
        Assert.Equal(request.Tid, parsed.Tid);
        Assert.Equal(Somewhere, parsed.To);
        Assert.Equal(request.Id, parsed.Id);
        Assert.Equal(request.Token, parsed.Token);
        Assert.Equal(DhtCommand.Announce, parsed.Command);
        Assert.Equal(request.Target, parsed.Target);
        Assert.Equal(request.Value, parsed.Value);
    }

    [Fact]
    public void AResponse_RoundTrips_WithCloserNodesAndAnError()
    {
        var response = new DhtResponse(7, Somewhere, null, Filled(9), [Somewhere, new IPEndPoint(IPAddress.Loopback, 1)], DhtError.InvalidToken, null);

        var parsed = DhtResponse.Parse(response.Encode());

        Assert.NotNull(parsed);
        Assert.Equal(DhtError.InvalidToken, parsed.Error);
        Assert.Equal(response.CloserNodes, parsed.CloserNodes);
        Assert.Null(parsed.Id);
        Assert.Null(parsed.Value);
    }

    [Fact]
    public void AddressesAreSixBytes_PortLittleEndian()
    {
        Assert.Equal(new byte[] { 192, 0, 2, 7, 0x49, 0xC2 }, DhtAddress.ToBytes(Somewhere));
    }

    [Fact]
    public void TruncatedOrPaddedDatagrams_AreNotRequests()
    {
        var bytes = new DhtRequest(1, Somewhere, null, null, DhtCommand.Lookup, Filled(3), [1, 2]).Encode();

        for (var length = 0; length < bytes.Length; length++)
            Assert.Null(DhtRequest.Parse(bytes.AsSpan(0, length)));
        Assert.Null(DhtRequest.Parse([.. bytes, 0]));
    }

    [Fact]
    public void RandomBytes_NeverThrow()
    {
        var random = new Random(42);
        for (var i = 0; i < 20_000; i++)
        {
            var bytes = new byte[random.Next(0, 200)];
            random.NextBytes(bytes);
            if (bytes.Length > 0) bytes[0] = (i & 1) == 0 ? DhtRequest.Magic : DhtResponse.Magic;
            DhtRequest.Parse(bytes);
            DhtResponse.Parse(bytes);
            PeerEnvelope.Parse(bytes);
            AnnounceMessage.Parse(bytes);
            LookupReply.Parse(bytes);
        }
    }

    [Fact]
    public void MoreCloserNodesThanK_IsNotAResponse()
    {
        var response = new DhtResponse(7, Somewhere, null, null, [.. Enumerable.Repeat(Somewhere, DhtLimits.MaxCloserNodes)], DhtError.None, null).Encode();
        response[DhtAddress.Bytes + 4] = DhtLimits.MaxCloserNodes + 1; // the count byte follows magic, flags, tid and to

        Assert.Null(DhtResponse.Parse(response));
    }

    [Fact]
    public void APeerRecord_WithMoreThanThreeRelays_IsRefused()
    {
        var record = new PeerRecordWire(Filled(1), [Somewhere, Somewhere, Somewhere]).Encode();
        record[DhtLimits.IdBytes] = 4;

        Assert.Null(PeerRecordWire.Parse([.. record, .. DhtAddress.ToBytes(Somewhere)]));
        Assert.Throws<ArgumentException>(() => new PeerRecordWire(Filled(1), [Somewhere, Somewhere, Somewhere, Somewhere]).Encode());
    }

    [Fact]
    public void APeerEnvelope_RoundTrips_AndCapsItsValue()
    {
        var envelope = new PeerEnvelope(PeerMode.FromRelay, Somewhere, [1, 2, 3]);

        var parsed = PeerEnvelope.Parse(envelope.Encode());

        Assert.NotNull(parsed);
        Assert.Equal(PeerMode.FromRelay, parsed.Mode);
        Assert.Equal(Somewhere, parsed.PeerAddress);
        Assert.Equal(new byte[] { 1, 2, 3 }, parsed.Value);
        Assert.Throws<ArgumentException>(() => new PeerEnvelope(PeerMode.FromClient, null, new byte[DhtLimits.MaxPeerValueBytes + 1]).Encode());
    }

    private static byte[] Filled(byte b) => Enumerable.Repeat(b, 32).ToArray();
}
