using Wisp.Crypto.Aead;
using Wisp.Crypto.DeviceGroups;
using Wisp.Crypto.Kem;
using Wisp.Crypto.Keys;

namespace Wisp.Protocol.Devices;

/// <summary>Fills a buffer with random bytes (libsodium's in use; a fixed stream only for vectors).</summary>
public delegate void RandomFill(Span<byte> buffer);

/// <summary>
/// Seals and opens device group messages (Session's protocol v2, "Device data encryption"). The padded payload is
/// XChaCha20-Poly1305 under a random <c>key_base</c>, nonce BLAKE2b-24(C, key A, pers "SessionDevDNonce"). Each
/// registered device i gets an ML-KEM-768 encapsulation cᵢ (secret sᵢ) and its copy of key_base as XChaCha20 under
/// kᵢ = BLAKE2b-32(aBᵢ ‖ A ‖ Bᵢ ‖ sᵢ ‖ Mᵢ, pers "SessionDevKeyKey"), nonce BLAKE2b-24(cᵢ ‖ d, key A, pers
/// "SessionDevKNonce"), prefixed by the index BLAKE2b-2(A ‖ Bᵢ ‖ Mᵢ ‖ cᵢ ‖ keyᵢ, pers "SessionDevKeyIdx"). Slots are
/// padded to a multiple of 4 with random bytes and shuffled; removed devices get no slot, only a <c>kicked</c> entry.
/// </summary>
public static class DeviceGroupSealer
{
    private static readonly byte[] PayloadNoncePersonal = "SessionDevDNonce"u8.ToArray();
    private static readonly byte[] KeyNoncePersonal = "SessionDevKNonce"u8.ToArray();
    private static readonly byte[] KeyKeyPersonal = "SessionDevKeyKey"u8.ToArray();
    private static readonly byte[] KeyIndexPersonal = "SessionDevKeyIdx"u8.ToArray();
    private static readonly byte[] KickedPersonal = "SessionDevKicked"u8.ToArray();

    /// <summary>
    /// Seals <paramref name="payload"/> for its registered devices, announcing its removals, in the group
    /// <paramref name="groupId"/> whose current account X25519 key is <paramref name="linkX25519"/>, signed by the account.
    /// </summary>
    public static byte[] Seal(
        DeviceGroupPayload payload, DeviceGroupId groupId, ReadOnlySpan<byte> linkX25519, Ed25519KeyPair account, RandomFill random)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(groupId);
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(random);
        var recipients = payload.Devices.Where(d => d.State == DeviceState.Registered).Select(d => d.Record!).ToList();
        var removed = payload.Devices.Where(d => d.State == DeviceState.Removed).Select(d => d.Id).ToList();
        if (recipients.Count == 0)
            throw new ArgumentException("A group message needs at least one registered device.", nameof(payload));

        Span<byte> a = stackalloc byte[32];
        random(a);
        var ephemeral = new byte[32];
        DeviceGroupPrimitives.X25519Public(a, ephemeral);
        var encryptedGroupId = DeviceGroupId.Crypt(groupId.Span, ephemeral, account.Seed);
        var kicked = Slots(removed.Count, DeviceGroupMessage.KickedBytes, random, out var kickedSlots);
        for (var i = 0; i < removed.Count; i++)
            KickedEntry(ephemeral, account.Seed, removed[i], kicked.AsSpan(kickedSlots[i] * DeviceGroupMessage.KickedBytes, DeviceGroupMessage.KickedBytes));

        var ciphertexts = Slots(recipients.Count, DeviceGroupMessage.CiphertextBytes, random, out var slots);
        var keys = new byte[slots.Length * DeviceGroupMessage.KeySlotBytes];
        random(keys);
        var secrets = new byte[recipients.Count * MlKem768.SharedSecretBytes];
        Span<byte> coins = stackalloc byte[MlKem768.EncapsulationSeedBytes];
        var encapsulated = new bool[recipients.Count];
        for (var i = 0; i < recipients.Count; i++)
        {
            random(coins);
            if (!MlKem768.IsValidPublicKey(recipients[i].MlKemPublicKey))
                continue; // its slots stay random, like the X25519 case below
            encapsulated[i] = true;
            MlKem768.EncapsulateDeterministic(
                recipients[i].MlKemPublicKey, coins, CiphertextAt(ciphertexts, slots[i]), secrets.AsSpan(i * 32, 32));
        }

        Span<byte> nonce = stackalloc byte[24];
        Span<byte> keyBase = stackalloc byte[32];
        DeviceGroupPrimitives.Blake2b(nonce, ephemeral, PayloadNoncePersonal, ciphertexts);
        random(keyBase);
        var padded = payload.EncodePadded();
        var encrypted = new byte[padded.Length + XChaCha20Poly1305.TagBytes];
        XChaCha20Poly1305.Encrypt(keyBase, nonce, padded, default, encrypted);

