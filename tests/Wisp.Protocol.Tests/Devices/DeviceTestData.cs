using Wisp.Protocol.Devices;

namespace Wisp.Protocol.Tests.Devices;

/// <summary>Devices with real keys for round trips.</summary>
internal static class DeviceTestData
{
    public static DeviceKeys Keys(byte fill) => DeviceKeys.FromSeed(Enumerable.Repeat(fill, 32).Select(b => b).ToArray());

    public static DeviceRecord Record(byte idFill, DeviceKeys keys, long seq = 1, string description = "test device") =>
        new(Enumerable.Repeat(idFill, 32).ToArray(), seq, 1_796_324_400, keys.MlKemPublic, keys.X25519Public, description, DeviceRecord.CliType,
            DeviceRecord.EncodeVersion(0, 16, 0), []);

    public static AccountKeySeedEntry AccountKey(byte fill, long created = 1_796_324_000, long? rotated = null) =>
        new(Enumerable.Repeat(fill, 32).ToArray(), created, rotated);

    /// <summary>A deterministic "random" stream: each call continues a counter, so a seal is reproducible.</summary>
    public static RandomFill Counter()
    {
        byte next = 1;
        return buffer =>
        {
            for (var i = 0; i < buffer.Length; i++)
                buffer[i] = next++;
        };
    }
}
