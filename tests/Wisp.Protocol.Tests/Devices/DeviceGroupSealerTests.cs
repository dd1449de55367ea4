using Wisp.Crypto.Keys;
using Wisp.Protocol.Devices;

namespace Wisp.Protocol.Tests.Devices;

/// <summary>Sealing and opening group messages: the properties libsession's test_core_devices.cpp asserts, and more.</summary>
public sealed class DeviceGroupSealerTests : IDisposable
{
    private readonly Ed25519KeyPair _account = Ed25519KeyPair.FromSeed(Enumerable.Repeat((byte)0x11, 32).ToArray());
    private readonly DeviceKeys[] _keys = [.. Enumerable.Range(1, 5).Select(i => DeviceTestData.Keys((byte)i))];
    private readonly DeviceGroupId _group = DeviceGroupId.Create(1_796_324_400, [1, 2, 3, 4]);
    private readonly byte[] _link = new byte[32];

    public DeviceGroupSealerTests() => Crypto.DeviceGroups.DeviceGroupPrimitives.X25519Public(Enumerable.Repeat((byte)9, 32).ToArray(), _link);

    public void Dispose()
    {
        _account.Dispose();
        foreach (var k in _keys)
            k.Dispose();
    }

    private DeviceGroupPayload Payload(int devices, params DeviceEntry[] extra) => new(
        [.. Enumerable.Range(0, devices).Select(i => DeviceEntry.Live(DeviceTestData.Record((byte)(0xA0 + i), _keys[i]))), .. extra],
        [DeviceTestData.AccountKey(7)]);

    private byte[] Seal(DeviceGroupPayload payload, RandomFill? random = null) =>
        DeviceGroupSealer.Seal(payload, _group, _link, _account, random ?? Crypto.RandomBytes.Fill);

    private DeviceGroupMessage Decode(byte[] sealed_)
    {
        var message = DeviceGroupMessage.TryDecode(sealed_, _account.PublicKey, out var error);
        Assert.True(message is not null, error);
        return message;
    }

    [Fact]
    public void Every_registered_device_opens_it_and_reads_the_payload()
    {
        var payload = Payload(3);
        var message = Decode(Seal(payload));
        for (var i = 0; i < 3; i++)
        {
            var plaintext = DeviceGroupSealer.TryOpen(message, [_keys[i]]);
            Assert.NotNull(plaintext);
            Assert.Equal(payload.Encode(), DeviceGroupPayload.TryDecode(plaintext, out _)!.Encode());
        }
        Assert.Null(DeviceGroupSealer.TryOpen(message, [_keys[3]]));
        Assert.Equal(_group, DeviceGroupSealer.GroupOf(message, _account.Seed));
        Assert.Equal(_link, message.LinkX25519);
    }

    [Fact]
    public void Payload_is_2300_plus_6400_plus_the_tag_and_one_to_four_devices_look_the_same()
    {
        var sizes = Enumerable.Range(1, 5).Select(n => Decode(Seal(Payload(n)))).ToList();
        Assert.Equal(2300 + 6400 + 16, sizes[0].Payload.Length);
        Assert.Single(sizes.Take(4).Select(m => (m.Payload.Length, m.Ciphertexts.Length, m.Keys.Length)).Distinct());
        Assert.Equal(4 * 1088, sizes[0].Ciphertexts.Length);
        Assert.Equal(4 * 34, sizes[0].Keys.Length);
        Assert.Equal(8 * 1088, sizes[4].Ciphertexts.Length);
    }

    [Fact]
    public void A_removed_device_gets_no_slot_but_finds_itself_in_kicked()
    {
        var removedId = Enumerable.Repeat((byte)0xA4, 32).ToArray();
        var withRemoval = Decode(Seal(Payload(4, DeviceEntry.Gone(removedId, DeviceState.Removed, 1_796_324_000))));
        var without = Decode(Seal(Payload(4)));

        Assert.Equal(without.Ciphertexts.Length, withRemoval.Ciphertexts.Length); // still four recipients, not eight
        Assert.Null(DeviceGroupSealer.TryOpen(withRemoval, [_keys[4]]));
        Assert.Equal(4 * 16, withRemoval.Kicked.Length);
        Assert.True(DeviceGroupSealer.NamesKicked(withRemoval, _account.Seed, removedId));
        Assert.False(DeviceGroupSealer.NamesKicked(withRemoval, _account.Seed, Enumerable.Repeat((byte)0xA0, 32).ToArray()));
        Assert.Empty(without.Kicked);
        // The tombstone is in the payload the others read.
        var read = DeviceGroupPayload.TryDecode(DeviceGroupSealer.TryOpen(withRemoval, [_keys[0]]), out _)!;
        Assert.Contains(read.Devices, d => d.State == DeviceState.Removed && d.Id.SequenceEqual(removedId));
    }

    [Fact]
    public void A_left_device_is_not_announced_in_kicked()
    {
        var leftId = Enumerable.Repeat((byte)0xA4, 32).ToArray();
        var message = Decode(Seal(Payload(1, DeviceEntry.Gone(leftId, DeviceState.Left, 1_796_324_000))));
        Assert.False(DeviceGroupSealer.NamesKicked(message, _account.Seed, leftId));
    }

    [Fact]
    public void Kicked_entries_match_the_independent_formula()
    {
        var entry = new byte[16];
        DeviceGroupSealer.KickedEntry(DeviceVectors.Bytes("ephemeral_public"), DeviceVectors.Bytes("account_seed"), DeviceVectors.Bytes("device_id"), entry);
        Assert.Equal(DeviceVectors.Text("kicked_entry"), Convert.ToHexStringLower(entry));
    }

    [Fact]
    public void Fixed_randomness_gives_the_same_bytes_and_a_recent_key_still_opens()
    {
        var payload = Payload(2);
        var first = Seal(payload, DeviceTestData.Counter());
        Assert.Equal(first, Seal(payload, DeviceTestData.Counter()));
        Assert.NotEqual(first, Seal(payload));
        // A device tries every key it still holds: a message sealed to its previous key opens after a rotation.
        Assert.NotNull(DeviceGroupSealer.TryOpen(Decode(first), [_keys[4], _keys[1]]));
    }

    [Fact]
    public void A_tampered_or_foreign_message_is_refused_before_decryption()
    {
        var sealed_ = Seal(Payload(1));
        sealed_[100] ^= 1;
        Assert.Null(DeviceGroupMessage.TryDecode(sealed_, _account.PublicKey, out var error));
        Assert.Contains("signature", error, StringComparison.Ordinal);
        using var other = Ed25519KeyPair.FromSeed(new byte[32]);
        Assert.Null(DeviceGroupMessage.TryDecode(Seal(Payload(1)), other.PublicKey, out _));
        Assert.Equal("G", DeviceGroupMessage.KindOf(Seal(Payload(1))));
    }

    [Fact]
    public void Uses_libsessions_outer_keys()
    {
        var removedId = Enumerable.Repeat((byte)0xA4, 32).ToArray();
        var sealed_ = Seal(Payload(1, DeviceEntry.Gone(removedId, DeviceState.Removed, 5)));
        var dict = (Bencode.BencodeDictionary)Bencode.BencodeReader.Decode(sealed_).Value!;
        Assert.Equal(["", "@", "A", "C", "K", "X", "d", "k", "~"], dict.Entries.Select(e => System.Text.Encoding.ASCII.GetString(e.Key.Span)));
    }
}
