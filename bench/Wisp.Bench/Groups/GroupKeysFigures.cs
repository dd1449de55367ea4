using System.Diagnostics;
using Wisp.Crypto.Keys;
using Wisp.Protocol.Groups;
using Wisp.Protocol.Storage;

namespace Wisp.Bench.Groups;

/// <summary>The admin's and a member's side of a key rotation for one group size, measured in this process.</summary>
internal static class GroupKeysFigures
{
    public sealed record Figures(int MessageBytes, double RekeyMs, double GrantsMs, double UnwrapMs);

    public static Figures Measure(int n)
    {
        using var group = Ed25519KeyPair.Generate();
        var members = Enumerable.Range(0, n).Select(_ => Ed25519KeyPair.Generate()).ToList();
        try
        {
            var ids = members.Select(m => m.AccountId).ToList();
            var rekey = GroupKeys.Rekey(group, ids, 1); // warm-up, and the message whose size is reported
            var runs = Math.Max(3, 300 / n);
            var rekeyMs = Median(runs, g => GroupKeys.Rekey(group, ids, g + 2));
            var grantsMs = Median(3, _ => ids.ForEach(id => GroupSubaccount.Make(group, id)));
            // The member whose entry comes last tries every entry before its own: the worst case.
            var last = members.OrderBy(m => m.AccountId.Hex, StringComparer.Ordinal).Last();
            var parsed = GroupKeysMessage.Parse(rekey.Message, group.PublicKey).Message!;
            if (!parsed.UnwrapForMember(last, 0).Any())
                throw new InvalidOperationException("groups bench check failed: the last member cannot unwrap its key");
            var unwrapMs = Median(Math.Max(5, 3000 / n), _ => GroupKeysMessage.Parse(rekey.Message, group.PublicKey).Message!.UnwrapForMember(last, 0));
            Console.WriteLine($"Group of {n:N0}: keys message {rekey.Message.Length:N0} B ({(rekey.Message.Length <= StorageLimits.MaxMessageBytes ? "fits" : "DOES NOT FIT")} the {StorageLimits.MaxMessageBytes:N0}-B store limit); rotate {rekeyMs:F1} ms; {n:N0} grants {grantsMs:F1} ms; parse + unwrap (last member) {unwrapMs:F3} ms.");
            return new Figures(rekey.Message.Length, rekeyMs, grantsMs, unwrapMs);
        }
        finally
        {
            foreach (var member in members)
                member.Dispose();
        }
    }

    /// <summary>The keys message at Wisp's ceiling and one member past it.</summary>
    public static void PrintCeiling()
    {
        using var group = Ed25519KeyPair.Generate();
        var ids = Enumerable.Range(0, GroupKeyLimits.MaxMembers).Select(_ => { using var k = Ed25519KeyPair.Generate(); return k.AccountId; }).ToList();
        var size = GroupKeys.Rekey(group, ids, 1).Message.Length;
        Console.WriteLine($"Ceiling: {GroupKeyLimits.MaxMembers:N0} members → keys message {size:N0} B ({StorageLimits.MaxMessageBytes - size:N0} B under the limit); "
            + $"{GroupKeyLimits.MaxMembers + 1:N0} would pad to {GroupKeyLimits.MaxMembers + GroupKeyLimits.MemberKeyMultiple:N0} entries (+{GroupKeyLimits.MemberKeyMultiple * 51:N0} B) and is refused.");
    }

    private static double Median(int runs, Action<int> action)
    {
        var times = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var started = Stopwatch.GetTimestamp();
            action(i);
            times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
        Array.Sort(times);
        return times[runs / 2];
    }
}
