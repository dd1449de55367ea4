using System.Net;
using Wisp.Protocol.Direct;

namespace Wisp.Protocol.Tests.Direct;

public class HandshakePayloadTests
{
    private static readonly IPEndPoint V4 = IPEndPoint.Parse("203.0.113.7:49737");
    private static readonly IPEndPoint V6 = IPEndPoint.Parse("[2001:db8::1]:443");

    private static HandshakePayload Full() => new(
        HandshakePayload.CurrentVersion, HandshakeError.None, FirewallClass.Consistent,
        [V4, IPEndPoint.Parse("192.168.1.20:5000"), V6],
        StreamId: 0xDEADBEEF,
        Holepunch: new HolepunchInfo(300, [new HolepunchRelay(IPEndPoint.Parse("198.51.100.1:10001"), V4)]),
        RelayThrough: new RelayThroughInfo(Enumerable.Repeat((byte)0xAA, 32).ToArray(), Enumerable.Repeat((byte)0xBB, 32).ToArray()),
        RelayAddresses: [IPEndPoint.Parse("198.51.100.2:10001")]);

    private static void AssertSame(HandshakePayload expected, HandshakePayload actual)
    {
        Assert.Equal(expected.Version, actual.Version);
        Assert.Equal(expected.Error, actual.Error);
        Assert.Equal(expected.Firewall, actual.Firewall);
        Assert.Equal(expected.Addresses, actual.Addresses);
        Assert.Equal(expected.StreamId, actual.StreamId);
        Assert.Equal(expected.Holepunch?.Id, actual.Holepunch?.Id);
        Assert.Equal(expected.Holepunch?.Relays, actual.Holepunch?.Relays);
        Assert.Equal(expected.RelayThrough?.PublicKey, actual.RelayThrough?.PublicKey);
        Assert.Equal(expected.RelayThrough?.Token, actual.RelayThrough?.Token);
        Assert.Equal(expected.RelayAddresses ?? [], actual.RelayAddresses ?? []);
    }

    [Fact]
    public void TheSmallestPayloadIsFourBytes()
    {
        var payload = new HandshakePayload(1, HandshakeError.None, FirewallClass.Unknown, []);
        Assert.Equal("01000000", Convert.ToHexStringLower(payload.Write()));
    }

    [Fact]
    public void TheLayoutIsExact()
    {
        var payload = new HandshakePayload(1, HandshakeError.TryLater, FirewallClass.Open, [V4], StreamId: 7);
        // version 1, flags addresses|stream id = 6, error 3, firewall 1, one address (family 4, ip, port LE), id LE.
        Assert.Equal("0106030101" + "04cb00710749c2" + "07000000", Convert.ToHexStringLower(payload.Write()));
    }

    [Fact]
    public void EveryFieldRoundTrips()
    {
        var payload = Full();
        var read = HandshakePayload.Read(payload.Write());
        Assert.True(read.Ok, read.Message);
        AssertSame(payload, read.Payload!);
    }

    [Fact]
    public void AFullPayloadFitsTheLimit()
    {
        var many = Enumerable.Range(0, HandshakePayloadLimits.MaxAddresses).Select(i => new IPEndPoint(V6.Address, 60000 + i)).ToList();
        var relays = Enumerable.Range(0, HandshakePayloadLimits.MaxRelays).Select(_ => new HolepunchRelay(V6, V6)).ToList();
        var payload = Full() with
        {
            Version = uint.MaxValue,
            Addresses = many,
            Holepunch = new HolepunchInfo(uint.MaxValue, relays),
            RelayAddresses = many.Take(HandshakePayloadLimits.MaxRelayAddresses).ToList(),
        };
        var bytes = payload.Write();
        Assert.True(bytes.Length <= HandshakePayloadLimits.MaxBytes, $"{bytes.Length} bytes");
        var read = HandshakePayload.Read(bytes);
        Assert.True(read.Ok, read.Message);
        AssertSame(payload, read.Payload!);
    }

    [Fact]
    public void EveryTruncationIsRefusedAsTruncated()
    {
        var bytes = Full().Write();
        for (var length = 0; length < bytes.Length; length++)
        {
            var read = HandshakePayload.Read(bytes.AsSpan(0, length));
            Assert.False(read.Ok);
            Assert.Equal(HandshakePayloadReadError.Truncated, read.Error);
        }
    }

    [Theory]
    [InlineData("01000000ff", HandshakePayloadReadError.TrailingBytes)]
    [InlineData("01200000", HandshakePayloadReadError.UnknownFlags)]
    [InlineData("01000500", HandshakePayloadReadError.BadValue)]
    [InlineData("01000004", HandshakePayloadReadError.BadValue)]
    [InlineData("fd0100000000", HandshakePayloadReadError.BadNumber)]
    [InlineData("fe01000000000000", HandshakePayloadReadError.BadNumber)]
    [InlineData("010200000105cb00710749c2", HandshakePayloadReadError.BadAddress)]
    [InlineData("0102000011", HandshakePayloadReadError.TooMany)]
    [InlineData("01010000000901", HandshakePayloadReadError.TooMany)]
    [InlineData("01020000ff0000000000000001", HandshakePayloadReadError.TooMany)]
    public void MalformedPayloadsAreRefusedWithTheirReason(string hex, HandshakePayloadReadError expected)
    {
        var read = HandshakePayload.Read(Convert.FromHexString(hex));
        Assert.False(read.Ok);
        Assert.Null(read.Payload);
        Assert.Equal(expected, read.Error);
        Assert.NotEmpty(read.Message);
    }

    [Fact]
    public void AnOversizedPayloadIsRefusedBeforeParsing()
    {
        var read = HandshakePayload.Read(new byte[HandshakePayloadLimits.MaxBytes + 1]);
        Assert.Equal(HandshakePayloadReadError.TooLarge, read.Error);
    }

    [Fact]
    public void WritingMoreThanTheLimitsIsAProgrammingError()
    {
        var tooMany = Enumerable.Repeat(V4, HandshakePayloadLimits.MaxAddresses + 1).ToList();
        Assert.Throws<ArgumentException>(() => (Full() with { Addresses = tooMany }).Write());
        Assert.Throws<ArgumentException>(() => (Full() with { RelayThrough = new RelayThroughInfo(new byte[31], new byte[32]) }).Write());
    }

    [Fact]
    public void Ipv4MappedAddressesTravelAsIpv4()
    {
        var mapped = new IPEndPoint(V4.Address.MapToIPv6(), V4.Port);
        var read = HandshakePayload.Read(new HandshakePayload(1, HandshakeError.None, FirewallClass.Open, [mapped]).Write());
        Assert.Equal(V4, read.Payload!.Addresses.Single());
    }
}
