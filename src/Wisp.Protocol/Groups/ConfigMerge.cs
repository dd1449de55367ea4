using Wisp.Crypto.Hashing;
using Wisp.Crypto.Keys;
using Wisp.Protocol.Bencode;

namespace Wisp.Protocol.Groups;

/// <summary>
/// libsession's loading of several config messages into one (the <c>ConfigMessage</c> constructor over a list): drop
/// messages another already includes, duplicates and ones <c>lag</c> or more seqnos behind the newest; if one is left,
/// become it; otherwise replay every known diff in (seqno, hash) order over the newest data, giving seqno max + 1.
/// A reader that can verify but not sign cannot publish a merge, so it keeps the highest (seqno, hash) message.
/// </summary>
internal static class ConfigMerge
{
    /// <summary>
    /// Loads plaintext messages. <paramref name="onError"/> hears of each input that does not parse or verify (by index);
    /// <paramref name="mutable"/> gives libsession's MutableConfigMessage, which starts the next seqno when unmerged.
    /// </summary>
    /// <exception cref="ConfigFormatException">No input was valid.</exception>
    public static ConfigMessage Load(
        IReadOnlyList<ReadOnlyMemory<byte>> serialized,
        Ed25519PublicKey? verifier,
        Ed25519KeyPair? signer,
        int lag,
        Action<int, ConfigFormatException> onError,
        bool mutable)
    {
        var configs = new List<(ConfigMessage Message, int Index, bool Redundant)>();
        for (var i = 0; i < serialized.Count; i++)
        {
            try
            {
                configs.Add((ConfigMessage.Parse(serialized[i], verifier, signer, lag), i, false));
            }
            catch (ConfigFormatException e)
            {
                onError(i, e);
            }
        }
        if (configs.Count == 0)
            throw new ConfigFormatException("Config initialization failed: no valid config messages given");

        var maxSeqno = configs.Max(c => c.Message.Seqno);
        for (var i = 0; i < configs.Count; i++)
        {
            var mine = configs[i].Message;
            var redundant = false;
            for (var j = 0; !redundant && j < configs.Count; j++)
            {
                if (i == j)
                    continue;
                var other = configs[j].Message;
                redundant = other.Lagged.ContainsKey(mine.Id) || (j < i && other.Id.Equals(mine.Id));
            }
            configs[i] = configs[i] with { Redundant = redundant || mine.Seqno + lag <= maxSeqno };
        }

        var current = configs.Where(c => !c.Redundant).ToList();
        ConfigMessage result;
        if (current.Count == 1)
            result = Become(current[0]);
        else if (verifier is not null && signer is null)
            result = Become(configs.OrderBy(c => !c.Redundant).ThenBy(c => c.Message.Id).Last());
        else
        {
            result = Replay(current.Select(c => c.Message).ToList(), maxSeqno, verifier, signer, lag);
            if (mutable)
                result.OriginalData = result.Data.CloneDict();
            return result;
        }
        if (mutable)
            result.IncrementInPlace();
        return result;

        static ConfigMessage Become((ConfigMessage Message, int Index, bool Redundant) chosen)
        {
            // libsession records the index among the parsed inputs; Wisp records the index among all inputs, so that
            // the caller's list of storage hashes lines up even when an earlier input failed to parse.
            chosen.Message.UnmergedIndex = chosen.Index;
            return chosen.Message;
        }
    }

    private static ConfigMessage Replay(
        List<ConfigMessage> configs, long maxSeqno, Ed25519PublicKey? verifier, Ed25519KeyPair? signer, int lag)
    {
        // Newest first, so that when two messages carry the same diff, the newer one's data supplies the values.
        configs.Sort((a, b) => b.Id.CompareTo(a.Id));
        var merged = new ConfigMessage { Lag = lag, Verifier = verifier, Signer = signer, Seqno = maxSeqno + 1 };
        merged.Data = configs[0].Data.CloneDict();

        var replay = new SortedDictionary<SeqnoHash, (ConfigDict Source, BencodeDictionary Diff)>();
        foreach (var config in configs)
        {
            replay.TryAdd(config.Id, (config.Data, config.Diff));
            foreach (var (id, diff) in config.Lagged)
                replay.TryAdd(id, (config.Data, diff));
        }
        foreach (var (id, (source, diff)) in replay)
        {
            ConfigDiff.Apply(merged.Data, diff, source);
            merged.Lagged.TryAdd(id, diff);
        }
        merged.Data.Prune();
        merged.UnmergedIndex = -1;
        merged.Hash = Blake2b.Hash(merged.SerializeWith(merged.Diff), ConfigMessage.HashBytes);
        return merged;
    }
}