        Span<byte> shared = stackalloc byte[32];
        Span<byte> wrapKey = stackalloc byte[32];
        for (var i = 0; i < recipients.Count; i++)
        {
            var slot = keys.AsSpan(slots[i] * DeviceGroupMessage.KeySlotBytes, DeviceGroupMessage.KeySlotBytes);
            var ct = CiphertextAt(ciphertexts, slots[i]);
            var device = recipients[i];
            // An invalid device key leaves that slot random: the device cannot read this message, nobody else is hurt.
            if (!encapsulated[i] || !DeviceGroupPrimitives.TryX25519(a, device.X25519PublicKey, shared))
                continue;
            WrapKey(shared, ephemeral, device.X25519PublicKey, secrets.AsSpan(i * 32, 32), device.MlKemPublicKey, wrapKey);
            KeyNonce(ephemeral, ct, encrypted, nonce);
            DeviceGroupPrimitives.XChaCha20Xor(slot[2..], keyBase, nonce, wrapKey);
            KeyIndex(ephemeral, device.X25519PublicKey, device.MlKemPublicKey, ct, slot[2..], slot[..2]);
        }
        a.Clear();
        keyBase.Clear();
        shared.Clear();
        wrapKey.Clear();
        System.Security.Cryptography.CryptographicOperations.ZeroMemory(secrets);
        return DeviceGroupMessage.EncodeSigned(encryptedGroupId, ephemeral, ciphertexts, keys, linkX25519, encrypted, kicked, account);
    }

    /// <summary>
    /// The padded payload plaintext, opened with whichever of <paramref name="deviceKeys"/> (this device's current and
    /// recent keys) a slot was made for; null when none was (not a member, removed, or keys rotated past).
    /// </summary>
    public static byte[]? TryOpen(DeviceGroupMessage message, IReadOnlyList<DeviceKeys> deviceKeys)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(deviceKeys);
        Span<byte> payloadNonce = stackalloc byte[24];
        Span<byte> keyNonce = stackalloc byte[24];
        Span<byte> index = stackalloc byte[2];
        Span<byte> shared = stackalloc byte[32];
        Span<byte> mlSecret = stackalloc byte[32];
        Span<byte> wrapKey = stackalloc byte[32];
        Span<byte> keyBase = stackalloc byte[32];
        DeviceGroupPrimitives.Blake2b(payloadNonce, message.Ephemeral, PayloadNoncePersonal, message.Ciphertexts);
        var plaintext = new byte[message.Payload.Length - XChaCha20Poly1305.TagBytes];
        try
        {
            for (var i = 0; i < message.SlotCount; i++)
            {
                var ct = CiphertextAt(message.Ciphertexts, i);
                var slot = message.Keys.AsSpan(i * DeviceGroupMessage.KeySlotBytes, DeviceGroupMessage.KeySlotBytes);
                KeyNonce(message.Ephemeral, ct, message.Payload, keyNonce);
                foreach (var keys in deviceKeys)
                {
                    var b = keys.X25519.PublicKey.Span;
                    var m = keys.MlKem.PublicKey;
                    // The cheap check first: a 2-byte hash rules out nearly every slot that is not ours.
                    KeyIndex(message.Ephemeral, b, m, ct, slot[2..], index);
                    if (!index.SequenceEqual(slot[..2]) || !DeviceGroupPrimitives.TryX25519(keys.X25519, message.Ephemeral, shared))
                        continue;
                    keys.MlKem.Decapsulate(ct, mlSecret);
                    WrapKey(shared, message.Ephemeral, b, mlSecret, m, wrapKey);
                    DeviceGroupPrimitives.XChaCha20Xor(keyBase, slot[2..], keyNonce, wrapKey);
                    if (XChaCha20Poly1305.Decrypt(keyBase, payloadNonce, message.Payload, default, plaintext))
                        return plaintext;
                }
            }
            return null;
        }
        finally
        {
            shared.Clear();
            mlSecret.Clear();
            wrapKey.Clear();
            keyBase.Clear();
        }
    }

    /// <summary>True when the message's <c>kicked</c> list names <paramref name="deviceId"/>: this device was removed.</summary>
    public static bool NamesKicked(DeviceGroupMessage message, ReadOnlySpan<byte> accountSeed, ReadOnlySpan<byte> deviceId)
    {
        ArgumentNullException.ThrowIfNull(message);
        Span<byte> entry = stackalloc byte[DeviceGroupMessage.KickedBytes];
        KickedEntry(message.Ephemeral, accountSeed, deviceId, entry);
        for (var at = 0; at < message.Kicked.Length; at += DeviceGroupMessage.KickedBytes)
        {
            if (message.Kicked.AsSpan(at, DeviceGroupMessage.KickedBytes).SequenceEqual(entry))
                return true;
        }
        return false;
    }

    /// <summary>The message's group identifier, readable by any holder of the account seed; null for a message without one.</summary>
    public static DeviceGroupId? GroupOf(DeviceGroupMessage message, ReadOnlySpan<byte> accountSeed)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.EncryptedGroupId is { } encrypted ? new DeviceGroupId(DeviceGroupId.Crypt(encrypted, message.Ephemeral, accountSeed)) : null;
    }

    /// <summary>kick = BLAKE2b-16(seed ‖ device id, key A, pers "SessionDevKicked").</summary>
    public static void KickedEntry(ReadOnlySpan<byte> ephemeral, ReadOnlySpan<byte> accountSeed, ReadOnlySpan<byte> deviceId, Span<byte> entry)
    {
        Span<byte> input = stackalloc byte[accountSeed.Length + deviceId.Length];
        accountSeed.CopyTo(input);
        deviceId.CopyTo(input[accountSeed.Length..]);
        DeviceGroupPrimitives.Blake2b(entry, ephemeral, KickedPersonal, input);
        input.Clear();
    }

    // A zero-filled area of 4⌈n/4⌉ slots with random padding, and a shuffled slot for each of the n real entries.
    private static byte[] Slots(int count, int size, RandomFill random, out int[] positions)
    {
        var total = (count + DeviceGroupLimits.SlotGroup - 1) / DeviceGroupLimits.SlotGroup * DeviceGroupLimits.SlotGroup;
        var area = new byte[total * size];
        random(area);
        var order = Enumerable.Range(0, total).ToArray();
        for (var i = total - 1; i > 0; i--)
        {
            var j = UniformBelow(i + 1, random);
            (order[i], order[j]) = (order[j], order[i]);
        }
        positions = order;
        return area;
    }

    private static int UniformBelow(int bound, RandomFill random)
    {
        Span<byte> bytes = stackalloc byte[4];
        var limit = uint.MaxValue - (uint.MaxValue % (uint)bound);
        while (true)
        {
            random(bytes);
            var value = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(bytes);
            if (value < limit)
                return (int)(value % (uint)bound);
        }
    }

    private static Span<byte> CiphertextAt(byte[] ciphertexts, int slot) =>
        ciphertexts.AsSpan(slot * DeviceGroupMessage.CiphertextBytes, DeviceGroupMessage.CiphertextBytes);

    private static void WrapKey(
        ReadOnlySpan<byte> shared, ReadOnlySpan<byte> ephemeral, ReadOnlySpan<byte> b, ReadOnlySpan<byte> mlSecret, ReadOnlySpan<byte> m, Span<byte> output)
    {
        var input = new byte[32 + 32 + 32 + 32 + m.Length];
        shared.CopyTo(input);
        ephemeral.CopyTo(input.AsSpan(32));
        b.CopyTo(input.AsSpan(64));
        mlSecret.CopyTo(input.AsSpan(96));
        m.CopyTo(input.AsSpan(128));
        DeviceGroupPrimitives.Blake2b(output, default, KeyKeyPersonal, input);
        System.Security.Cryptography.CryptographicOperations.ZeroMemory(input);
    }

    private static void KeyNonce(ReadOnlySpan<byte> ephemeral, ReadOnlySpan<byte> ct, ReadOnlySpan<byte> payload, Span<byte> output)
    {
        var input = new byte[ct.Length + payload.Length];
        ct.CopyTo(input);
        payload.CopyTo(input.AsSpan(ct.Length));
        DeviceGroupPrimitives.Blake2b(output, ephemeral, KeyNoncePersonal, input);
    }

    private static void KeyIndex(
        ReadOnlySpan<byte> ephemeral, ReadOnlySpan<byte> b, ReadOnlySpan<byte> m, ReadOnlySpan<byte> ct, ReadOnlySpan<byte> wrapped, Span<byte> output)
    {
        var input = new byte[32 + 32 + m.Length + ct.Length + wrapped.Length];
        ephemeral.CopyTo(input);
        b.CopyTo(input.AsSpan(32));
        m.CopyTo(input.AsSpan(64));
        ct.CopyTo(input.AsSpan(64 + m.Length));
        wrapped.CopyTo(input.AsSpan(64 + m.Length + ct.Length));
        DeviceGroupPrimitives.Blake2b(output, default, KeyIndexPersonal, input);
    }
}
