using System.Buffers.Binary;

namespace Wisp.Protocol.Devices;

/// <summary>
/// Short authentication strings as emoji: 21 six-bit indices read from a 16-byte seed taken as a little-endian
/// 128-bit integer (index 0 the lowest 6 bits), each naming one of Matrix's 64 SAS emoji. A link request shows the
/// first 7, a group identifier the first 4; all 21 are the extended view.
/// </summary>
public static class SasEmoji
{
    /// <summary>Emoji in a full SAS.</summary>
    public const int Count = 21;

    /// <summary>Emoji shown for a link request.</summary>
    public const int LinkCount = 7;

    /// <summary>Emoji shown for a group identifier.</summary>
    public const int GroupCount = 4;

    /// <summary>Seed length in bytes.</summary>
    public const int SeedBytes = 16;

    /// <summary>
    /// The 64 emoji of the Matrix client-server API's SAS method (spec v1.17, "SAS method: emoji"), in index order,
    /// as libsession's <c>SAS_EMOJI</c> lists them (with the variation selector where Matrix has one).
    /// </summary>
    public static IReadOnlyList<string> Table { get; } =
    [
        "🐶", "🐱", "🦁", "🐎", "🦄", "🐷", "🐘", "🐰",
        "🐼", "🐓", "🐧", "🐢", "🐟", "🐙", "🦋", "🌷",
        "🌳", "🌵", "🍄", "🌏", "🌙", "☁️", "🔥", "🍌",
        "🍎", "🍓", "🌽", "🍕", "🎂", "❤️", "😀", "🤖",
        "🎩", "👓", "🔧", "🎅", "👍", "☂️", "⌛", "⏰",
        "🎁", "💡", "📕", "✏️", "📎", "✂️", "🔒", "🔑",
        "🔨", "☎️", "🏁", "🚂", "🚲", "✈️", "🚀", "🏆",
        "⚽", "🎸", "🎺", "🔔", "⚓", "🎧", "📁", "📌",
    ];

    /// <summary>The 21 indices (0–63) of a 16-byte seed.</summary>
    public static int[] Indices(ReadOnlySpan<byte> seed)
    {
        if (seed.Length != SeedBytes)
            throw new ArgumentException($"A SAS seed is {SeedBytes} bytes; got {seed.Length}.", nameof(seed));
        var value = BinaryPrimitives.ReadUInt128LittleEndian(seed);
        var indices = new int[Count];
        for (var k = 0; k < Count; k++)
            indices[k] = (int)((value >> (6 * k)) & 0x3F);
        return indices;
    }

    /// <summary>The 21 emoji of a 16-byte seed.</summary>
    public static string[] FromSeed(ReadOnlySpan<byte> seed) => [.. Indices(seed).Select(i => Table[i])];

    /// <summary>The first <paramref name="count"/> emoji joined by spaces (the standard display).</summary>
    public static string Format(IReadOnlyList<string> emoji, int count) => string.Join(' ', emoji.Take(count));

    /// <summary>All 21 as three lines of seven (the extended display).</summary>
    public static string FormatExtended(IReadOnlyList<string> emoji) =>
        string.Join('\n', Enumerable.Range(0, 3).Select(line => string.Join(' ', emoji.Skip(7 * line).Take(7))));
}
