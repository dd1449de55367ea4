using System.Text;
using Wisp.Client.Keys;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Ratchet;
using Wisp.Protocol.Bencode;
using Wisp.Protocol.Ratchet;

namespace Wisp.Client.Ratchet;

/// <summary>
/// Wisp's ratchet inside forward-secret v2 messages (docs/PROTOCOL.md "Wisp's ratchet"). Every v2 message to a peer
/// without a session advertises a hello under "w"; a peer that answers with an accept has a session, and from then on
/// the content rides ratchet-sealed under "r" with "c" empty. A Session client never sends "w", so it never gets "r".
/// While <paramref name="enabled"/> is false (this account has several devices, and a session lives on one) the layer
/// sends plain v2 with an "off" that makes peers drop their sessions, and accepts no hello.
/// </summary>
internal sealed class RatchetLayer(RatchetSessionStore store, AccountId self, Func<bool> enabled) : IV2ContentLayer
{
    /// <summary>How many handled hellos (accepted or declined) a row remembers, so late copies are not acted on.</summary>
    private const int HandledHellos = 8;

    private static readonly Dictionary<string, BencodeValue> None = [];

    /// <inheritdoc />
    public V2Inner Seal(AccountId peer, ReadOnlyMemory<byte> content) => peer.Equals(self)
        ? new V2Inner(content.ToArray(), None) // to this account itself (note to self, sync copies): every device must read it
        : store.Update(peer, row =>
    {
        var extra = new Dictionary<string, BencodeValue>();
        if (!enabled())
        {
            Drop(row);
            extra[RatchetInnerKeys.Negotiation] = RatchetNegotiation.Off();
            return new V2Inner(content.ToArray(), extra);
        }
        if (row.Session is { CanSend: true } session)
        {
            var sealedMessage = session.Seal(content.Span, RatchetMessage.WriteHeader);
            extra[RatchetInnerKeys.Message] = new BencodeString(RatchetMessage.Write(sealedMessage));
            if (row.Accept is not null && BencodeReader.Decode(row.Accept).Value is { } accept)
                extra[RatchetInnerKeys.Negotiation] = accept;
            row.Sealed++;
            return new V2Inner([], extra);
        }
        if (row.Session is not null)
            return new V2Inner(content.ToArray(), None);
        row.Hello ??= RatchetHello.Generate();
        extra[RatchetInnerKeys.Negotiation] = RatchetNegotiation.Hello(row.Hello.X25519PublicKey, row.Hello.KemPublicKey).ToBencode();
        return new V2Inner(content.ToArray(), extra);
    });

    /// <inheritdoc />
    public V2Unlayered Open(AccountId sender, ReadOnlyMemory<byte> c, IReadOnlyDictionary<string, BencodeValue> extra) => sender.Equals(self)
        ? V2Unlayered.Of(c.ToArray())
        : store.Update(sender, row =>
    {
        if (extra.TryGetValue(RatchetInnerKeys.Negotiation, out var w))
        {
            if (RatchetNegotiation.IsOff(w))
                Drop(row);
            else if (enabled() && RatchetNegotiation.Read(w, out _) is { } negotiation)
                Negotiate(row, sender, negotiation);
        }
        if (!extra.TryGetValue(RatchetInnerKeys.Message, out var r))
            return V2Unlayered.Of(c.ToArray());
        if (r is not BencodeString bytes)
            return V2Unlayered.Failed("ratchet message: \"r\" is not a string");
        var read = RatchetMessage.Read(bytes.Bytes);
        if (read.Message is not { } message)
            return V2Unlayered.Failed($"ratchet message: {read.Error}");
        if (row.Session is null)
            return V2Unlayered.Failed("ratchet message from a peer this client has no ratchet session with");
        var opened = row.Session.Open(message.Header, message.HeaderBytes.Span, message.Ciphertext.Span);
        if (!opened.Succeeded)
            return V2Unlayered.Failed($"ratchet message refused: {opened.Failure}");
        row.Opened++;
        row.Accept = null; // the peer has its session: our accept has done its job
        return V2Unlayered.Of(opened.Plaintext);
    });

    private void Negotiate(RatchetRow row, AccountId peer, RatchetNegotiation negotiation)
    {
        if (!negotiation.IsHello)
        {
            if (negotiation.Dropped is { } dropped)
                Handle(row, dropped);
            if (row.Hello is not { } hello || !hello.X25519PublicKey.Equals(negotiation.Answers))
                return;
            if (RatchetSession.TryComplete(hello, negotiation.X25519, negotiation.KemCiphertext, AssociatedData(self, peer), out var completed))
                Replace(row, completed);
            return;
        }
        if (Handled(row, negotiation.X25519))
            return;
        Handle(row, negotiation.X25519);
        // Two hellos crossed: the lower Account ID's hello wins; its owner waits for the other side's accept.
        if (row.Session is null && row.Hello is not null && string.CompareOrdinal(self.Hex, peer.Hex) < 0)
            return;
        if (!RatchetSession.TryAccept(negotiation.X25519, negotiation.KemPublicKey, AssociatedData(peer, self), out var session, out var x, out var ct))
            return;
        var own = row.Hello?.X25519PublicKey;
        Replace(row, session);
        row.Accept = BencodeWriter.Encode(RatchetNegotiation.Accept(x, ct, negotiation.X25519, own).ToBencode());
    }

    private static void Replace(RatchetRow row, RatchetSession session)
    {
        row.Session?.Dispose();
        row.Session = session;
        row.Hello?.Dispose();
        row.Hello = null;
        row.Accept = null;
    }

    private static void Drop(RatchetRow row)
    {
        row.Session?.Dispose();
        row.Session = null;
        row.Hello?.Dispose();
        row.Hello = null;
        row.Accept = null;
    }

    private static bool Handled(RatchetRow row, X25519PublicKey hello)
    {
        var list = row.Answered ?? [];
        for (var at = 0; at + X25519PublicKey.Bytes <= list.Length; at += X25519PublicKey.Bytes)
        {
            if (list.AsSpan(at, X25519PublicKey.Bytes).SequenceEqual(hello.Span))
                return true;
        }
        return false;
    }

    private static void Handle(RatchetRow row, X25519PublicKey hello)
    {
        if (Handled(row, hello))
            return;
        var list = row.Answered ?? [];
        var keep = Math.Min(list.Length, (HandledHellos - 1) * X25519PublicKey.Bytes);
        row.Answered = [.. hello.Span, .. list.AsSpan(0, keep)];
    }

    /// <summary>Both parties' Account IDs in role order, opener first: bound into every ratchet message.</summary>
    private static byte[] AssociatedData(AccountId opener, AccountId acceptor) =>
        Encoding.UTF8.GetBytes($"wisp-ratchet/{opener.Hex}/{acceptor.Hex}");
}
