using System.Security.Cryptography;

namespace Wisp.Crypto.Ratchet;

/// <summary>
/// Message keys derived for messages not yet received (Signal's MKSKIPPED), keyed by the sender's ratchet key and
/// N, oldest first, bounded by <see cref="RatchetLimits.MaxStoredSkippedKeys"/>: the oldest is dropped to make room.
/// </summary>
internal sealed class SkippedMessageKeys
{
    private readonly List<Entry> _entries = [];

    internal readonly record struct Entry(byte[] DhPublicKey, uint MessageNumber, byte[] MessageKey);

    public int Count => _entries.Count;

    public IReadOnlyList<Entry> Entries => _entries;

    public void Add(ReadOnlySpan<byte> dhPublicKey, uint messageNumber, ReadOnlySpan<byte> messageKey)
    {
        if (_entries.Count >= RatchetLimits.MaxStoredSkippedKeys)
        {
            CryptographicOperations.ZeroMemory(_entries[0].MessageKey);
            _entries.RemoveAt(0);
        }
        _entries.Add(new Entry(dhPublicKey.ToArray(), messageNumber, messageKey.ToArray()));
    }

    /// <summary>Removes and returns the key for (ratchet key, N), if kept.</summary>
    public byte[]? Take(ReadOnlySpan<byte> dhPublicKey, uint messageNumber)
    {
        for (var i = 0; i < _entries.Count; i++)
        {
            var entry = _entries[i];
            if (entry.MessageNumber == messageNumber && entry.DhPublicKey.AsSpan().SequenceEqual(dhPublicKey))
            {
                _entries.RemoveAt(i);
                return entry.MessageKey;
            }
        }
        return null;
    }

    public SkippedMessageKeys Clone()
    {
        var copy = new SkippedMessageKeys();
        foreach (var entry in _entries)
            copy._entries.Add(entry with { MessageKey = (byte[])entry.MessageKey.Clone() });
        return copy;
    }

    public void Clear()
    {
        foreach (var entry in _entries)
            CryptographicOperations.ZeroMemory(entry.MessageKey);
        _entries.Clear();
    }
}
