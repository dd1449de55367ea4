using Google.Protobuf;
using Wisp.Crypto.Sealing;
using Wisp.Protocol.Content;

namespace Wisp.Client.Communities;

/// <summary>A community message's content as Session's clients read it: text, the sender's claimed time, name and quote.</summary>
internal sealed record CommunityContentView(string? Text, long SentMs, string? SenderName, long? QuoteSentMs, string? QuoteAuthor, string? QuoteText);

/// <summary>
/// The <c>data</c> of a community post as Session's clients write it: a <see cref="Content"/> protobuf with a
/// <c>DataMessage{body, timestamp, profile, quote}</c>, padded (0x80, then zeros to a multiple of 160 bytes); the
/// post's <c>signature</c> is the blinded key's Ed25519 signature of these bytes. Pure: times are the caller's.
/// </summary>
internal static class CommunityContent
{
    /// <summary>The padded bytes of a text post; a reply when <paramref name="quoteSentMs"/> and <paramref name="quoteAuthor"/> are set.</summary>
    public static byte[] Text(string text, long sentMs, string? displayName, long? quoteSentMs, string? quoteAuthor, string? quoteText)
    {
        ArgumentNullException.ThrowIfNull(text);
        var data = new DataMessage { Body = text, Timestamp = (ulong)sentMs };
        if (quoteSentMs is { } quoted && quoteAuthor is not null)
        {
            data.Quote = new DataMessage.Types.Quote { Id = (ulong)quoted, Author = quoteAuthor };
            if (quoteText is not null)
                data.Quote.Text = quoteText;
        }
        if (!string.IsNullOrEmpty(displayName))
            data.Profile = new LokiProfile { DisplayName = displayName };
        return MessagePadding.Pad(new Content { DataMessage = data }.ToByteArray());
    }

    /// <summary>Reads a post's data; null when it is not a padded Content protobuf with a data message.</summary>
    public static CommunityContentView? Read(ReadOnlySpan<byte> data)
    {
        // Session pads; some clients do not. Try the padded form first, then the bytes as they are.
        if (MessagePadding.TryUnpad(data, out var unpadded) && Parse(unpadded) is { } padded)
            return padded;
        return Parse(data);
    }

    private static CommunityContentView? Parse(ReadOnlySpan<byte> bytes)
    {
        Content content;
        try
        {
            content = Content.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException)
        {
            return null;
        }
        if (content.DataMessage is not { } data)
            return null;
        var quote = data.Quote;
        return new CommunityContentView(
            data.HasBody ? data.Body : null,
            (long)data.Timestamp,
            data.Profile is { HasDisplayName: true } profile ? profile.DisplayName : null,
            quote is null ? null : (long)quote.Id,
            quote is { HasAuthor: true } ? quote.Author : null,
            quote is { HasText: true } ? quote.Text : null);
    }
}
