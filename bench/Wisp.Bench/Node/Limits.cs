using System.Diagnostics;
using Wisp.Protocol.Storage;

namespace Wisp.Bench.Node;

/// <summary>libsodium's own limit for the work a store adds: its message hash (BLAKE2b-256 of 33 + 300 bytes), per core.</summary>
internal static class HashRate
{
    public static double Measure(TimeSpan duration)
    {
        var pubkey = StoragePubkey.FromBytes([0x05, .. new byte[32]]);
        var data = new byte[Storage.RequestBodies.StoreDataBytes];
        Random.Shared.NextBytes(data);
        if (MessageHash.Compute(pubkey, 0, data) == MessageHash.Compute(pubkey, 0, data.AsSpan(1)))
            throw new InvalidOperationException("Correctness check failed: two different messages hash alike.");
        long count = 0;
        var started = Stopwatch.GetTimestamp();
        var until = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < until)
        {
            for (var i = 0; i < 256; i++) _ = MessageHash.Compute(pubkey, 0, data);
            count += 256;
        }
        return count / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }
}
