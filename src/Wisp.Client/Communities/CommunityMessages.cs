using System.Text.Json;
using Wisp.Protocol.Community;
using Wisp.Crypto.Blinding;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Signing;

namespace Wisp.Client.Communities;

/// <summary>
/// Turns the server's messages into stored rows (each post's signature checked against its author's blinded key;
/// a forged or unreadable one is dropped) and stored rows into the views the front door shows.
/// </summary>
internal static class CommunityMessages
{
    /// <summary>The row of a message read from the server, or null when its signature does not verify.</summary>
    public static MessageRow? ToRow(string baseUrl, string token, CommunityMessage message)
    {
        var sender = message.SessionId ?? "";
        var reactions = message.Reactions is { Count: > 0 } r
            ? JsonSerializer.Serialize(r, CommunityJsonContext.Default.IReadOnlyDictionaryStringReactionInfo)
            : null;
        var postedMs = (long)((message.Posted ?? 0) * 1000);
        long? editedMs = message.Edited is { } edited ? (long)(edited * 1000) : null;
        if (message.ReactionsOnly)
            return new MessageRow(baseUrl, token, message.Id, message.Seqno, sender, postedMs, editedMs, null, null, reactions, Deleted: false, ReactionsOnly: true);
        if (message.Deleted || message.Data is null)
            return new MessageRow(baseUrl, token, message.Id, message.Seqno, sender, postedMs, editedMs, null, null, reactions, Deleted: true);
        var data = message.Data;
        var signature = message.Signature ?? [];
        if (!Verifies(sender, data, signature))
            return null;
        var sentMs = CommunityContent.Read(data)?.SentMs;
        return new MessageRow(baseUrl, token, message.Id, message.Seqno, sender, postedMs, editedMs, sentMs, data, reactions, Deleted: false);
    }

    /// <summary>
    /// True when <paramref name="signature"/> is the author's over <paramref name="data"/>: the blinded key itself for a
    /// <c>15…</c>/<c>25…</c> ID. Unblinded (<c>05…</c>) posts are not verifiable from the X25519 key alone and are refused,
    /// as a blinding-only server never relays them.
    /// </summary>
    public static bool Verifies(string sender, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        if (signature.Length != BlindedKeyPair.SignatureBytes || !BlindedId.TryParse(sender, out var id, out _))
            return false;
        return Ed25519.Verify(id.PublicKey, data, signature);
    }

    /// <summary>The view of a stored row; <paramref name="ownId"/> decides <see cref="CommunityMessageView.Mine"/>.</summary>
    public static CommunityMessageView ToView(MessageRow row, string reference, string ownId, CommunityStore store)
    {
        var content = row.Data is null ? null : CommunityContent.Read(row.Data);
        long? replyTo = null;
        if (content is { QuoteSentMs: { } quoted, QuoteAuthor: { } author })
            replyTo = store.FindSent(row.BaseUrl, row.Token, author, quoted);
        return new CommunityMessageView(
            reference, row.Id, row.Seqno, row.Sender, content?.SenderName, row.PostedMs, row.EditedMs,
            row.Deleted ? null : content?.Text, replyTo, content?.QuoteAuthor, content?.QuoteText, Reactions(row.Reactions),
            row.Deleted, row.Sender == ownId);
    }

    private static IReadOnlyList<CommunityReaction> Reactions(string? json)
    {
        if (json is null)
            return [];
        var parsed = CommunityJson.Read(System.Text.Encoding.UTF8.GetBytes(json), CommunityJsonContext.Default.IReadOnlyDictionaryStringReactionInfo);
        if (parsed is null)
            return [];
        return [.. parsed.OrderBy(p => p.Value.Index)
            .Where(p => p.Value.Count > 0)
            .Select(p => new CommunityReaction(p.Key, (int)Math.Min(p.Value.Count, int.MaxValue), p.Value.You == true, p.Value.Reactors ?? []))];
    }

    /// <summary>The DM as shown, or null with why when it cannot be opened.</summary>
    public static CommunityDmView? OpenDm(
        Ed25519KeyPair self, CommunityServer server, WireDm dm, bool outgoing, out string? error)
    {
        error = null;
        if (!BlindedId.TryParse(dm.Sender, out var sender, out _) || !BlindedId.TryParse(dm.Recipient, out var recipient, out _))
        {
            error = "a direct message names an ID that is not blinded";
            return null;
        }
        byte[] ciphertext;
        try
        {
            ciphertext = Convert.FromBase64String(dm.Message ?? "");
        }
        catch (FormatException)
        {
            error = "a direct message is not base64";
            return null;
        }
        if (!BlindedMessages.TryDecrypt(self, server.Key, sender, recipient, ciphertext, out var plain, out var account, out error))
            return null;
        var text = CommunityContent.Read(plain)?.Text ?? System.Text.Encoding.UTF8.GetString(plain);
        return new CommunityDmView(server.Base, dm.Id, outgoing, outgoing ? recipient.Hex : sender.Hex, account.Hex,
            (long)(dm.PostedAt * 1000), text);
    }
}
