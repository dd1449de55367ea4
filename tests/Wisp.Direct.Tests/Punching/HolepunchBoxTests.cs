using System.Net;
using Wisp.Crypto;
using Wisp.Protocol.Direct;

namespace Wisp.Direct.Tests.Punching;

/// <summary>The sealed hole-punch payload: read back whole, and refused when tampered, misaddressed or malformed.</summary>
public sealed class HolepunchBoxTests
{
    private static readonly byte[] Hash = RandomBytes.Get(64);

    private static HolepunchPayload Full() => new()
    {
        Flags = HolepunchFlags.Punching | HolepunchFlags.Relay,
        Error = HolepunchError.None,
        Firewall = 2,
        Round = 2,
        Addresses = [IPEndPoint.Parse("203.0.113.7:49737"), IPEndPoint.Parse("192.168.1.20:49737"), IPEndPoint.Parse("[2001:db8::1]:5")],
        RemoteAddress = IPEndPoint.Parse("198.51.100.1:6000"),
        Token = RandomBytes.Get(32),
        RemoteToken = RandomBytes.Get(32),
        RelayAddress = IPEndPoint.Parse("198.51.100.9:443"),
        RelayToken = RandomBytes.Get(32),
    };

    [Fact]
    public void A_sealed_payload_opens_to_the_same_fields()
    {
        var key = HolepunchBox.DeriveKey(Hash);
        var payload = Full();

        var box = HolepunchBox.Seal(key, 77, payload);

        Assert.True(HolepunchBox.TryReadId(box, out var id));
        Assert.Equal(77u, id);
        Assert.True(HolepunchBox.TryOpen(key, box, out var opened));
        Assert.Equal((payload.Flags, payload.Firewall, payload.Round), (opened.Flags, opened.Firewall, opened.Round));
        Assert.Equal(payload.Addresses, opened.Addresses);
        Assert.Equal((payload.RemoteAddress, payload.RelayAddress), (opened.RemoteAddress, opened.RelayAddress));
        Assert.Equal(payload.Token, opened.Token);
        Assert.Equal(payload.RemoteToken, opened.RemoteToken);
        Assert.Equal(payload.RelayToken, opened.RelayToken);
    }

    [Fact]
    public void A_flipped_bit_a_changed_slot_id_or_another_sessions_key_is_refused()
    {
        var key = HolepunchBox.DeriveKey(Hash);
        var box = HolepunchBox.Seal(key, 77, Full());

        var flipped = (byte[])box.Clone();
        flipped[^1] ^= 1;
        var moved = (byte[])box.Clone();
        moved[0] ^= 1;

        Assert.False(HolepunchBox.TryOpen(key, flipped, out _));
        Assert.False(HolepunchBox.TryOpen(key, moved, out _));
        Assert.False(HolepunchBox.TryOpen(HolepunchBox.DeriveKey(RandomBytes.Get(64)), box, out _));
    }

    [Fact]
    public void Malformed_plaintexts_are_refused_not_thrown()
    {
        var good = HolepunchPayloadCodec.Write(Full());
        Assert.True(HolepunchPayloadCodec.TryRead(good, out _));
        for (var cut = 0; cut < good.Length; cut++)
            Assert.False(HolepunchPayloadCodec.TryRead(good.AsSpan(0, cut), out _));
        Assert.False(HolepunchPayloadCodec.TryRead([.. good, 0], out _));
        var tooMany = (byte[])good.Clone();
        tooMany[5] = HolepunchPayloadCodec.MaxAddresses + 1;
        Assert.False(HolepunchPayloadCodec.TryRead(tooMany, out _));
        var version = (byte[])good.Clone();
        version[0] = 2;
        Assert.False(HolepunchPayloadCodec.TryRead(version, out _));
    }

    [Fact]
    public void Nine_addresses_are_refused_when_writing() =>
        Assert.Throws<ArgumentException>(() => HolepunchPayloadCodec.Write(Full() with
        {
            Addresses = Enumerable.Range(1, 9).Select(i => new IPEndPoint(IPAddress.Loopback, i)).ToList(),
        }));
}
