using Wisp.Crypto.DeviceGroups;
using Wisp.Protocol.Devices;

namespace Wisp.Protocol.Tests.Devices;

/// <summary>The group identifier: layout and its encryption in a message's "@".</summary>
public sealed class DeviceGroupIdTests
{
    [Fact]
    public void Create_writes_minutes_little_endian_then_the_random_half()
    {
        var id = DeviceGroupId.Create(1_796_324_400 + 59, Convert.FromHexString("a1b2c3d4"));
        Assert.Equal(DeviceVectors.Text("group_id"), id.ToHex());
    }

    [Fact]
    public void Encryption_uses_the_specified_key_and_nonce_and_undoes_itself()
    {
        var id = DeviceVectors.Bytes("group_id");
        var a = DeviceVectors.Bytes("ephemeral_public");
        var seed = DeviceVectors.Bytes("account_seed");
        var expected = new byte[8];
        DeviceGroupPrimitives.XChaCha20Xor(expected, id, DeviceVectors.Bytes("group_id_nonce"), DeviceVectors.Bytes("group_id_key"));

        var encrypted = DeviceGroupId.Crypt(id, a, seed);

        Assert.Equal(expected, encrypted);
        Assert.Equal(id, DeviceGroupId.Crypt(encrypted, a, seed));
        Assert.NotEqual(encrypted, DeviceGroupId.Crypt(id, a, new byte[32]));
    }
}
