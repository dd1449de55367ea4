using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Wisp.Crypto.Hashing;
using Wisp.Crypto.Kem;
using Wisp.Crypto.Keys;

namespace Wisp.Crypto.Ratchet;

/// <summary>The seed exchange: a fresh X25519 agreement plus an ML-KEM-768 encapsulation give the first root key.</summary>
public sealed partial class RatchetSession
{
    /// <summary>
    /// The acceptor's side: given the opener's hello keys, makes a fresh X25519 key and an encapsulation to the
    /// hello's ML-KEM key, derives the root key and returns a session that can send at once. False when the hello's
    /// keys are unusable (a low-order X25519 key, an invalid ML-KEM key). The associated data names both parties in
    /// role order (opener first): the same bytes on both sides.
    /// </summary>
    public static bool TryAccept(
        X25519PublicKey helloX25519, ReadOnlySpan<byte> helloKem, ReadOnlySpan<byte> associatedData,
        [NotNullWhen(true)] out RatchetSession? session, [NotNullWhen(true)] out X25519PublicKey? acceptX25519,
        [NotNullWhen(true)] out byte[]? acceptCiphertext)
    {
        ArgumentNullException.ThrowIfNull(helloX25519);
        session = null;
        acceptX25519 = null;
        acceptCiphertext = null;
        if (helloKem.Length != MlKem768.PublicKeyBytes || !MlKem768.IsValidPublicKey(helloKem))
            return false;
        using var ours = X25519KeyPair.Generate();
        if (!X25519.TryAgree(ours, helloX25519, out var shared))
            return false;
        var ciphertext = new byte[MlKem768.CiphertextBytes];
        Span<byte> kemSecret = stackalloc byte[MlKem768.SharedSecretBytes];
        MlKem768.Encapsulate(helloKem, ciphertext, kemSecret);
        var state = new RatchetState { AssociatedData = associatedData.ToArray() };
        using (shared)
            RatchetKdf.Seed(shared.Span, kemSecret, Transcript(helloX25519, helloKem, ours.PublicKey, ciphertext), state.RootKey);
        CryptographicOperations.ZeroMemory(kemSecret);
        // Signal's initiator role: the first send makes a fresh ratchet key against the hello's X25519 key.
        state.DhRemote = helloX25519.Span.ToArray();
        state.NeedsSendStep = true;
        session = new RatchetSession(state);
        acceptX25519 = ours.PublicKey;
        acceptCiphertext = ciphertext;
        return true;
    }

    /// <summary>
    /// The opener's side: completes its hello with the acceptor's X25519 key and ciphertext. The session can receive
    /// at once and send after its first receive. False when the acceptor's values are unusable.
    /// </summary>
    public static bool TryComplete(
        RatchetHello hello, X25519PublicKey acceptX25519, ReadOnlySpan<byte> acceptCiphertext, ReadOnlySpan<byte> associatedData,
        [NotNullWhen(true)] out RatchetSession? session)
    {
        ArgumentNullException.ThrowIfNull(hello);
        ArgumentNullException.ThrowIfNull(acceptX25519);
        session = null;
        if (acceptCiphertext.Length != MlKem768.CiphertextBytes)
            return false;
        using var ours = X25519KeyPair.FromSecret(hello.X25519Secret);
        if (!X25519.TryAgree(ours, acceptX25519, out var shared))
            return false;
        Span<byte> kemSecret = stackalloc byte[MlKem768.SharedSecretBytes];
        using (var kem = MlKem768KeyPair.FromSeed(hello.KemSeed))
            kem.Decapsulate(acceptCiphertext, kemSecret);
        var state = new RatchetState { AssociatedData = associatedData.ToArray() };
        using (shared)
            RatchetKdf.Seed(shared.Span, kemSecret, Transcript(hello.X25519PublicKey, hello.KemPublicKey, acceptX25519, acceptCiphertext), state.RootKey);
        CryptographicOperations.ZeroMemory(kemSecret);
        // Signal's responder role: our hello key is the first ratchet key the acceptor's chain is built against.
        state.DhSelfSecret = hello.X25519Secret.ToArray();
        state.DhSelfPublic = hello.X25519PublicKey.Span.ToArray();
        session = new RatchetSession(state);
        return true;
    }

    /// <summary>Hello X25519 ‖ accept X25519 ‖ BLAKE2b-256(hello ML-KEM key ‖ ciphertext): every public value of the exchange.</summary>
    private static byte[] Transcript(X25519PublicKey helloX25519, ReadOnlySpan<byte> helloKem, X25519PublicKey acceptX25519, ReadOnlySpan<byte> ciphertext)
    {
        var hasher = Blake2b.CreateIncremental(32);
        hasher.Update(helloKem);
        hasher.Update(ciphertext);
        var transcript = new byte[2 * X25519PublicKey.Bytes + 32];
        helloX25519.Span.CopyTo(transcript);
        acceptX25519.Span.CopyTo(transcript.AsSpan(X25519PublicKey.Bytes));
        hasher.Finish(transcript.AsSpan(2 * X25519PublicKey.Bytes));
        return transcript;
    }
}
