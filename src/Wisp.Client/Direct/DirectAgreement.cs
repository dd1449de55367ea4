using Google.Protobuf;
using Wisp.Client.Messaging;
using Wisp.Crypto.Keys;
using Wisp.Protocol.Content;
using Wisp.Protocol.Direct;

namespace Wisp.Client.Direct;

/// <summary>
/// The direct-mode agreement with a contact: turning it on or off here sends a signed <see cref="DirectOffer"/> end to
/// end through the contact's swarm (inside the 1:1 encryption, as its own Content field, never a chat message), and
/// offers that arrive move the state machine (<see cref="DirectStates"/>). An offer older than the last one taken from
/// that account is ignored, so a late copy cannot turn back on what was turned off.
/// </summary>
internal sealed class DirectAgreement(DirectStore store, Sender sender, Ed25519KeyPair account, Func<long> nowMs)
{
    /// <summary>Raised when a contact's state changed (here or by their offer), with the new state.</summary>
    public event Action<AccountId, DirectState>? Changed;

    /// <summary>This device's direct public key.</summary>
    public X25519PublicKey DeviceKey()
    {
        using var pair = store.DeviceKey(nowMs());
        return pair.X25519PublicKey;
    }

    /// <summary>
    /// Turns direct mode with <paramref name="peer"/> on (<paramref name="on"/>) or off and tells them. Null when done,
    /// else why not (the network did not take the offer: nothing changed).
    /// </summary>
    public async Task<string?> SetAsync(AccountId peer, bool on, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(peer);
        var now = nowMs();
        var current = store.Get(peer).State;
        var next = on ? DirectStates.AfterLocalOn(current) : DirectStates.AfterOff(current);
        var offer = DirectOffer.Create(on ? DirectOfferKind.On : DirectOfferKind.Off, DeviceKey().Span, now, account);
        var content = new Content { WispDirect = ByteString.CopyFrom(offer.Encode()), SigTimestamp = (ulong)now };
        if (!await sender.SendSignalAsync(peer, content, DirectLimits.OfferTtl, cancellationToken).ConfigureAwait(false))
            return "the network did not take the offer (is `wisp up` running?); nothing changed.";
        store.SetState(peer, next, now);
        Changed?.Invoke(peer, next);
        return null;
    }

    /// <summary>Takes an offer that came from <paramref name="from"/>: null when applied, else why it was dropped.</summary>
    public string? Take(AccountId from, ReadOnlySpan<byte> bytes)
    {
        ArgumentNullException.ThrowIfNull(from);
        if (DirectOffer.TryDecode(bytes, from, out var error) is not { } offer)
            return $"a direct offer from {from} that is not valid: {error}";
        var contact = store.Get(from);
        if (contact.TheirOfferAtMs is { } last && offer.TimestampMs < last)
            return $"a direct offer from {from} older than the last one taken";
        var next = offer.Kind == DirectOfferKind.On ? DirectStates.AfterTheirOn(contact.State) : DirectStates.AfterOff(contact.State);
        var now = nowMs();
        store.SetState(from, next, now, offer.TimestampMs);
        if (offer.Kind == DirectOfferKind.On)
            store.AddKey(from, offer.DirectKey, offer.TimestampMs);
        if (next != contact.State)
            Changed?.Invoke(from, next);
        return null;
    }
}
